"""The public part of a beschikking (decisions app): outcome, amount, coded reason,
date, number and the explanation written for the public. Never the motivation, the
conditions, the letter or who signed it: those fields are not even read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from wijkvoucher.decisions.constants import FOLLOW_UP, PUBLICLY_EXPLAINED
from wijkvoucher.decisions.models import Decision


@dataclass(frozen=True)
class DecisionFact:
    outcome: str
    amount_cents: int
    reason_code: str
    issued_on: dt.date
    number: str
    # Only for the outcomes the decisions app explains in public (partly awarded,
    # rejected); empty otherwise.
    public_explanation: str


def decision_facts(*, initiative_ids: Iterable[int]) -> dict[int, DecisionFact]:
    """The latest beschikking of each initiative in ``initiative_ids``, by initiative
    pk, in one query (none when the list is empty)."""
    ids = sorted(set(initiative_ids))
    if not ids:
        return {}
    rows = (
        Decision.objects.filter(initiative_id__in=ids)
        # The vaststelling and the terugvordering come after the decision on the
        # application; the public page shows them apart (accountability).
        .exclude(outcome__in=sorted(FOLLOW_UP))
        .only(
            "pk",
            "initiative_id",
            "outcome",
            "amount_cents",
            "reason_code",
            "issued_on",
            "number",
            "public_explanation",
        )
        .order_by("initiative_id", "issued_on", "pk")
    )
    facts: dict[int, DecisionFact] = {}
    for decision in rows:
        # Ordered oldest first: the last one per initiative wins.
        facts[decision.initiative_id] = DecisionFact(
            outcome=decision.outcome,
            amount_cents=decision.amount_cents,
            reason_code=decision.reason_code,
            issued_on=decision.issued_on,
            number=decision.number,
            public_explanation=(
                decision.public_explanation
                if decision.outcome in PUBLICLY_EXPLAINED
                else ""
            ),
        )
    return facts
