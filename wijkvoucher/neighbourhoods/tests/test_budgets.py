import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

import pytest
import time_machine

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.ledger.services import ledger_account_open, ledger_transaction_post
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.selectors.budgets import (
    BudgetSummary,
    budget_period_current,
    budget_summaries,
    budget_summary,
)
from wijkvoucher.neighbourhoods.services.budgets import (
    budget_period_change_ceiling,
    budget_period_create,
    budget_period_publish,
    budget_period_update,
)
from wijkvoucher.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

CEILING = 5_000_000


def _counts() -> tuple[int, ...]:
    return (
        BudgetPeriod.objects.count(),
        BudgetPeriod.objects.filter(published_at__isnull=False).count(),
        Account.objects.count(),
        LedgerTransaction.objects.count(),
        Entry.objects.count(),
        AuditEvent.objects.count(),
    )


def _period(
    neighbourhood: Neighbourhood | None = None, **overrides: object
) -> BudgetPeriod:
    arguments: dict[str, Any] = {
        "actor": UserFactory.create(),
        "neighbourhood": neighbourhood
        or NeighbourhoodFactory.create(slug="oosterpark"),
        "name": "2026",
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 12, 31),
        "ceiling_cents": CEILING,
        "publication_date": dt.date(2025, 12, 1),
    }
    arguments.update(overrides)
    return budget_period_create(**arguments)


def _award(period: BudgetPeriod, cents: int) -> None:
    """Stand-in for a voucher award: money leaves the budget account."""
    assert period.account is not None
    voucher = ledger_account_open(
        actor=None, code=f"voucher:{cents}", kind=AccountKind.VOUCHER, name="v"
    )
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.ADJUSTMENT,
        entries=[(period.account, -cents), (voucher, cents)],
    )


def test_create_is_unpublished_and_audited() -> None:
    # given
    actor = UserFactory.create()
    # when
    period = _period(actor=actor, carry_over_allowed=True)
    # then
    assert period.published_at is None
    assert period.account is None
    assert period.carry_over_allowed is True
    assert Account.objects.count() == 0
    event = AuditEvent.objects.get(action="neighbourhoods.budget_period_create")
    assert event.actor == actor
    assert event.data["ceiling_cents"] == CEILING
    assert event.data["starts_on"] == "2026-01-01"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        (
            {"starts_on": dt.date(2026, 6, 1), "ends_on": dt.date(2027, 5, 31)},
            "period_overlap",
        ),
        (
            {"starts_on": dt.date(2026, 12, 31), "ends_on": dt.date(2027, 6, 30)},
            "period_overlap",
        ),
        (
            {"starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2027, 1, 1)},
            "period_order",
        ),
        (
            {"starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2025, 12, 1)},
            "outside_designation",
        ),
        ({"starts_on": dt.date(2027, 1, 1), "ceiling_cents": 0}, "invalid_ceiling"),
        ({"starts_on": dt.date(2027, 1, 1), "ceiling_cents": 12.5}, "invalid_ceiling"),
        ({"starts_on": dt.date(2027, 1, 1), "name": " "}, "required"),
    ],
)
def test_create_refusals(overrides: dict[str, Any], code: str) -> None:
    # given: a 2026 period; the wijk is designated from 1 January 2026
    existing = _period()
    arguments: dict[str, Any] = {
        "name": "2027",
        "ends_on": dt.date(2027, 12, 31),
        **overrides,
    }
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _period(existing.neighbourhood, **arguments)
    # then
    assert exc.value.code == code
    assert _counts() == before


def test_create_refuses_period_after_the_designation_ends() -> None:
    neighbourhood = NeighbourhoodFactory.create(designated_until=dt.date(2026, 6, 30))
    with pytest.raises(ValidationError) as exc:
        _period(neighbourhood)
    assert exc.value.code == "outside_designation"


