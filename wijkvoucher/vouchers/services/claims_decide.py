"""The cash manager decides on a reimbursement or advance (issue #4 point 5;
docs/adr/0009). Approval is one ``claim.approve`` ledger transaction from the plan's
spendable vouchers, soonest valid-until first, to the initiator's payable account;
a rejection needs a reason. Never on one's own plan; every refusal is a
``ValidationError`` with a stable code and changes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.services import ledger_transaction_post
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.constants import SPENDABLE, ClaimStatus
from wijkvoucher.vouchers.links import claim_url
from wijkvoucher.vouchers.models import Claim, Voucher
from wijkvoucher.vouchers.permissions_cash import is_own_plan, may_manage_cash
from wijkvoucher.vouchers.services.accounts import initiator_payable_account
from wijkvoucher.vouchers.services.issuance import voucher_status_for
from wijkvoucher.vouchers.services.transitions import (
    voucher_balance_step,
    vouchers_step_check,
    vouchers_transition,
)
from wijkvoucher.vouchers.workflow_claim import CLAIM

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def check_may_decide(*, actor: User, initiative: Initiative) -> None:
    """PermissionDenied without a cash role; refusal ``own_plan`` on one's own plan."""
    if not may_manage_cash(user=actor, initiative=initiative):
        raise PermissionDenied
    if is_own_plan(user=actor, initiative=initiative):
        raise ValidationError(
            _("You cannot decide on money for a plan of your own. Ask a colleague."),
            code="own_plan",
        )


def _lock_claim(claim: Claim) -> Claim:
    return (
        Claim.objects.select_for_update(of=("self",))
        .select_related("initiative__neighbourhood", "initiative__initiator")
        .get(pk=claim.pk)
    )


def _check_open(claim: Claim, to: ClaimStatus, action: str) -> None:
    """Refuse (``invalid_status``) a decision on a claim already decided."""
    vouchers_step_check(machine=CLAIM, row=claim, to=to, action=action)


def claim_spend_plan(
    *, vouchers: list[Voucher], balances: dict[int, int], amount_cents: int
) -> list[tuple[Voucher, int]]:
    """Which vouchers pay ``amount_cents``: soonest valid-until first, then pk, each
    at most its balance. Short when the vouchers do not hold enough."""
    left = amount_cents
    plan: list[tuple[Voucher, int]] = []
    for voucher in sorted(vouchers, key=lambda v: (v.valid_until, v.pk)):
        if left <= 0:
            break
        take = min(left, balances.get(voucher.account_id, 0))
        if take > 0:
            plan.append((voucher, take))
            left -= take
    return plan


@transaction.atomic
def claim_approve(*, actor: User, claim: Claim) -> Claim:
    """Approve a submitted claim: its amount moves from the plan's vouchers to the
    initiator's payable account, to be paid by the next payout batch."""
    claim = _lock_claim(claim)
    initiative = claim.initiative
    check_may_decide(actor=actor, initiative=initiative)
    _check_open(claim, ClaimStatus.APPROVED, "vouchers.claim_approve")
    today = timezone.localdate()
    # Voucher rows first, in primary-key order; then the ledger locks the accounts.
    vouchers = (
        list(
            Voucher.objects.select_for_update(of=("self",))
            .filter(
                initiative=initiative,
                status__in=sorted(SPENDABLE),
                valid_until__gte=today,
            )
            .order_by("pk")
        )
        if initiative.status != InitiativeStatus.CANCELLED
        else []
    )
    balances: dict[int, int] = {
        int(pk): int(cents)
        for pk, cents in Account.objects.filter(
            pk__in=[v.account_id for v in vouchers]
        ).values_list("pk", "balance_cents")
    }
    amount = int(claim.amount_cents)
    spend = claim_spend_plan(vouchers=vouchers, balances=balances, amount_cents=amount)
    available = sum(balances.values())
    if sum(take for _voucher, take in spend) < amount:
        raise ValidationError(
            _(
                "The plan's vouchers hold %(available)s, less than the %(amount)s "
                "asked. Reject the request or wait for a refund."
            ),
            code="claim_exceeds_balance",
            params={
                "available": format_euro(available),
                "amount": format_euro(amount),
            },
        )
    payable = initiator_payable_account(actor=actor, initiative=initiative)
    posted = ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.CLAIM_APPROVE,
        entries=[(v.account, -take) for v, take in spend] + [(payable, amount)],
        memo=f"claim {claim.uuid}",
    )
    for voucher, take in spend:
        voucher_balance_step(
            actor=actor,
            voucher=voucher,
            to=voucher_status_for(voucher, balances[voucher.account_id] - take),
            action="vouchers.claim_approve",
        )
    vouchers_transition(
        actor=actor,
        machine=CLAIM,
        row=claim,
        to=ClaimStatus.APPROVED,
        action="vouchers.claim_approve",
        fields={
            "decided_by": actor,
            "decided_at": timezone.now(),
            "transaction": posted,
        },
        audit_data={
            "amount_cents": amount,
            "vouchers": [[v.number, take] for v, take in spend],
            "transaction": str(posted.uuid),
        },
    )
    notification_send(
        recipients=[initiative.initiator],
        kind="vouchers.claim_approved",
        subject=_("Your request for %(amount)s has been approved"),
        body=_(
            "The municipality approved your request for %(amount)s for the plan "
            "%(title)s. The money will be paid to your bank account with the next "
            "payment run."
        ),
        params={"amount": format_euro(amount), "title": initiative.title},
        url=claim_url(claim),
    )
    return claim


@transaction.atomic
def claim_reject(*, actor: User, claim: Claim, reason: str) -> Claim:
    """Reject a submitted claim with a reason the initiator reads."""
    claim = _lock_claim(claim)
    initiative = claim.initiative
    check_may_decide(actor=actor, initiative=initiative)
    _check_open(claim, ClaimStatus.REJECTED, "vouchers.claim_reject")
    why = (reason or "").strip()
    if not why:
        raise ValidationError(
            _("Give the reason for the rejection."), code="reason_required"
        )
    vouchers_transition(
        actor=actor,
        machine=CLAIM,
        row=claim,
        to=ClaimStatus.REJECTED,
        action="vouchers.claim_reject",
        fields={
            "decided_by": actor,
            "decided_at": timezone.now(),
            "rejection_reason": why,
        },
        note=why,
        audit_data={"amount_cents": int(claim.amount_cents)},
    )
    notification_send(
        recipients=[initiative.initiator],
        kind="vouchers.claim_rejected",
        subject=_("Your request for %(amount)s has been rejected"),
        body=_(
            "The municipality rejected your request for %(amount)s for the plan "
            "%(title)s. The reason: %(reason)s"
        ),
        params={
            "amount": format_euro(int(claim.amount_cents)),
            "title": initiative.title,
            "reason": why,
        },
        url=claim_url(claim),
    )
    return claim
