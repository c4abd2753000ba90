"""The initiative workflow as one readable table (docs/workflow.md#steps).

``initiative_transition`` in services.py is the only code that changes a status; it
refuses every step that is not in ``ALLOWED_TRANSITIONS``. Review changes to this
table as product decisions."""

from __future__ import annotations

from wijkvoucher.initiatives.constants import InitiativeStatus as S

ALLOWED_TRANSITIONS: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.INFORMATION_REQUESTED, S.CHECKED, S.WITHDRAWN}),
    # Awb 4:5/4:15: the hersteltermijn pauses the decision clock. The answer sends the
    # application back to "submitted"; no answer in time means "not processed".
    S.INFORMATION_REQUESTED: frozenset({S.SUBMITTED, S.NOT_PROCESSED, S.WITHDRAWN}),
    # A clearly inadmissible application can be refused right after the check
    # (Hengelo pre-check, docs/workflow.md#steps).
    S.CHECKED: frozenset({S.ON_AGENDA, S.REJECTED, S.WITHDRAWN}),
    S.ON_AGENDA: frozenset({S.IN_CONSULTATION, S.IN_DELIBERATION, S.WITHDRAWN}),
    S.IN_CONSULTATION: frozenset({S.IN_DELIBERATION, S.WITHDRAWN}),
    # Advice (ADVIES, BINDEND_ADVIES) or, under MANDAAT, the decision itself.
    S.IN_DELIBERATION: frozenset(
        {
            S.DEFERRED,
            S.ADVISED,
            S.AWARDED,
            S.PARTLY_AWARDED,
            S.REJECTED,
            S.WITHDRAWN,
        }
    ),
    # Deferred to a later meeting; the decision clock keeps running.
    S.DEFERRED: frozenset({S.ON_AGENDA, S.WITHDRAWN}),
    S.ADVISED: frozenset({S.AWARDED, S.PARTLY_AWARDED, S.REJECTED, S.WITHDRAWN}),
    S.AWARDED: frozenset({S.IN_EXECUTION, S.CANCELLED}),
    S.PARTLY_AWARDED: frozenset({S.IN_EXECUTION, S.CANCELLED}),
    S.IN_EXECUTION: frozenset({S.CANCELLED, S.SETTLED}),
    S.NOT_PROCESSED: frozenset(),
    S.REJECTED: frozenset(),
    S.CANCELLED: frozenset(),
    S.SETTLED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Steps into these statuses need a coded reason and a motivation (Awb 3:46: a decision
# carries its reasons).
REASON_REQUIRED: frozenset[S] = frozenset(
    {S.REJECTED, S.PARTLY_AWARDED, S.DEFERRED, S.CANCELLED, S.NOT_PROCESSED}
)

# Nothing follows these (an objection, bezwaar, runs in parallel and comes later).
TERMINAL: frozenset[S] = frozenset(
    status for status, targets in ALLOWED_TRANSITIONS.items() if not targets
)

# While in these, the Awb decision clock stands still (art. 4:15).
CLOCK_PAUSED: frozenset[S] = frozenset({S.INFORMATION_REQUESTED})

# Received, not yet decided, clock running: these can be overdue.
DECISION_PENDING: frozenset[S] = frozenset(
    {
        S.SUBMITTED,
        S.CHECKED,
        S.ON_AGENDA,
        S.IN_CONSULTATION,
        S.IN_DELIBERATION,
        S.DEFERRED,
        S.ADVISED,
    }
)

# The initiator may withdraw until the decision (the flow).
WITHDRAWABLE: frozenset[S] = frozenset(
    status for status, targets in ALLOWED_TRANSITIONS.items() if S.WITHDRAWN in targets
)

# An awarded plan that has not been settled can still be called off (the reason then
# says why it was not realised).
CANCELLABLE: frozenset[S] = frozenset(
    status for status, targets in ALLOWED_TRANSITIONS.items() if S.CANCELLED in targets
)

# The steps a beschikking takes (the decisions app issues it): from these statuses,
# into whichever of the decided statuses below ``ALLOWED_TRANSITIONS`` allows from
# there. After the regiegroep's advice any decision; a clearly inadmissible plan right
# after the check (Hengelo pre-check) only a rejection; "not processed" when the
# information did not come in (Awb 4:5). Under mandate the regiegroep decides in the
# meeting itself, without a beschikking from here.
DECIDED_BY_BESCHIKKING: frozenset[S] = frozenset(
    {S.AWARDED, S.PARTLY_AWARDED, S.REJECTED, S.NOT_PROCESSED}
)
BESCHIKKING_FROM: frozenset[S] = frozenset(
    {S.ADVISED, S.CHECKED, S.INFORMATION_REQUESTED}
)


def beschikking_targets(status: S) -> frozenset[S]:
    """The statuses a beschikking can move a plan in ``status`` to (none when a
    beschikking is not possible now)."""
    if status not in BESCHIKKING_FROM:
        return frozenset()
    return ALLOWED_TRANSITIONS[status] & DECIDED_BY_BESCHIKKING
