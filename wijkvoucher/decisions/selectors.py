"""Reads of the decisions app: an initiative's beschikkingen and objections, the
public list of decisions without personal data, and what is reserved of a budget."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from wijkvoucher.decisions.constants import AWARDING, DecisionOutcome, ObjectionStatus
from wijkvoucher.decisions.models import Decision, Objection
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.models import Initiative, StatusChange
from wijkvoucher.ledger.models import Account
from wijkvoucher.neighbourhoods.constants import VaststellingMode
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood

PUBLIC_OUTCOMES = (
    DecisionOutcome.AWARD,
    DecisionOutcome.PARTLY_AWARD,
    DecisionOutcome.REJECT,
)


def decision_award_latest(*, initiative: Initiative) -> Decision | None:
    """The plan's latest awarding beschikking (with its budget period and
    reservation), or None."""
    return (
        Decision.objects.filter(initiative=initiative, outcome__in=sorted(AWARDING))
        .select_related("budget_period__account", "reservation_account")
        .order_by("-issued_on", "-pk")
        .first()
    )


def decisions_for_initiative(*, initiative: Initiative) -> QuerySet[Decision]:
    """The initiative's beschikkingen, oldest first."""
    return (
        Decision.objects.filter(initiative=initiative)
        .select_related("decided_by", "advice")
        .order_by("issued_on", "pk")
    )


def decision_with_details(*, decision_uuid: uuid.UUID | str) -> Decision | None:
    """One decision with everything its document shows, or None."""
    return (
        Decision.objects.select_related(
            "initiative__neighbourhood__municipality",
            "initiative__initiator",
            "initiative__contact_official",
            "municipality",
            "decided_by",
            "advice",
        )
        .filter(uuid=decision_uuid)
        .first()
    )


def objections_for_decision(*, decision: Decision) -> QuerySet[Objection]:
    return Objection.objects.filter(decision=decision).order_by("received_on", "pk")


def objection_with_details(*, objection_uuid: uuid.UUID | str) -> Objection | None:
    return (
        Objection.objects.select_related(
            "decision__initiative__neighbourhood", "registered_by", "decided_by"
        )
        .filter(uuid=objection_uuid)
        .first()
    )


def objections_for_initiative(*, initiative: Initiative) -> QuerySet[Objection]:
    return (
        Objection.objects.filter(decision__initiative=initiative)
        .select_related("decision")
        .order_by("received_on", "pk")
    )


def settlement_text(*, decision: Decision) -> str:
    """How the final amount is settled (vaststelling, VNG model-ASV art. 15), in the
    active language; empty for a decision that awards nothing."""
    if decision.outcome not in AWARDING:
        return ""
    weeks = decision.settlement_term_weeks or 0
    if decision.settlement_mode == VaststellingMode.DIRECT:
        return _(
            "The amount is final now (direct vaststelling). You do not need to "
            "account for it afterwards, but keep your receipts: the municipality "
            "may check a sample."
        )
    if decision.settlement_mode == VaststellingMode.ON_APPLICATION:
        return _(
            "After the activity you apply for the final amount with a short report "
            "and your receipts. The municipality then sets the final amount within "
            "%(weeks)s weeks."
        ) % {"weeks": weeks}
    return _(
        "The municipality sets the final amount itself (ambtshalve vaststelling) "
        "within %(weeks)s weeks after the date by which the plan must be carried "
        "out, based on your short report and your receipts. Money you did not "
        "spend goes back to the wijk budget."
    ) % {"weeks": weeks}


@dataclass(frozen=True)
class PublicDecision:
    """A decision as the public page shows it: no personal data, the initiator's
    name only when they agreed to publish it."""

    number: str
    outcome: str
    outcome_label: str
    amount_cents: int
    requested_amount_cents: int
    reason_code: str
    reason_label: str
    public_explanation: str
    issued_on: dt.date
    initiative_uuid: str
    initiative_title: str
    initiative_summary: str
    initiative_status: str
    initiative_status_label: str
    initiator_name: str
    # Awarded but not carried out: the coded reason of the cancellation (its
    # motivation may hold personal data and is not public).
    cancellation_reason_code: str
    cancellation_reason_label: str


