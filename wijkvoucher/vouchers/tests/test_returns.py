"""Unspent money goes back (issue #4 point 7): expiry and cancellation, to the right
budget account, once."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.core.management import call_command

import pytest

from wijkvoucher.decisions.services import initiative_cancel
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.services.returns import vouchers_return_due
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
    return neighbourhood_ready()


@pytest.fixture
def period(wijk: Neighbourhood) -> BudgetPeriod:
    return funded(wijk, 10_000 * EUR)


def budget_balance(period: BudgetPeriod) -> int:
    period.refresh_from_db()
    assert period.account is not None
    return account_balance_cents(account=period.account)


def test_an_expired_voucher_returns_its_balance_to_its_running_period_once(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: €450 issued, €100 spent, the voucher valid until 1 September 2026
    _initiative, (voucher,) = plan_with_vouchers(wijk, 450 * EUR)
    Voucher.objects.filter(pk=voucher.pk).update(valid_until=dt.date(2026, 9, 1))
    voucher.refresh_from_db()
    provider, user = approved_provider(wijk)
    redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=100 * EUR,
        description="Verf",
        channel=Channel.PORTAL,
    )
    left_in_budget = budget_balance(period)
    # when: the day before the end date nothing happens, the day after it expires
    assert vouchers_return_due(on=voucher.valid_until).expired == 0
    day_after = voucher.valid_until + dt.timedelta(days=1)
    with on_day(day_after):
        result = vouchers_return_due(on=day_after)
        again = vouchers_return_due(on=day_after)
    # then
    assert (result.expired, result.returned_cents) == (1, 350 * EUR)
    assert (again.expired, again.returned_cents) == (0, 0)
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.EXPIRED
    assert balance(voucher) == 0
    assert budget_balance(period) == left_in_budget + 350 * EUR
    assert (
        LedgerTransaction.objects.filter(kind=TransactionKind.VOUCHER_EXPIRE).count()
        == 1
    )
    assert ledger_problems() == []


def test_after_its_period_without_carry_over_the_money_goes_to_the_council(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given: a voucher of the 2026 period, expiring in 2027
    _initiative, (voucher,) = plan_with_vouchers(wijk, 200 * EUR)
    before = budget_balance(period)
    # when
    with on_day(dt.date(2027, 8, 1)):
        result = vouchers_return_due(on=dt.date(2027, 8, 1))
    # then
    assert result.returned_cents == 200 * EUR
    assert budget_balance(period) == before
    returned = Account.objects.get(code=f"returned:{wijk.slug}")
    assert returned.balance_cents == 200 * EUR
    assert balance(voucher) == 0
    assert ledger_problems() == []


def test_a_cancelled_plan_voids_its_vouchers_and_they_can_no_longer_be_spent(
    wijk: Neighbourhood, period: BudgetPeriod
) -> None:
    # given
    initiative, vouchers = plan_with_vouchers(
        wijk, 450 * EUR, amounts_cents=[250 * EUR, 200 * EUR]
    )
    provider, user = approved_provider(wijk)
    before = budget_balance(period)
    initiative_cancel(
        actor=initiative.initiator,
        initiative=initiative,
        reason_code=ReasonCode.OTHER,
        motivation="We verhuizen.",
    )
    # when: spending before the scan is refused already
    with pytest.raises(ValidationError) as caught:
        redemption_create(
            actor=user,
            provider=provider,
            code=vouchers[0].code,
            amount_cents=1 * EUR,
            description="Verf",
            channel=Channel.PORTAL,
        )
    assert caught.value.code == "voided"
    out = io.StringIO()
    call_command("vouchers_run", "--now", stdout=out)
    # then
    assert "0 expired, 2 voided" in out.getvalue()
    assert budget_balance(period) == before + 450 * EUR
    for voucher in vouchers:
        voucher.refresh_from_db()
        assert voucher.status == VoucherStatus.VOIDED
        assert balance(voucher) == 0
    assert ledger_problems() == []
