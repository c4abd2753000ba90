"""The beschikking: its preview, and its issue with the number, the budget reservation
and the message to the residents."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import message_day
from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.constants import (
    AWARDING,
    REASONED,
)
from wijkvoucher.decisions.links import decision_url
from wijkvoucher.decisions.models import Decision, DecisionCounter
from wijkvoucher.decisions.services.checks import (
    _available,
    _budget_account,
    _budget_exhausted,
    _prepared,
)
from wijkvoucher.decisions.services.guards import (
    DO,
    _initiators,
    _lock_initiative,
    _require_official,
)
from wijkvoucher.decisions.workflow import OUTCOME_STATUS
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.services import (
    InsufficientBalance,
    ledger_account_open,
    ledger_transaction_post,
)
from wijkvoucher.neighbourhoods.models import BudgetPeriod
from wijkvoucher.neighbourhoods.selectors.budgets import budget_period_current
from wijkvoucher.notifications.services import notification_send

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _reserve(
    *, actor: User, initiative: Initiative, amount_cents: int, on: dt.date
) -> tuple[BudgetPeriod, Account, LedgerTransaction]:
    period, budget = _budget_account(initiative, on)
    code = f"reserved:{initiative.uuid}"
    reserved = Account.objects.filter(code=code).first()
    if reserved is None:
        reserved = ledger_account_open(
            actor=actor,
            code=code,
            kind=AccountKind.RESERVED,
            name=f"{initiative.neighbourhood.name}: {initiative.title}"[:200],
        )
    try:
        posted = ledger_transaction_post(
            actor=actor,
            kind=TransactionKind.DECISION_RESERVE,
            entries=[(budget, -amount_cents), (reserved, amount_cents)],
            memo=f"award {initiative.uuid}",
        )
    except InsufficientBalance:
        raise _budget_exhausted(_available(budget)) from None
    return period, reserved, posted


def _next_number(initiative: Initiative, on: dt.date) -> tuple[str, int]:
    """The next number of the municipality for the year of ``on``, taken under a row
    lock on the counter (created on first use; a concurrent creation loses the unique
    constraint race and then waits on the lock)."""
    municipality = initiative.neighbourhood.municipality
    counter, _created = DecisionCounter.objects.select_for_update().get_or_create(
        municipality=municipality, year=on.year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    number = f"{municipality.slug.upper()}-{on.year}-{counter.last_number:04d}"
    return number, counter.last_number


def _notify_decision(decision: Decision, initiative: Initiative) -> None:
    notification_send(
        recipients=_initiators(initiative),
        kind="decisions.decision_issued",
        subject=_("Decision on your plan %(title)s"),
        body=_(
            "The municipality has decided on your plan %(title)s: %(outcome)s. "
            "Read the decision %(number)s, with the reasons and how to object, on "
            "the website. You can object until %(deadline)s."
        ),
        params={
            "title": initiative.title,
            "outcome": DO(decision.outcome).label,
            "number": decision.number,
            "deadline": message_day(decision.objection_deadline),
        },
        url=decision_url(decision),
    )


def decision_preview(
    *,
    actor: User,
    initiative: Initiative,
    outcome: str,
    amount_cents: int = 0,
    reason_code: str = "",
    motivation: str = "",
    public_explanation: str = "",
    conditions: str = "",
    deviation_motivation: str = "",
) -> Decision:
    """The beschikking as ``decision_issue`` would issue it today, as an unsaved
    ``Decision`` to show (HTML and PDF) before it is sent: the same checks and the
    same text, but it writes nothing, takes no number (``PREVIEW_NUMBER`` stands in)
    and reserves no budget. Refuses exactly as ``decision_issue`` would."""
    _require_official(actor, initiative)
    checked, fields, today = _prepared(
        actor=actor,
        initiative=initiative,
        lock=False,
        outcome=outcome,
        amount_cents=amount_cents,
        reason_code=reason_code,
        motivation=motivation,
        public_explanation=public_explanation,
        conditions=conditions,
        deviation_motivation=deviation_motivation,
    )
    if checked.outcome in AWARDING:
        fields["budget_period"] = budget_period_current(
            neighbourhood=initiative.neighbourhood, on=today
        )
    return Decision(number=str(PREVIEW_NUMBER), year=today.year, sequence=0, **fields)


# Stands in for the number of a beschikking that has not been sent yet.
PREVIEW_NUMBER = _("number follows when sent")


@transaction.atomic
def decision_issue(
    *,
    actor: User,
    initiative: Initiative,
    outcome: str,
    amount_cents: int = 0,
    reason_code: str = "",
    motivation: str = "",
    public_explanation: str = "",
    conditions: str = "",
    deviation_motivation: str = "",
) -> Decision:
    """Issue the beschikking (docs/workflow.md#steps) and move the initiative to
    awarded, partly awarded, rejected or not processed.

    Refusals (``ValidationError`` codes, several at once when several apply):
    ``unknown_outcome``, ``invalid_status`` (from "advice given" any outcome; from
    "checked" only a rejection; from "information requested" only "not processed"),
    ``no_advice``, ``award_not_full``, ``amount_invalid``, ``amount_above_maximum``,
    ``reason_required``, ``unknown_reason``, ``public_explanation_required``,
    ``must_follow_advice`` (binding advice and mandate), ``deviation_unmotivated``
    (advice mode, Awb 3:50), ``wijk_deviation_unmotivated`` (advice mode: against
    what the wijk said in a certified wijkraadpleging, docs/voting.md), ``no_budget``
    and ``budget_exhausted`` (Awb 4:25).
    ``PermissionDenied`` unless the actor is a wijk official other than the
    initiator. A refusal changes nothing."""
    initiative = _lock_initiative(initiative)
    _require_official(actor, initiative)
    checked, fields, today = _prepared(
        actor=actor,
        initiative=initiative,
        lock=True,
        outcome=outcome,
        amount_cents=amount_cents,
        reason_code=reason_code,
        motivation=motivation,
        public_explanation=public_explanation,
        conditions=conditions,
        deviation_motivation=deviation_motivation,
    )
    if checked.outcome in AWARDING:
        period, reserved, posted = _reserve(
            actor=actor,
            initiative=initiative,
            amount_cents=checked.amount_cents,
            on=today,
        )
        fields.update(
            {
                "budget_period": period,
                "reservation_account": reserved,
                "reservation": posted,
            }
        )
    number, sequence = _next_number(initiative, today)
    initiative_transition(
        actor=actor,
        initiative=initiative,
        to=OUTCOME_STATUS[checked.outcome],
        reason_code=checked.reason_code,
        motivation=checked.motivation if checked.outcome in REASONED else number,
    )
    decision = Decision.objects.create(
        number=number, year=today.year, sequence=sequence, **fields
    )
    audit_record(
        actor=actor,
        action="decisions.decision_issue",
        subject=decision,
        data={
            "number": number,
            "initiative": str(initiative.uuid),
            "outcome": checked.outcome.value,
            "amount_cents": checked.amount_cents,
            "reason_code": checked.reason_code,
            "advice": checked.advice.pk if checked.advice else None,
            "deviates_from_advice": checked.deviates,
            "against_wijk": checked.against_wijk,
            "authority_mode": checked.mode,
            "reservation": str(posted.uuid) if checked.outcome in AWARDING else None,
        },
    )
    _notify_decision(decision, initiative)
    return decision
