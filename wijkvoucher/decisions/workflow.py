"""The decisions app's status tables (``core.workflow``).

The beschikking moves the initiative through the initiative's own table
(``initiatives.workflow``: ``beschikking_targets``); here only the name of each
outcome's status, and from that which outcomes are possible from which status. The
objection (bezwaar) has a machine of its own: received, then decided once.
``decisions.transitions`` is the only code that takes an objection's step; each step
leaves a history row (the law: Awb 7:10 terms). Review changes as product
decisions."""

from __future__ import annotations

from wijkvoucher.core.workflow import Machine, Step
from wijkvoucher.decisions.constants import DecisionOutcome as DO
from wijkvoucher.decisions.constants import ObjectionStatus as O
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.workflow import BESCHIKKING_FROM, beschikking_targets

# The initiative status each outcome of a beschikking leads to.
OUTCOME_STATUS: dict[DO, S] = {
    DO.AWARD: S.AWARDED,
    DO.PARTLY_AWARD: S.PARTLY_AWARDED,
    DO.REJECT: S.REJECTED,
    DO.NOT_PROCESSED: S.NOT_PROCESSED,
}

# Which outcomes a beschikking may have from which status (derived from the
# initiative's table, so that the two cannot disagree).
OUTCOMES_FROM: dict[S, frozenset[DO]] = {
    status: frozenset(
        outcome
        for outcome, target in OUTCOME_STATUS.items()
        if target in beschikking_targets(status)
    )
    for status in BESCHIKKING_FROM
}

OBJECTION = Machine(
    name="decisions.objection",
    history=True,
    steps=tuple(
        Step(O.RECEIVED, decided, "decisions.objection_decide")
        # Upheld, partly upheld, unfounded or not admissible (each motivated), or
        # withdrawn by the objector.
        for decided in (
            O.UPHELD,
            O.PARTLY_UPHELD,
            O.REJECTED,
            O.NOT_ADMISSIBLE,
            O.WITHDRAWN,
        )
    ),
)