def public_decisions(*, neighbourhood: Neighbourhood) -> list[PublicDecision]:
    """Awards, partial awards and rejections in the wijk, newest first."""
    cancellation = (
        StatusChange.objects.filter(
            initiative=OuterRef("initiative"), to_status=InitiativeStatus.CANCELLED
        )
        .order_by("-created_at", "-pk")
        .values("reason_code")[:1]
    )
    rows = (
        Decision.objects.filter(
            initiative__neighbourhood=neighbourhood, outcome__in=PUBLIC_OUTCOMES
        )
        .select_related("initiative__initiator")
        .annotate(cancellation_reason=Subquery(cancellation))
        .order_by("-issued_on", "-pk")
    )
    return [
        PublicDecision(
            number=d.number,
            outcome=d.outcome,
            outcome_label=d.get_outcome_display(),
            amount_cents=d.amount_cents,
            requested_amount_cents=d.requested_amount_cents,
            reason_code=d.reason_code,
            reason_label=d.get_reason_code_display() if d.reason_code else "",
            public_explanation=d.public_explanation,
            issued_on=d.issued_on,
            initiative_uuid=str(d.initiative.uuid),
            initiative_title=d.initiative.title,
            initiative_summary=d.initiative.summary,
            initiative_status=d.initiative.status,
            initiative_status_label=d.initiative.get_status_display(),
            initiator_name=(
                d.initiative.initiator.full_name
                if d.initiative.publish_initiator_name
                else ""
            ),
            cancellation_reason_code=d.cancellation_reason or "",
            cancellation_reason_label=(
                str(ReasonCode(d.cancellation_reason).label)
                if d.cancellation_reason
                else ""
            ),
        )
        for d in rows
    ]


def _reservation_accounts(decisions: QuerySet[Decision]) -> QuerySet[Account]:
    ids = decisions.filter(reservation_account__isnull=False).values(
        "reservation_account_id"
    )
    return Account.objects.filter(pk__in=ids)


def reserved_cents(*, neighbourhood: Neighbourhood) -> int:
    """What is reserved now for awarded plans in the wijk (all budget periods): the
    balances of their reservation accounts, so released money no longer counts."""
    accounts = _reservation_accounts(
        Decision.objects.filter(initiative__neighbourhood=neighbourhood)
    )
    return int(accounts.aggregate(total=Sum("balance_cents"))["total"] or 0)


def reserved_cents_by_period(
    *, budget_periods: Iterable[BudgetPeriod]
) -> dict[int, int]:
    """``reserved_cents`` per budget period pk (the period the award was reserved
    from), in one query; periods without reservations map to 0."""
    periods = [p.pk for p in budget_periods]
    rows = (
        Decision.objects.filter(
            budget_period_id__in=periods, reservation_account__isnull=False
        )
        .values("budget_period_id", "reservation_account_id")
        .distinct()
    )
    account_period = {r["reservation_account_id"]: r["budget_period_id"] for r in rows}
    totals = dict.fromkeys(periods, 0)
    balances = Account.objects.filter(pk__in=account_period).values_list(
        "pk", "balance_cents"
    )
    for pk, balance in balances:
        totals[account_period[pk]] += int(balance)
    return totals


def objections_in(
    *, neighbourhoods: QuerySet[Neighbourhood], open_: bool
) -> QuerySet[Objection]:
    """The objections against beschikkingen in ``neighbourhoods``: with ``open_``
    those still to decide, soonest due first; else the decided ones, latest first."""
    objections = Objection.objects.filter(
        decision__initiative__neighbourhood__in=neighbourhoods
    ).select_related("decision__initiative__neighbourhood")
    if open_:
        return objections.filter(status=ObjectionStatus.RECEIVED).order_by(
            "decision_due_on", "received_on", "pk"
        )
    return objections.exclude(status=ObjectionStatus.RECEIVED).order_by(
        "-decided_on", "-pk"
    )


def decisions_in(
    *, neighbourhoods: QuerySet[Neighbourhood], number: str = ""
) -> QuerySet[Decision]:
    """The beschikkingen in ``neighbourhoods``, latest first; with ``number``, only
    those whose number contains it (an objection letter names the number)."""
    decisions = Decision.objects.filter(
        initiative__neighbourhood__in=neighbourhoods
    ).select_related("initiative__neighbourhood")
    if number.strip():
        decisions = decisions.filter(number__icontains=number.strip())
    return decisions.order_by("-issued_on", "-pk")
