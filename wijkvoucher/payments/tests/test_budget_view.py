"""The budget of a period: every number from the ledger, the identity that ties them
together, the chart with its table, and the public wijk page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.decisions.tests.helpers import contact_of
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, official, on_day
from wijkvoucher.payments.selectors.budget import (
    BudgetOverview,
    _fifo_paid,
    budget_overview,
    budget_series,
)
from wijkvoucher.payments.services.claims_decide import claim_approve
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_mark_paid,
    payout_batch_prepare,
)
from wijkvoucher.payments.tests.test_claims_decide import cash_manager, claim_for
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.services.redemption import redemption_create, refund_create
from wijkvoucher.vouchers.services.returns import voucher_close
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    awarded_plan,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _identity(o: BudgetOverview) -> None:
    """funded + carried_in = available + reserved + outstanding + spent +
    returned_away, and issued = outstanding + spent + returned."""
    assert o.funded_cents + o.carried_in_cents == (
        o.available_cents
        + o.reserved_cents
        + o.outstanding_cents
        + o.spent_cents
        + o.returned_away_cents
    )
    assert o.issued_cents == o.outstanding_cents + o.spent_cents + o.returned_cents


def _pay_everything(wijk: Neighbourhood, manager: User) -> None:
    """One batch of everything owed, approved by a second cash manager, paid."""
    municipality = wijk.municipality
    municipality.payout_account_name = "Gemeente Dijkstad"
    municipality.payout_iban = "NL91ABNA0417164300"
    municipality.save()
    second = official(
        municipality=municipality, role=Role.CASH_MANAGER, full_name="Kas Twee"
    )
    batch = payout_batch_prepare(
        actor=manager, municipality=municipality, execution_date=timezone.localdate()
    )
    payout_batch_approve(actor=second, batch=batch)
    payout_batch_mark_paid(actor=manager, batch=batch)


def _scenario() -> tuple[Neighbourhood, BudgetPeriod, dict[str, object]]:
    """Reserve, issue, redeem, refund, claim, pay out, expire (back into the budget)
    and void after the period (back to the municipality)."""
    wijk = neighbourhood_ready()
    period = funded(wijk)
    a, (a1, a2) = plan_with_vouchers(
        wijk, 450 * EUR, amounts_cents=[250 * EUR, 200 * EUR]
    )
    awarded_plan(wijk, 300 * EUR)  # reserved only
    _c, (c1,) = plan_with_vouchers(wijk, 120 * EUR)
    provider, user = approved_provider(wijk)

    def spend(cents: int) -> Redemption:
        return redemption_create(
            actor=user,
            provider=provider,
            code=a1.code,
            amount_cents=cents,
            description="Verf",
            channel=Channel.PORTAL,
        )

    spend(40 * EUR)
    manager = cash_manager(wijk)
    _pay_everything(wijk, manager)  # the € 40 spent so far
    redemption = spend(60 * EUR)
    refund_create(
        actor=user,
        provider=provider,
        redemption=redemption,
        amount_cents=30 * EUR,
        channel=Channel.PORTAL,
    )
    claim_approve(actor=manager, claim=claim_for(a, 50 * EUR))
    assert (
        voucher_close(actor=None, voucher=c1, status=VoucherStatus.EXPIRED, reason="t")
        == 120 * EUR
    )
    with on_day(dt.date(2027, 1, 15)):
        assert (
            voucher_close(
                actor=None, voucher=a2, status=VoucherStatus.VOIDED, reason="t"
            )
            == 200 * EUR
        )
    period.refresh_from_db()
    return wijk, period, {"initiative": a, "provider_user": user, "manager": manager}


def test_overview_of_a_full_scenario() -> None:
    _wijk, period, _people = _scenario()
    o = budget_overview(budget_period=period)
    assert o.published
    assert o.ceiling_cents == 50_000 * EUR
    assert o.funded_cents == 50_000 * EUR
    assert o.reserved_cents == 300 * EUR
    assert o.issued_cents == 570 * EUR
    assert o.awarded_cents == 870 * EUR
    assert o.redeemed_cents == 100 * EUR
    assert o.refunded_cents == 30 * EUR
    assert o.claims_cents == 50 * EUR
    assert o.spent_cents == 120 * EUR
    assert o.paid_out_cents == 40 * EUR
    assert o.unpaid_cents == 80 * EUR
    assert o.outstanding_cents == 130 * EUR
    assert o.returned_cents == 320 * EUR
    assert o.returned_to_budget_cents == 120 * EUR
    assert o.returned_away_cents == 200 * EUR
    assert o.carried_in_cents == 0
    assert o.available_cents == 49_250 * EUR
    assert not o.nearly_used_up
    _identity(o)
    assert ledger_problems() == []


def test_series_ends_at_the_overview() -> None:
    _wijk, period, _people = _scenario()
    series = budget_series(budget_period=period)
    assert [p.day for p in series] == [dt.date(2026, 6, 15), dt.date(2027, 1, 15)]
    last = series[-1]
    assert last.available_cents == 49_250 * EUR
    assert last.spent_cents == 120 * EUR
    assert last.committed_cents == (300 + 130) * EUR
    # Before the void the 200 was still on a voucher.
    assert series[0].committed_cents == (300 + 330) * EUR


def test_nearly_used_up_from_80_percent() -> None:
    wijk = neighbourhood_ready()
    period = funded(wijk, ceiling_cents=1000 * EUR)
    awarded_plan(wijk, 799 * EUR)
    assert not budget_overview(budget_period=period).nearly_used_up
    awarded_plan(wijk, 1 * EUR)
    o = budget_overview(budget_period=period)
    assert o.nearly_used_up
    assert o.used_percent == 80
    _identity(o)


def test_fifo_refund_of_money_already_paid_moves_the_payment() -> None:
    # Period 1 spends 100, a payout pays 100, period 2 spends 50, then period 1 gets
    # 30 back: the payout now counts 70 for period 1 and 30 for period 2.
    legs = {1: [(1, -100)], 3: [(2, -50)], 4: [(1, 30)]}
    entries = [
        (1, TransactionKind.VOUCHER_REDEEM, 100),
        (2, TransactionKind.PAYOUT, -100),
        (3, TransactionKind.VOUCHER_REDEEM, 50),
        (4, TransactionKind.VOUCHER_REFUND, -30),
    ]
    paid = _fifo_paid(entries, legs)  # type: ignore[arg-type]
    assert paid[1] == 70
    assert paid[2] == 30


def test_budget_page_has_chart_and_table() -> None:
    wijk, period, _people = _scenario()
    client = HttpsClient()
    from wijkvoucher.neighbourhoods.tests.helpers import sign_in_verified

    sign_in_verified(client, contact_of(_people["initiative"]))  # type: ignore[arg-type]
    url = reverse("payments:cash_budget", kwargs={"neighbourhood_slug": wijk.slug})
    response = client.get(url, {"periode": str(period.uuid)})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html
    assert "<title id=" in html
    assert "<desc id=" in html
    assert "<table" in html
    assert "€\u00a049.250" in html
    by_date = client.get(url, {"periode": period.starts_on.isoformat()})
    assert by_date.status_code == 200
    assert client.get(url, {"periode": "1999-01-01"}).status_code == 404


def test_public_page_shows_the_numbers_and_no_personal_data() -> None:
    wijk, _period, people = _scenario()
    with on_day(dt.date(2026, 6, 16)):
        response = HttpsClient().get(
            reverse("transparency:neighbourhood", kwargs={"slug": wijk.slug})
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html
    assert "<table" in html
    for amount in ("300", "570", "120", "49.250"):
        assert f"€\u00a0{amount}" in html
    initiative = people["initiative"]
    assert initiative.initiator.full_name not in html  # type: ignore[attr-defined]
    assert people["provider_user"].full_name not in html  # type: ignore[attr-defined]
    assert "NL91ABNA0417164300" not in html
