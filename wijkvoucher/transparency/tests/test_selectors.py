from __future__ import annotations

import datetime as dt

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.selectors.budgets import BudgetSummary, budget_summary
from wijkvoucher.neighbourhoods.tests.factories import (
    BudgetPeriodFactory,
    NeighbourhoodFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.transparency.selectors.neighbourhoods import (
    BudgetMeter,
    budget_meter,
    neighbourhood_cards,
    neighbourhood_public,
    neighbourhoods_public,
    steering_group_public,
)
from wijkvoucher.transparency.tests.builders import published_period
from wijkvoucher.transparency.tests.conftest import TODAY


def _summary(*, ceiling: int, awarded: int, available: int) -> BudgetSummary:
    return BudgetSummary(
        ceiling_cents=ceiling,
        awarded_cents=awarded,
        available_cents=available,
        published=True,
        publication_date=dt.date(2025, 12, 1),
    )


@pytest.mark.parametrize(
    ("ceiling", "awarded", "available", "awarded_percent", "available_percent"),
    [
        pytest.param(5_000_000, 0, 5_000_000, 0, 100, id="nothing-awarded"),
        pytest.param(5_000_000, 1_850_000, 3_150_000, 37, 63, id="37-percent"),
        pytest.param(5_000_000, 5_000_000, 0, 100, 0, id="all-awarded"),
        pytest.param(0, 0, 0, 0, 0, id="ceiling-zero"),
        pytest.param(5_000_000, 100, 4_999_900, 1, 99, id="tiny-award-stays-visible"),
        pytest.param(5_000_000, 4_999_900, 100, 99, 1, id="almost-full-is-not-full"),
        pytest.param(5_000_000, 6_000_000, -1_000_000, 100, 0, id="clamped-above"),
        pytest.param(0, 500, 0, 0, 0, id="ceiling-zero-with-award"),
    ],
)
def test_budget_meter_geometry(
    ceiling: int,
    awarded: int,
    available: int,
    awarded_percent: int,
    available_percent: int,
) -> None:
    # given
    summary = _summary(ceiling=ceiling, awarded=awarded, available=available)
    # when
    meter = budget_meter(summary=summary)
    # then
    assert meter == BudgetMeter(
        ceiling_cents=ceiling,
        awarded_cents=awarded,
        available_cents=available,
        awarded_percent=awarded_percent,
        available_percent=available_percent,
    )
    assert meter.available_x == awarded_percent
    assert meter.awarded_percent + meter.available_percent <= 100


@pytest.mark.django_db
def test_neighbourhoods_public_lists_only_wijken_designated_that_day() -> None:
    # given
    current = NeighbourhoodFactory.create(
        name="Oost", designated_from=dt.date(2026, 1, 1)
    )
    open_ended_last_day = NeighbourhoodFactory.create(
        name="Noord",
        designated_from=dt.date(2025, 1, 1),
        designated_until=TODAY,
    )
    NeighbourhoodFactory.create(name="Later", designated_from=dt.date(2026, 6, 1))
    NeighbourhoodFactory.create(
        name="Ended",
        designated_from=dt.date(2024, 1, 1),
        designated_until=dt.date(2025, 12, 31),
    )
    # when
    wijken = list(neighbourhoods_public(on=TODAY))
    # then
    assert wijken == [open_ended_last_day, current]


@pytest.mark.django_db
def test_neighbourhood_public_none_when_unknown_or_no_longer_designated() -> None:
    # given
    NeighbourhoodFactory.create(
        slug="ended",
        designated_from=dt.date(2024, 1, 1),
        designated_until=dt.date(2025, 12, 31),
    )
    current = NeighbourhoodFactory.create(slug="current")
    # when / then
    assert neighbourhood_public(slug="current", on=TODAY) == current
    assert neighbourhood_public(slug="ended", on=TODAY) is None
    assert neighbourhood_public(slug="nope", on=TODAY) is None


@pytest.mark.django_db
def test_neighbourhood_cards_carry_the_current_period_only() -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    BudgetPeriodFactory.create(
        neighbourhood=wijk,
        name="2025",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        ceiling_cents=100,
    )
    published_period(neighbourhood=wijk, ceiling_cents=2_000_000, awarded_cents=500_000)
    without = NeighbourhoodFactory.create()
    # when
    cards = {card.neighbourhood: card for card in neighbourhood_cards(on=TODAY)}
    # then
    budget = cards[wijk].budget
    assert budget is not None
    assert budget.period.name == "2026"
    assert (budget.summary.ceiling_cents, budget.summary.awarded_cents) == (
        2_000_000,
        500_000,
    )
    assert budget.summary.available_cents == 1_500_000
    assert (budget.meter.awarded_percent, budget.meter.available_percent) == (25, 75)
    assert cards[without].budget is None


@pytest.mark.django_db
def test_steering_group_public_orders_roles_and_hides_names_without_consent() -> None:
    # given
    wijk = NeighbourhoodFactory.create()
    shown = UserFactory.create(full_name="Fatima Yilmaz", consent_publish_name=True)
    hidden = UserFactory.create(full_name="Kees de Vries", consent_publish_name=False)
    adviser = UserFactory.create(full_name="Anouk Bakker", consent_publish_name=True)
    RoleAssignmentFactory.create(
        neighbourhood=wijk, user=adviser, role=Role.STEERING_ADVISER
    )
    RoleAssignmentFactory.create(
        neighbourhood=wijk, user=hidden, role=Role.STEERING_MEMBER
    )
    RoleAssignmentFactory.create(
        neighbourhood=wijk, user=shown, role=Role.STEERING_CHAIR
    )
    RoleAssignmentFactory.create(
        neighbourhood=wijk,
        role=Role.STEERING_MEMBER,
        valid_until=dt.date(2026, 2, 1),
    )
    RoleAssignmentFactory.create(neighbourhood=wijk, role=Role.CONTACT_OFFICIAL)
    # when
    seats = steering_group_public(neighbourhood=wijk, on=TODAY)
    # then
    assert [(s.role, s.name, s.votes) for s in seats] == [
        ("Chair", "Fatima Yilmaz", True),
        ("Member", "", True),
        ("Adviser", "Anouk Bakker", False),
    ]


@pytest.mark.django_db
def test_home_card_summary_equals_budget_summary() -> None:
    # given
    published = NeighbourhoodFactory.create()
    period = published_period(
        neighbourhood=published, ceiling_cents=3_000_000, awarded_cents=1_234_500
    )
    unpublished = NeighbourhoodFactory.create()
    draft = BudgetPeriodFactory.create(neighbourhood=unpublished)
    # when
    cards = {card.neighbourhood: card for card in neighbourhood_cards(on=TODAY)}
    # then
    published_budget = cards[published].budget
    unpublished_budget = cards[unpublished].budget
    assert published_budget is not None
    assert unpublished_budget is not None
    assert published_budget.summary == budget_summary(budget_period=period)
    assert published_budget.summary.available_cents == 1_765_500
    assert unpublished_budget.summary == budget_summary(budget_period=draft)
    assert unpublished_budget.summary.published is False