def test_adjacent_periods_and_other_wijken_do_not_overlap() -> None:
    # given
    first = _period()
    # when
    second = _period(
        first.neighbourhood,
        name="2027",
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 12, 31),
    )
    other = _period(NeighbourhoodFactory.create(slug="westwijk"))
    # then
    assert BudgetPeriod.objects.count() == 3
    assert second.starts_on == dt.date(2027, 1, 1)
    assert other.neighbourhood.slug == "westwijk"


@time_machine.travel(dt.datetime(2025, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_publish_puts_exactly_the_ceiling_in_the_ledger() -> None:
    # given
    period = _period()
    actor = UserFactory.create()
    # when
    published = budget_period_publish(actor=actor, budget_period=period)
    # then
    assert published.published_at == dt.datetime(2025, 12, 1, 9, 0, tzinfo=dt.UTC)
    assert published.account is not None
    assert published.account.code == "budget:oosterpark:2026-01-01"
    assert published.account.kind == AccountKind.BUDGET
    assert published.account.allow_negative is False
    funding = Account.objects.get(code="funding:dijkstad")
    assert funding.kind == AccountKind.FUNDING
    assert funding.allow_negative is True
    assert account_balance_cents(account=published.account) == CEILING
    assert account_balance_cents(account=funding) == -CEILING
    posted = LedgerTransaction.objects.get()
    assert posted.kind == TransactionKind.BUDGET_PUBLISH
    assert sorted(posted.entries.values_list("amount_cents", flat=True)) == [
        -CEILING,
        CEILING,
    ]
    assert (
        AuditEvent.objects.filter(
            action="neighbourhoods.budget_period_publish", actor=actor
        ).count()
        == 1
    )


def test_publish_twice_is_refused_and_changes_nothing() -> None:
    # given
    period = budget_period_publish(actor=UserFactory.create(), budget_period=_period())
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        budget_period_publish(actor=UserFactory.create(), budget_period=period)
    # then
    assert exc.value.code == "already_published"
    assert _counts() == before
    assert period.account is not None
    assert account_balance_cents(account=period.account) == CEILING


def test_second_wijk_uses_the_same_funding_account() -> None:
    # given
    first = _period()
    second = _period(
        NeighbourhoodFactory.create(slug="westwijk"), ceiling_cents=1_000_000
    )
    # when
    budget_period_publish(actor=UserFactory.create(), budget_period=first)
    budget_period_publish(actor=UserFactory.create(), budget_period=second)
    # then
    funding = Account.objects.get(kind=AccountKind.FUNDING)
    assert account_balance_cents(account=funding) == -(CEILING + 1_000_000)


def test_change_ceiling_before_publication_moves_no_money() -> None:
    # given
    period = _period()
    # when
    budget_period_change_ceiling(
        actor=UserFactory.create(),
        budget_period=period,
        ceiling_cents=4_000_000,
        reason="Begroting aangepast",
    )
    # then
    period.refresh_from_db()
    assert period.ceiling_cents == 4_000_000
    assert LedgerTransaction.objects.count() == 0
    event = AuditEvent.objects.get(action="neighbourhoods.budget_period_change_ceiling")
    assert event.data == {
        "old_cents": CEILING,
        "new_cents": 4_000_000,
        "reason": "Begroting aangepast",
        "published": False,
    }


@pytest.mark.parametrize("new_ceiling", [7_500_000, 3_000_000])
def test_change_ceiling_after_publication_posts_the_difference(
    new_ceiling: int,
) -> None:
    # given
    period = budget_period_publish(actor=UserFactory.create(), budget_period=_period())
    _award(period, 1_000_000)
    # when
    budget_period_change_ceiling(
        actor=UserFactory.create(),
        budget_period=period,
        ceiling_cents=new_ceiling,
        reason="Raadsbesluit",
    )
    # then
    period.refresh_from_db()
    assert period.ceiling_cents == new_ceiling
    assert budget_summary(budget_period=period) == BudgetSummary(
        ceiling_cents=new_ceiling,
        awarded_cents=1_000_000,
        available_cents=new_ceiling - 1_000_000,
        published=True,
        publication_date=dt.date(2025, 12, 1),
    )
    funding = Account.objects.get(code="funding:dijkstad")
    assert account_balance_cents(account=funding) == -new_ceiling
    adjustment = LedgerTransaction.objects.get(
        kind=TransactionKind.ADJUSTMENT, entries__account=funding
    )
    assert adjustment.memo.endswith("Raadsbesluit")


def test_ceiling_below_awarded_is_refused() -> None:
    # given
    period = budget_period_publish(actor=UserFactory.create(), budget_period=_period())
    _award(period, 2_000_000)
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        budget_period_change_ceiling(
            actor=UserFactory.create(),
            budget_period=period,
            ceiling_cents=1_999_999,
            reason="Bezuiniging",
        )
    # then
    assert exc.value.code == "ceiling_below_awarded"
    assert exc.value.params is not None
    assert exc.value.params["awarded"] == "€\u00a020.000"
    assert _counts() == before
    period.refresh_from_db()
    assert period.ceiling_cents == CEILING
    assert budget_summary(budget_period=period).available_cents == 3_000_000


def test_ceiling_equal_to_awarded_is_allowed() -> None:
    period = budget_period_publish(actor=UserFactory.create(), budget_period=_period())
    _award(period, 2_000_000)
    budget_period_change_ceiling(
        actor=UserFactory.create(),
        budget_period=period,
        ceiling_cents=2_000_000,
        reason="Op",
    )
    assert budget_summary(budget_period=period).available_cents == 0


@pytest.mark.parametrize(
    ("ceiling", "reason", "code"),
    [
        (CEILING, "Geen", "no_change"),
        (4_000_000, "  ", "reason_required"),
        (-1, "Fout", "invalid_ceiling"),
    ],
)
def test_change_ceiling_refusals(ceiling: int, reason: str, code: str) -> None:
    # given
    period = budget_period_publish(actor=UserFactory.create(), budget_period=_period())
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        budget_period_change_ceiling(
            actor=UserFactory.create(),
            budget_period=period,
            ceiling_cents=ceiling,
            reason=reason,
        )
    # then
    assert exc.value.code == code
    assert _counts() == before


def test_current_period_and_summary_before_publication() -> None:
    # given
    period = _period()
    # when
    current = budget_period_current(
        neighbourhood=period.neighbourhood, on=dt.date(2026, 12, 31)
    )
    # then
    assert current == period
    assert (
        budget_period_current(
            neighbourhood=period.neighbourhood, on=dt.date(2027, 1, 1)
        )
        is None
    )
    assert (
        budget_period_current(
            neighbourhood=NeighbourhoodFactory.create(), on=dt.date(2026, 6, 1)
        )
        is None
    )
    assert budget_summary(budget_period=period) == BudgetSummary(
        ceiling_cents=CEILING,
        awarded_cents=0,
        available_cents=0,
        published=False,
        publication_date=dt.date(2025, 12, 1),
    )


# --- budget_period_update ------------------------------------------------------------


def _update(period: BudgetPeriod, **overrides: Any) -> BudgetPeriod:
    arguments: dict[str, Any] = {
        "actor": UserFactory.create(),
        "budget_period": period,
        "name": period.name,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "publication_date": period.publication_date,
        "carry_over_allowed": period.carry_over_allowed,
        "ceiling_cents": period.ceiling_cents,
    }
    arguments.update(overrides)
    return budget_period_update(**arguments)


def _row(period: BudgetPeriod) -> dict[str, Any]:
    return dict(BudgetPeriod.objects.values().get(pk=period.pk))


def test_update_changes_an_unpublished_period_and_audits_the_diff() -> None:
    # given
    period = _period()
    actor = UserFactory.create()
    # when
    updated = _update(
        period,
        actor=actor,
        name=" 2026 (herzien) ",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2027, 1, 31),
        publication_date=dt.date(2026, 1, 15),
        carry_over_allowed=True,
        ceiling_cents=4_500_000,
    )
    # then
    period.refresh_from_db()
    assert updated == period
    assert period.name == "2026 (herzien)"
    assert period.starts_on == dt.date(2026, 2, 1)
    assert period.ends_on == dt.date(2027, 1, 31)
    assert period.publication_date == dt.date(2026, 1, 15)
    assert period.carry_over_allowed is True
    assert period.ceiling_cents == 4_500_000
    assert period.published_at is None
    assert LedgerTransaction.objects.count() == 0
    event = AuditEvent.objects.get(action="neighbourhoods.budget_period_update")
    assert event.actor == actor
    assert event.data == {
        "diff": {
            "name": ["2026", "2026 (herzien)"],
            "starts_on": ["2026-01-01", "2026-02-01"],
            "ends_on": ["2026-12-31", "2027-01-31"],
            "publication_date": ["2025-12-01", "2026-01-15"],
            "carry_over_allowed": [False, True],
            "ceiling_cents": [CEILING, 4_500_000],
        }
    }


def test_update_with_nothing_changed_writes_nothing() -> None:
    # given
    period = _period()
    row, before = _row(period), _counts()
    # when
    _update(period)
    # then
    assert _row(period) == row
    assert _counts() == before


def test_update_may_overlap_its_own_old_dates() -> None:
    # given
    period = _period()
    # when
    _update(period, starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2027, 2, 28))
    # then
    period.refresh_from_db()
    assert (period.starts_on, period.ends_on) == (
        dt.date(2026, 3, 1),
        dt.date(2027, 2, 28),
    )


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        (
            {"starts_on": dt.date(2026, 6, 1), "ends_on": dt.date(2027, 5, 31)},
            "period_overlap",
        ),
        (
            {"starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2027, 1, 1)},
            "period_order",
        ),
        (
            {"starts_on": dt.date(2025, 6, 1), "ends_on": dt.date(2025, 12, 31)},
            "outside_designation",
        ),
        ({"ceiling_cents": 0}, "invalid_ceiling"),
        ({"name": " "}, "required"),
    ],
)
def test_update_refusals(overrides: dict[str, Any], code: str) -> None:
    # given: periods for 2026 and 2027; the wijk is designated from 1 January 2026
    existing = _period()
    period = _period(
        existing.neighbourhood,
        name="2027",
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 12, 31),
    )
    row, before = _row(period), _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _update(period, **overrides)
    # then
    assert exc.value.code == code
    assert _row(period) == row
    assert _counts() == before


