"""The cash manager approves or rejects reimbursements and advances."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import RoleAssignmentFactory
from wijkvoucher.neighbourhoods.tests.helpers import official, on_day
from wijkvoucher.notifications.models import Notification
from wijkvoucher.payments.constants import ClaimKind, ClaimStatus
from wijkvoucher.payments.models import Claim, Dispute
from wijkvoucher.payments.services.claims_decide import claim_approve, claim_reject
from wijkvoucher.vouchers.constants import VoucherStatus
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.tests.helpers import EUR, balance, funded, plan_with_vouchers

pytestmark = pytest.mark.django_db

# --- Helpers the other cash tests import -------------------------------------------


def cash_manager(wijk: Neighbourhood, name: str = "Kasbeheerder") -> User:
    return official(
        municipality=wijk.municipality, role=Role.CASH_MANAGER, full_name=name
    )


def claim_for(
    initiative: Initiative, amount_cents: int, kind: str = ClaimKind.ADVANCE
) -> Claim:
    return Claim.objects.create(
        initiative=initiative,
        kind=kind,
        budget_line=initiative.budget_lines.first()
        if kind == ClaimKind.REIMBURSEMENT
        else None,
        amount_cents=amount_cents,
        description="Verf en kwasten",
        payee_name="J. de Vries",
        iban="NL91ABNA0417164300",
        submitted_by=initiative.initiator,
    )


def dispute_for(redemption: Redemption) -> Dispute:
    return Dispute.objects.create(
        redemption=redemption,
        raised_by=redemption.voucher.initiative.initiator,
        reason="Dit heb ik niet gekocht.",
    )


def money_snapshot(vouchers: list[Voucher]) -> tuple[int, list[int], list[str]]:
    """Ledger size, voucher balances and statuses: compare before and after."""
    balances = [
        int(
            Account.objects.values_list("balance_cents", flat=True).get(pk=v.account_id)
        )
        for v in vouchers
    ]
    statuses = [Voucher.objects.get(pk=v.pk).status for v in vouchers]
    return LedgerTransaction.objects.count(), balances, statuses


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


def test_approve_takes_from_the_soonest_expiring_voucher_first(
    wijk: Neighbourhood,
) -> None:
    initiative, vouchers = plan_with_vouchers(
        wijk, 450 * EUR, amounts_cents=[250 * EUR, 200 * EUR]
    )
    first, second = vouchers
    # The second voucher expires sooner: it pays first.
    Voucher.objects.filter(pk=second.pk).update(
        valid_until=first.valid_until - dt.timedelta(days=10)
    )
    claim = claim_for(initiative, 300 * EUR)
    manager = cash_manager(wijk)
    approved = claim_approve(actor=manager, claim=claim)
    assert approved.status == ClaimStatus.APPROVED
    assert approved.decided_by == manager
    assert approved.decided_at is not None
    assert approved.transaction is not None
    assert approved.transaction.kind == TransactionKind.CLAIM_APPROVE
    assert balance(second) == 0
    assert balance(first) == 150 * EUR
    payable = Account.objects.get(code=f"initiator:{initiative.uuid}:payable")
    assert payable.balance_cents == 300 * EUR
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == VoucherStatus.REDEEMED
    assert first.status == VoucherStatus.PARTLY_REDEEMED
    assert ledger_problems() == []
    assert Notification.objects.filter(
        recipient=initiative.initiator, kind="vouchers.claim_approved"
    ).exists()


def test_approve_refused_when_the_vouchers_hold_too_little(
    wijk: Neighbourhood,
) -> None:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    claim = claim_for(initiative, 451 * EUR)
    before = money_snapshot(vouchers)
    with pytest.raises(ValidationError) as caught:
        claim_approve(actor=cash_manager(wijk), claim=claim)
    assert caught.value.code == "claim_exceeds_balance"
    assert money_snapshot(vouchers) == before
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.decided_by is None
    assert not Account.objects.filter(
        code=f"initiator:{initiative.uuid}:payable"
    ).exists()


def test_approve_twice_is_refused(wijk: Neighbourhood) -> None:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    claim = claim_for(initiative, 100 * EUR)
    manager = cash_manager(wijk)
    claim_approve(actor=manager, claim=claim)
    before = money_snapshot(vouchers)
    with pytest.raises(ValidationError) as caught:
        claim_approve(actor=manager, claim=claim)
    assert caught.value.code == "invalid_status"
    assert money_snapshot(vouchers) == before


def test_own_plan_is_refused(wijk: Neighbourhood) -> None:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    RoleAssignmentFactory(
        user=initiative.initiator,
        role=Role.CASH_MANAGER,
        neighbourhood=None,
        municipality=wijk.municipality,
    )
    claim = claim_for(initiative, 100 * EUR)
    before = money_snapshot(vouchers)
    for decide in (
        lambda: claim_approve(actor=initiative.initiator, claim=claim),
        lambda: claim_reject(actor=initiative.initiator, claim=claim, reason="Nee"),
    ):
        with pytest.raises(ValidationError) as caught:
            decide()
        assert caught.value.code == "own_plan"
    assert money_snapshot(vouchers) == before
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_without_a_cash_role_permission_is_denied(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk, 450 * EUR)
    claim = claim_for(initiative, 100 * EUR)
    contact = official(neighbourhood=wijk)
    with pytest.raises(PermissionDenied):
        claim_approve(actor=contact, claim=claim)


def test_reject_needs_a_reason(wijk: Neighbourhood) -> None:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    claim = claim_for(initiative, 100 * EUR)
    manager = cash_manager(wijk)
    ledger = LedgerTransaction.objects.count()
    with pytest.raises(ValidationError) as caught:
        claim_reject(actor=manager, claim=claim, reason="   ")
    assert caught.value.code == "reason_required"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    rejected = claim_reject(actor=manager, claim=claim, reason="Geen bon bijgevoegd.")
    assert rejected.status == ClaimStatus.REJECTED
    assert rejected.rejection_reason == "Geen bon bijgevoegd."
    assert rejected.decided_by == manager
    assert LedgerTransaction.objects.count() == ledger
    assert balance(vouchers[0]) == 450 * EUR
    assert Notification.objects.filter(
        recipient=initiative.initiator, kind="vouchers.claim_rejected"
    ).exists()
