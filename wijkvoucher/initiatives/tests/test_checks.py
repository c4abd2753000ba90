"""The rule check of stored plans, and that hard breaches block submission."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.checks import (
    applicant_age_of,
    plan_checks,
    plan_facts_for,
)
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import StatusChange
from wijkvoucher.initiatives.rules import submission_blockers
from wijkvoucher.initiatives.services import initiative_submit
from wijkvoucher.initiatives.tests.factories import (
    BudgetLineFactory,
    complete_draft,
    neighbourhood_ready,
)
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def test_a_complete_draft_meets_every_hard_rule() -> None:
    # given
    initiative = complete_draft()
    # when
    checks = plan_checks(initiative=initiative)
    # then
    assert submission_blockers(checks) == []
    by_code = {c.code: c.outcome for c in checks}
    assert by_code["residency"] == "pass"
    assert by_code["own_contribution"] == "pass"
    assert by_code["max_per_year"] == "pass"


def test_the_facts_come_from_the_stored_plan() -> None:
    # given
    initiative = complete_draft()
    BudgetLineFactory(
        initiative=initiative, category=CostCategory.FEES, amount_cents=30_000
    )
    # when
    facts = plan_facts_for(initiative=initiative, today=TODAY)
    # then
    assert [(line.category, line.amount_cents) for line in facts.budget_lines] == [
        (CostCategory.PLANTS, 45_000),
        (CostCategory.FEES, 30_000),
    ]
    assert facts.lives_in_wijk is True
    assert facts.activity_starts_on == initiative.starts_on
    assert [c.kind for c in facts.own_contributions] == ["hours"]


def test_food_and_drink_warn_until_the_plan_says_why_they_are_needed() -> None:
    # given a plan with food on its budget and no reason yet
    initiative = complete_draft()
    BudgetLineFactory(
        initiative=initiative,
        description="Soep voor de buren",
        category=CostCategory.FOOD_DRINK,
        amount_cents=5_000,
    )
    # when
    before = {c.code: c.outcome for c in plan_checks(initiative=initiative)}
    initiative.food_drink_motivation = "Buren die alleen wonen eten samen."
    initiative.save(update_fields=["food_drink_motivation"])
    facts = plan_facts_for(initiative=initiative, today=TODAY)
    after = {c.code: c.outcome for c in plan_checks(initiative=initiative)}
    # then
    assert before["food_drink"] == "warning"
    assert facts.food_drink_motivation == "Buren die alleen wonen eten samen."
    assert after["food_drink"] == "pass"


def test_a_hard_breach_blocks_submission_and_changes_nothing() -> None:
    # given a plan with alcohol on its budget
    initiative = complete_draft()
    BudgetLineFactory(
        initiative=initiative,
        description="Bier voor het buurtfeest",
        category=CostCategory.ALCOHOL,
        amount_cents=8_000,
    )
    before = snapshot(initiative)
    events = AuditEvent.objects.count()
    # when
    with pytest.raises(ValidationError) as refused:
        initiative_submit(actor=initiative.initiator, initiative=initiative)
    # then
    assert refused.value.code == "rule_breach"
    assert refused.value.params is not None
    assert "alcohol" in refused.value.params["rules"]
    assert snapshot(initiative) == before
    assert initiative.status == InitiativeStatus.DRAFT
    assert StatusChange.objects.filter(initiative=initiative).count() == 0
    assert AuditEvent.objects.count() == events


def test_someone_who_does_not_live_in_the_wijk_cannot_submit() -> None:
    # given an initiator whose address is elsewhere
    wijk = neighbourhood_ready()
    outsider = UserFactory.create()
    initiative = complete_draft(neighbourhood=wijk, initiator=outsider)
    # when
    with pytest.raises(ValidationError) as refused:
        initiative_submit(actor=outsider, initiative=initiative)
    # then
    assert refused.value.code == "rule_breach"
    assert refused.value.params is not None
    assert refused.value.params["rules"] == ["residency"]


@pytest.mark.parametrize(
    ("at_least", "age", "expected"),
    [
        (18, None, 18),  # "18 or older" counts as 18: old enough for every rule
        (None, 15, 15),  # someone younger gave their age
        (None, None, None),  # not answered yet
    ],
)
def test_the_rules_see_the_age_the_initiator_answered(
    at_least: int | None, age: int | None, expected: int | None
) -> None:
    initiative = complete_draft()
    initiative.applicant_age_at_least = at_least
    initiative.applicant_age = age
    assert applicant_age_of(initiative) == expected
    assert plan_facts_for(initiative=initiative, today=TODAY).applicant_age == expected
