"""The core money services: issue, redeem, refund, block and replace, return."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.services.issuance import voucher_block_and_replace
from wijkvoucher.vouchers.services.redemption import redemption_create, refund_create
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


def test_issue_redeem_refund_replace(wijk: Neighbourhood) -> None:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    assert initiative.status == InitiativeStatus.IN_EXECUTION
    assert [v.amount_cents for v in vouchers] == [450 * EUR]
    voucher = vouchers[0]
    provider, user = approved_provider(wijk)
    redemption = redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code.lower().replace("-", " "),
        amount_cents=100 * EUR,
        description="Verf",
        channel=Channel.PORTAL,
    )
    assert balance(voucher) == 350 * EUR
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.PARTLY_REDEEMED
    before = LedgerTransaction.objects.count()
    with pytest.raises(ValidationError) as caught:
        redemption_create(
            actor=user,
            provider=provider,
            code=voucher.code,
            amount_cents=351 * EUR,
            description="Te veel",
            channel=Channel.PORTAL,
        )
    assert caught.value.code == "insufficient_balance"
    assert LedgerTransaction.objects.count() == before
    assert Redemption.objects.count() == 1
    refund_create(
        actor=user,
        provider=provider,
        redemption=redemption,
        amount_cents=40 * EUR,
        channel=Channel.PORTAL,
    )
    assert balance(voucher) == 390 * EUR
    with pytest.raises(ValidationError) as caught:
        refund_create(
            actor=user,
            provider=provider,
            redemption=redemption,
            amount_cents=61 * EUR,
            channel=Channel.PORTAL,
        )
    assert caught.value.code == "refund_exceeds_redemption"
    replacement = voucher_block_and_replace(
        actor=initiative.initiator, voucher=voucher, reason="kwijt"
    )
    assert replacement is not None
    assert balance(replacement) == 390 * EUR
    assert balance(voucher) == 0
    with pytest.raises(ValidationError) as caught:
        redemption_create(
            actor=user,
            provider=provider,
            code=voucher.code,
            amount_cents=1,
            description="x",
            channel=Channel.PORTAL,
        )
    assert caught.value.code == "blocked"
    assert ledger_problems() == []


def test_a_spend_and_a_refund_are_one_audit_event_each(wijk: Neighbourhood) -> None:
    """The spend's event carries the ledger posting (docs/money.md#the-write-path):
    one step, one event, and no posting without its facts in the trail."""
    _initiative, (voucher,) = plan_with_vouchers(wijk, 50 * EUR)
    provider, user = approved_provider(wijk)
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    redemption = redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=12 * EUR,
        description="Verf",
        channel=Channel.PORTAL,
    )
    refund_create(
        actor=user,
        provider=provider,
        redemption=redemption,
        amount_cents=2 * EUR,
        channel=Channel.PORTAL,
    )
    events = list(
        AuditEvent.objects.exclude(pk__in=before)
        .exclude(action="ledger.account_open")  # the provider's first spend opens it
        .order_by("pk")
    )
    assert [e.action for e in events] == ["vouchers.redeem", "vouchers.refund"]
    spend, refund = events
    posted = redemption.transaction
    assert spend.data["ledger"]["transaction"] == str(posted.uuid)
    assert spend.data["ledger"]["kind"] == "voucher.redeem"
    assert sorted(amount for _code, amount in spend.data["ledger"]["entries"]) == [
        -12 * EUR,
        12 * EUR,
    ]
    assert sorted(amount for _code, amount in refund.data["ledger"]["entries"]) == [
        -2 * EUR,
        2 * EUR,
    ]
