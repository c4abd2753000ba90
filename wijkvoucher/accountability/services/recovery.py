"""The terugvordering (Awb 4:57): money the initiator must pay back, with a reason
and a beschikking, held in the ledger on a receivable account of the plan until it is
paid; what comes in goes to the wijk budget (docs/money.md, I13). What is still owed
can be waived (kwijtschelding) with a beschikking of its own: the receivable is then
written off to the municipality's account of waived claims."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.constants import (
    RECOVERY_PAY_WEEKS,
    RecoveryReason,
    RecoveryStatus,
)
from wijkvoucher.accountability.models import (
    Recovery,
    RecoveryPayment,
    RecoveryWaiver,
)
from wijkvoucher.accountability.permissions import may_record_payment
from wijkvoucher.accountability.services.guards import lock_plan, require_official
from wijkvoucher.accountability.services.transitions import accountability_transition
from wijkvoucher.accountability.workflows import RECOVERY
from wijkvoucher.core.dates import message_day
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.services import decision_issue_follow_up
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.services import ledger_transaction_post
from wijkvoucher.neighbourhoods.selectors.budgets import budget_period_current
from wijkvoucher.neighbourhoods.services.budgets import funding_account_code
from wijkvoucher.vouchers.services.accounts import account_get_or_open, returned_account

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.initiatives.models import Initiative
    from wijkvoucher.neighbourhoods.models import Municipality

# A plan whose money was (partly) spent: being carried out or settled.
RECOVERABLE = frozenset({InitiativeStatus.IN_EXECUTION, InitiativeStatus.SETTLED})


def receivable_account(*, actor: User | None, initiative: Initiative) -> Account:
    return account_get_or_open(
        actor=actor,
        code=f"receivable:{initiative.uuid}",
        kind=AccountKind.RECEIVABLE,
        name=f"{initiative.title} (terug te betalen)",
    )


@transaction.atomic
def recovery_open(
    *,
    actor: User,
    initiative: Initiative,
    reason: str,
    amount_cents: int,
    motivation: str,
) -> Recovery:
    """Reclaim money from the initiator: a beschikking (terugvordering) and a ledger
    claim (receivable up, the municipality's funding account down). Refusals:
    ``invalid_status``, ``unknown_reason``, ``amount_invalid``,
    ``motivation_required``, ``no_award``, ``no_funding``. ``PermissionDenied``
    unless a wijk official other than the initiator."""
    initiative = lock_plan(initiative)
    require_official(actor, initiative)
    if initiative.status not in RECOVERABLE:
        raise ValidationError(
            _("Money can only be reclaimed from a plan that was carried out."),
            code="invalid_status",
        )
    if reason not in RecoveryReason.values:
        raise ValidationError(
            _("Choose a reason from the list."), code="unknown_reason"
        )
    municipality = initiative.neighbourhood.municipality
    funding = Account.objects.filter(code=funding_account_code(municipality)).first()
    if funding is None:
        raise ValidationError(
            _("The municipality has no funding account yet."), code="no_funding"
        )
    today = timezone.localdate()
    due_on = today + dt.timedelta(weeks=RECOVERY_PAY_WEEKS)
    decision = decision_issue_follow_up(
        actor=actor,
        initiative=initiative,
        outcome=DecisionOutcome.RECOVER,
        amount_cents=amount_cents,
        motivation=f"{RecoveryReason(reason).label}. {motivation.strip()}"
        if motivation.strip()
        else "",
        conditions=str(
            _("Pay the amount back before %(date)s.") % {"date": message_day(due_on)}
        ),
    )
    receivable = receivable_account(actor=actor, initiative=initiative)
    posted = ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.RECOVERY_CLAIM,
        entries=[(receivable, amount_cents), (funding, -amount_cents)],
        memo=f"recovery {decision.number}",
    )
    recovery = Recovery.objects.create(
        initiative=initiative,
        reason=reason,
        motivation=motivation.strip(),
        amount_cents=amount_cents,
        due_on=due_on,
        decision=decision,
        account=receivable,
        claim=posted,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="accountability.recovery_open",
        subject=initiative,
        data={
            "recovery": str(recovery.uuid),
            "decision": decision.number,
            "reason": reason,
            "amount_cents": amount_cents,
            "transaction": str(posted.uuid),
        },
    )
    return recovery


def _destination(*, actor: User, initiative: Initiative, on: dt.date) -> Account:
    """The wijk's running budget period; without one, the wijk's returned account
    (back to the council), as unspent voucher money goes."""
    period = budget_period_current(neighbourhood=initiative.neighbourhood, on=on)
    if period is not None and period.account_id is not None:
        return period.account  # type: ignore[return-value]
    return returned_account(actor=actor, neighbourhood=initiative.neighbourhood)


@transaction.atomic
def recovery_payment_record(
    *,
    actor: User,
    recovery: Recovery,
    amount_cents: int,
    received_on: dt.date | None = None,
) -> RecoveryPayment:
    """Record money the initiator paid back: it leaves the receivable and goes to
    the wijk budget. Paid in full, the recovery is closed. Refusals:
    ``invalid_status``, ``amount_invalid`` (more than is still owed),
    ``date_in_future``. ``PermissionDenied`` unless a wijk official or cash
    manager other than the initiator."""
    initiative = lock_plan(recovery.initiative)
    recovery = Recovery.objects.select_for_update().get(pk=recovery.pk)
    if not may_record_payment(user=actor, initiative=initiative):
        raise PermissionDenied
    if recovery.status != RecoveryStatus.OPEN:
        raise ValidationError(
            _("This amount has already been paid back."), code="invalid_status"
        )
    today = timezone.localdate()
    day = received_on or today
    if day > today:
        raise ValidationError(
            _("The payment cannot be received in the future."),
            code="date_in_future",
        )
    outstanding = recovery.outstanding_cents
    if (
        isinstance(amount_cents, bool)
        or not isinstance(amount_cents, int)
        or not 0 < amount_cents <= outstanding
    ):
        raise ValidationError(
            _("Enter an amount of at most %(outstanding)s."),
            code="amount_invalid",
            params={"outstanding": format_euro(outstanding)},
        )
    receivable = Account.objects.get(pk=recovery.account_id)
    destination = _destination(actor=actor, initiative=initiative, on=today)
    posted = ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.RECOVERY_RECEIVE,
        entries=[(receivable, -amount_cents), (destination, amount_cents)],
        memo=f"recovery {recovery.decision.number}",
    )
    payment = RecoveryPayment.objects.create(
        recovery=recovery,
        amount_cents=amount_cents,
        received_on=day,
        transaction=posted,
        recorded_by=actor,
    )
    recovery.received_cents = int(recovery.received_cents) + amount_cents
    recovery.save(update_fields=["received_cents", "updated_at"])
    data = {
        "recovery": str(recovery.uuid),
        "amount_cents": amount_cents,
        "to": destination.code,
        "transaction": str(posted.uuid),
    }
    if recovery.outstanding_cents == 0:
        accountability_transition(
            actor=actor,
            machine=RECOVERY,
            row=recovery,
            to=RecoveryStatus.PAID,
            action="accountability.recovery_payment_record",
            audit_subject=initiative,
            audit_data=data,
        )
    else:
        audit_record(
            actor=actor,
            action="accountability.recovery_payment_record",
            subject=initiative,
            data=data,
        )
    return payment


def written_off_account(*, actor: User | None, municipality: Municipality) -> Account:
    """The municipality's account of waived terugvorderingen: what it forgave."""
    return account_get_or_open(
        actor=actor,
        code=f"written_off:{municipality.slug}",
        kind=AccountKind.WRITTEN_OFF,
        name=f"{municipality.name}: kwijtgescholden terugvorderingen",
    )


MAX_REASON = 2000


@transaction.atomic
def recovery_waive(*, actor: User, recovery: Recovery, reason: str) -> RecoveryWaiver:
    """Waive what is still owed on an open recovery (kwijtschelding), by a wijk
    official other than the initiator (who may also reclaim), with a reason. It
    issues a beschikking (outcome ``waive``) for the amount waived, writes the
    receivable off to the municipality's account of waived claims and closes the
    recovery; what was paid before stays paid. Refusals: ``invalid_status``,
    ``reason_required``, ``too_long``. ``PermissionDenied`` unless a wijk
    official other than the initiator."""
    initiative = lock_plan(recovery.initiative)
    recovery = Recovery.objects.select_for_update().get(pk=recovery.pk)
    require_official(actor, initiative)
    if recovery.status != RecoveryStatus.OPEN or recovery.outstanding_cents <= 0:
        raise ValidationError(
            _("Nothing is owed on this recovery any more."), code="invalid_status"
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Explain why the rest is waived."), code="reason_required"
        )
    if len(reason) > MAX_REASON:
        raise ValidationError(_("Write at most 2000 characters."), code="too_long")
    amount = recovery.outstanding_cents
    decision = decision_issue_follow_up(
        actor=actor,
        initiative=initiative,
        outcome=DecisionOutcome.WAIVE,
        amount_cents=amount,
        motivation=reason,
        conditions=str(
            _(
                "This waives what was still owed of the terugvordering of "
                "%(number)s. What you paid before stays paid."
            )
            % {"number": recovery.decision.number}
        ),
    )
    receivable = Account.objects.get(pk=recovery.account_id)
    written_off = written_off_account(
        actor=actor, municipality=initiative.neighbourhood.municipality
    )
    posted = ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.RECOVERY_WAIVE,
        entries=[(receivable, -amount), (written_off, amount)],
        memo=f"waiver {decision.number} of recovery {recovery.decision.number}",
    )
    waiver = RecoveryWaiver.objects.create(
        recovery=recovery,
        amount_cents=amount,
        reason=reason,
        decision=decision,
        transaction=posted,
        decided_by=actor,
    )
    accountability_transition(
        actor=actor,
        machine=RECOVERY,
        row=recovery,
        to=RecoveryStatus.WAIVED,
        action="accountability.recovery_waive",
        fields={"waived_cents": amount},
        audit_subject=initiative,
        audit_data={
            "recovery": str(recovery.uuid),
            "decision": decision.number,
            "amount_cents": amount,
            "to": written_off.code,
            "transaction": str(posted.uuid),
        },
    )
    return waiver
