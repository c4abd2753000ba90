"""The cash manager upholds a dispute with a refund, or rejects it with an answer."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.ledger.services import ledger_transaction_post
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.notifications.models import Notification
from wijkvoucher.payments.constants import DisputeStatus
from wijkvoucher.payments.services.disputes_resolve import (
    dispute_reject,
    dispute_uphold,
)
from wijkvoucher.payments.tests.test_claims_decide import (
    cash_manager,
    dispute_for,
    money_snapshot,
)
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.models import Redemption, Refund
from wijkvoucher.vouchers.services.accounts import (
    payout_clearing_account,
    provider_payable_account,
)
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    balance,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


def _spent_all(wijk: Neighbourhood) -> tuple[Redemption, User]:
    _initiative, vouchers = plan_with_vouchers(wijk, 200 * EUR)
    provider, user = approved_provider(wijk)
    redemption = redemption_create(
        actor=user,
        provider=provider,
        code=vouchers[0].code,
        amount_cents=200 * EUR,
        description="Steigerhout",
        channel=Channel.PORTAL,
    )
    return redemption, user


def test_uphold_refunds_and_updates_the_voucher(wijk: Neighbourhood) -> None:
    redemption, provider_user = _spent_all(wijk)
    voucher = redemption.voucher
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.REDEEMED
    dispute = dispute_for(redemption)
    manager = cash_manager(wijk)
    upheld = dispute_uphold(
        actor=manager,
        dispute=dispute,
        amount_cents=80 * EUR,
        resolution="De aanbieder rekende te veel.",
    )
    assert upheld.status == DisputeStatus.UPHELD
    assert upheld.resolved_by == manager
    assert upheld.resolved_at is not None
    assert upheld.refund is not None
    assert upheld.refund.amount_cents == 80 * EUR
    assert upheld.refund.channel == Channel.CASH_MANAGER
    assert balance(voucher) == 80 * EUR
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.PARTLY_REDEEMED
    redemption.refresh_from_db()
    assert redemption.refunded_cents == 80 * EUR
    assert ledger_problems() == []
    assert Notification.objects.filter(
        recipient=provider_user, kind="vouchers.dispute_resolved"
    ).exists()
    assert Notification.objects.filter(
        recipient=voucher.initiative.initiator, kind="vouchers.dispute_resolved"
    ).exists()


def test_uphold_after_payout_is_refused_and_changes_nothing(
    wijk: Neighbourhood,
) -> None:
    redemption, _user = _spent_all(wijk)
    manager = cash_manager(wijk)
    payable = provider_payable_account(actor=manager, provider=redemption.provider)
    ledger_transaction_post(
        actor=manager,
        kind=TransactionKind.PAYOUT,
        entries=[
            (payable, -200 * EUR),
            (
                payout_clearing_account(actor=manager, municipality=wijk.municipality),
                200 * EUR,
            ),
        ],
        memo="payout test",
    )
    dispute = dispute_for(redemption)
    before = money_snapshot([redemption.voucher])
    with pytest.raises(ValidationError) as caught:
        dispute_uphold(
            actor=manager, dispute=dispute, amount_cents=50 * EUR, resolution="Ja."
        )
    assert caught.value.code == "already_paid_out"
    assert money_snapshot([redemption.voucher]) == before
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.OPEN
    redemption.refresh_from_db()
    assert redemption.refunded_cents == 0
    assert Refund.objects.count() == 0


def test_uphold_more_than_refundable_is_refused(wijk: Neighbourhood) -> None:
    redemption, _user = _spent_all(wijk)
    dispute = dispute_for(redemption)
    before = money_snapshot([redemption.voucher])
    with pytest.raises(ValidationError) as caught:
        dispute_uphold(
            actor=cash_manager(wijk),
            dispute=dispute,
            amount_cents=201 * EUR,
            resolution="Ja.",
        )
    assert caught.value.code == "refund_exceeds_redemption"
    assert money_snapshot([redemption.voucher]) == before
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.OPEN


def test_reject_needs_an_answer_and_moves_no_money(wijk: Neighbourhood) -> None:
    redemption, _user = _spent_all(wijk)
    dispute = dispute_for(redemption)
    manager = cash_manager(wijk)
    ledger = LedgerTransaction.objects.count()
    with pytest.raises(ValidationError) as caught:
        dispute_reject(actor=manager, dispute=dispute, resolution="")
    assert caught.value.code == "resolution_required"
    rejected = dispute_reject(
        actor=manager, dispute=dispute, resolution="De bon klopt met de levering."
    )
    assert rejected.status == DisputeStatus.REJECTED
    assert rejected.refund is None
    assert LedgerTransaction.objects.count() == ledger
    with pytest.raises(ValidationError) as again:
        dispute_reject(actor=manager, dispute=dispute, resolution="Nogmaals.")
    assert again.value.code == "invalid_status"


def test_own_plan_is_refused(wijk: Neighbourhood) -> None:
    from wijkvoucher.neighbourhoods.constants import Role
    from wijkvoucher.neighbourhoods.tests.factories import RoleAssignmentFactory

    redemption, _user = _spent_all(wijk)
    initiator = redemption.voucher.initiative.initiator
    RoleAssignmentFactory(user=initiator, role=Role.CASH_MANAGER, neighbourhood=wijk)
    dispute = dispute_for(redemption)
    before = money_snapshot([redemption.voucher])
    with pytest.raises(ValidationError) as caught:
        dispute_uphold(
            actor=initiator, dispute=dispute, amount_cents=10 * EUR, resolution="Ja."
        )
    assert caught.value.code == "own_plan"
    assert money_snapshot([redemption.voucher]) == before