def test_update_of_a_published_period_is_refused() -> None:
    # given
    period = budget_period_publish(actor=UserFactory.create(), budget_period=_period())
    row, before = _row(period), _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _update(period, name="2026 bis", ceiling_cents=6_000_000)
    # then
    assert exc.value.code == "already_published"
    assert _row(period) == row
    assert _counts() == before


# --- budget_summaries ------------------------------------------------------------------


def test_budget_summaries_agree_with_budget_summary_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    # given: one period awarded from, one published untouched, one not published
    spent = budget_period_publish(actor=UserFactory.create(), budget_period=_period())
    _award(spent, 1_234_500)
    untouched = budget_period_publish(
        actor=UserFactory.create(),
        budget_period=_period(NeighbourhoodFactory.create(slug="west")),
    )
    draft = _period(NeighbourhoodFactory.create(slug="noord"))
    periods = list(
        BudgetPeriod.objects.filter(pk__in=[spent.pk, untouched.pk, draft.pk])
    )
    # when
    with django_assert_num_queries(1):
        summaries = budget_summaries(budget_periods=periods)
    # then
    assert summaries == {p.pk: budget_summary(budget_period=p) for p in periods}
    assert summaries[spent.pk].available_cents == CEILING - 1_234_500
    assert summaries[spent.pk].awarded_cents == 1_234_500
    assert summaries[untouched.pk].available_cents == CEILING
    assert summaries[draft.pk].published is False


def test_budget_summaries_without_published_periods_asks_nothing(
    django_assert_num_queries: Any,
) -> None:
    # given
    draft = _period()
    # when
    with django_assert_num_queries(0):
        summaries = budget_summaries(budget_periods=[draft])
        empty = budget_summaries(budget_periods=[])
    # then
    assert summaries == {draft.pk: budget_summary(budget_period=draft)}
    assert empty == {}
