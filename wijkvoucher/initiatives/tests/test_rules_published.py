"""Every rule the public wijk page publishes is checked by the engine or shown as "the
regiegroep checks this" (issue #9); the street-use rule with its date; the term to
carry out a plan. No database: versions are unsaved model instances."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.utils import translation

import pytest

from wijkvoucher.initiatives.rules import (
    REVIEW,
    RULES,
    ContributionFacts,
    LineFacts,
    PlanFacts,
    RuleCheck,
    RuleParameters,
    check_plan,
    parameters_from_version,
)
from wijkvoucher.neighbourhoods.models import RegulationVersion
from wijkvoucher.neighbourhoods.selectors.regulations import (
    PARAMETER_NAMES,
    regulation_parameters,
    regulation_plain_rules,
)

TODAY = dt.date(2026, 3, 1)
DEFAULTS = RuleParameters()

# What the wijk page says about the procedure after a plan is sent in: who decides,
# how long a decision takes, the objection term and the report after the activity.
# These are promises and duties for later, not requirements a plan meets when it is
# written, so the panel has no counterpart for them.
ABOUT_THE_PROCEDURE = frozenset(
    {
        "authority_mode",
        "decision_term_weeks",
        "decision_extension_weeks",
        "objection_term_weeks",
        "accountability_due_weeks",
    }
)


def _other_value(name: str, value: Any) -> Any:
    """A different value that the services would accept for parameter ``name``."""
    field = RegulationVersion._meta.get_field(name)
    if name == "cost_words":
        return {**value, "alcohol": ["limonade"]}
    if name == "public_space_request_deadline":
        return "06-01"
    if isinstance(value, bool):
        return not value
    if getattr(field, "choices", None):
        return next(choice for choice, _label in field.choices if choice != value)  # type: ignore[union-attr]
    if isinstance(value, list):
        return value[1:]
    if value is None:
        return 100_000
    return value + 1


def _changed(name: str) -> RegulationVersion:
    version = RegulationVersion()
    setattr(version, name, _other_value(name, getattr(version, name)))
    return version


def _plain(version: RegulationVersion) -> list[tuple[str, str]]:
    with translation.override("en"):
        return [(r.title, r.text) for r in regulation_plain_rules(version=version)]


def published_parameters() -> set[str]:
    """The parameters the wijk page's text depends on: change one, the text changes."""
    base = _plain(RegulationVersion())
    return {name for name in PARAMETER_NAMES if _plain(_changed(name)) != base}


SAMPLES = (
    # A plan that meets every rule, in the street in December.
    PlanFacts(
        today=TODAY,
        activity_starts_on=dt.date(2026, 12, 5),
        activity_ends_on=dt.date(2026, 12, 5),
        uses_public_space=True,
        budget_lines=(
            LineFacts("materials", 100_000, None, "Verf en kwasten"),
            LineFacts("food_drink", 20_000, None, "Soep voor de buren"),
            LineFacts("party", 10_000, None, "Muziek"),
            LineFacts("fees", 30_000, Decimal(6), "Workshopleider"),
            LineFacts("other", 1_000, None, "Limonade"),
        ),
        own_contributions=(ContributionFacts("money", 10_000),),
        applicant_age=40,
        lives_in_wijk=True,
        supporters_for=5,
    ),
    # A plan at the edges: the youngest applicant, not from the wijk, an activity
    # that already started and ends in two years.
    PlanFacts(
        today=TODAY,
        activity_starts_on=TODAY - dt.timedelta(days=10),
        activity_ends_on=TODAY + dt.timedelta(days=700),
        budget_lines=(LineFacts("materials", 50_000, None, "Hout"),),
        applicant_age=12,
        lives_in_wijk=False,
    ),
)


def _checks(params: RuleParameters) -> list[list[RuleCheck]]:
    with translation.override("en"):
        return [check_plan(plan=plan, rules=params) for plan in SAMPLES]


def test_the_wijk_page_publishes_what_we_expect() -> None:
    # A guard for the test below: it found the parameters the page shows.
    published = published_parameters()
    assert {"public_space_request_deadline", "cost_words"} <= published
    assert {"max_support_years_same_initiative", "execution_window_months"} <= (
        published
    )
    assert published >= ABOUT_THE_PROCEDURE
    assert "payment_modes" not in published


def test_every_published_rule_has_a_counterpart_in_the_rule_check() -> None:
    # given: the rules of the wijk page and the regeling values each rule reads
    published = published_parameters()
    read = {name for rule in RULES for name in rule.parameters}

    # then: each published value is read by a rule that is checked or reviewed
    assert sorted(published - ABOUT_THE_PROCEDURE - read) == []
    assert read <= set(PARAMETER_NAMES)
    assert read <= set(RuleParameters.__dataclass_fields__)


@pytest.mark.parametrize("name", sorted(published_parameters() - ABOUT_THE_PROCEDURE))
def test_the_rule_check_follows_each_published_value(name: str) -> None:
    # given: the same plans under the default version and one with ``name`` changed
    before = _checks(parameters_from_version(RegulationVersion()))
    after = _checks(parameters_from_version(_changed(name)))

    # then: some rule that says it reads ``name`` changes its outcome or message
    codes = {rule.code for rule in RULES if name in rule.parameters}
    changed = {
        old.code
        for plan_before, plan_after in zip(before, after, strict=True)
        for old, new in zip(plan_before, plan_after, strict=True)
        if (old.outcome, old.message) != (new.outcome, new.message)
    }
    assert changed & codes, name


def test_rules_the_engine_cannot_decide_are_for_the_regiegroep() -> None:
    # when
    with translation.override("en"):
        checks = {c.code: c for c in check_plan(plan=SAMPLES[0], rules=DEFAULTS)}
    # then
    reviewed = {code: c for code, c in checks.items() if c.outcome == REVIEW}
    assert set(reviewed) == {"support_years", "plan_aim", "other_funding"}
    assert not any(c.blocks_submission for c in reviewed.values())
    assert reviewed["support_years"].message == (
        "The same activity can get money in at most 3 years. Did your activity get "
        "money in earlier years? Then say so in your plan."
    )
    assert reviewed["plan_aim"].message == (
        "We do not pay for a plan with one of these aims: commercial or profit aim, "
        "private interest, political or religious aim that excludes people."
    )
    assert reviewed["other_funding"].message == (
        "Costs we do not pay for: already funded elsewhere, covered by another "
        "municipal budget. Does someone else pay for part of your plan? Then say so "
        "in your plan."
    )


def test_review_rules_are_off_when_the_regeling_has_no_such_rule() -> None:
    params = replace(
        DEFAULTS,
        max_support_years_same_initiative=0,
        excluded_cost_categories=frozenset({"alcohol"}),
    )
    with translation.override("en"):
        checks = {c.code: c for c in check_plan(plan=SAMPLES[0], rules=params)}
    for code in ("support_years", "plan_aim", "other_funding"):
        assert checks[code].outcome == "not_applicable"


def test_the_parameters_of_a_version_reach_the_engine() -> None:
    version = RegulationVersion(
        public_space_request_deadline="06-01",
        execution_window_months=6,
        max_support_years_same_initiative=2,
        cost_words={"alcohol": ["kombucha"]},
    )
    params = parameters_from_version(version)
    assert params.public_space_request_deadline == "06-01"
    assert params.execution_window_months == 6
    assert params.max_support_years_same_initiative == 2
    assert params.cost_words == {"alcohol": ("kombucha",)}
    assert set(regulation_parameters(version=version)) == set(PARAMETER_NAMES)


# Street, square or park -----------------------------------------------------------------


def street(**changes: Any) -> RuleCheck:
    plan = replace(
        SAMPLES[0],
        activity_starts_on=dt.date(2026, 6, 13),
        activity_ends_on=dt.date(2026, 6, 13),
    )
    params = changes.pop("params", DEFAULTS)
    with translation.override("en"):
        found = check_plan(plan=replace(plan, **changes), rules=params)
    return next(c for c in found if c.code == "public_space")


def test_public_space_asks_the_question_first() -> None:
    result = street(uses_public_space=None)
    assert result.outcome == "not_applicable"
    assert result.message.startswith("Say in step 1 whether your plan uses a street")
    assert street(uses_public_space=False).outcome == "pass"
    assert street(activity_starts_on=None).outcome == "not_applicable"


def test_public_space_in_time_says_before_which_date_to_ask() -> None:
    # given: an activity on 13 June, the regeling's deadline is 1 October
    result = street()
    # then: ask before the activity, which comes first
    assert result.outcome == "pass"
    assert result.severity == "soft"
    assert result.message == (
        "Your plan uses a street, square or park. Ask the municipality for "
        "permission (a permit or a melding) before 13 June 2026. That can take "
        "several weeks, so do it soon."
    )
    # An activity in December: ask before the deadline of that year.
    december = street(activity_starts_on=dt.date(2026, 12, 5))
    assert "before 1 October 2026" in december.message
    # Next year's activity counts against next year's deadline.
    january = street(
        today=dt.date(2026, 11, 1), activity_starts_on=dt.date(2027, 1, 15)
    )
    assert january.outcome == "pass"
    assert "before 15 January 2027" in january.message


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 9, 30), "pass"),
        (dt.date(2026, 10, 1), "warning"),
        (dt.date(2026, 11, 15), "warning"),
    ],
)
def test_public_space_after_the_deadline_warns(today: dt.date, expected: str) -> None:
    result = street(today=today, activity_starts_on=dt.date(2026, 12, 5))
    assert result.outcome == expected
    assert not result.blocks_submission
    if expected == "warning":
        assert result.message == (
            "Your plan uses a street, square or park in 2026. Requests for that had "
            "to be in before 1 October 2026. The municipality may only deal with your "
            "plan next year. Choose a date in 2027, or ask your contact person if it "
            "can still be done."
        )


def test_public_space_counts_from_the_day_the_plan_was_sent_in() -> None:
    late_check = street(
        today=dt.date(2026, 10, 20),
        applied_on=dt.date(2026, 9, 20),
        activity_starts_on=dt.date(2026, 12, 5),
    )
    assert late_check.outcome == "pass"


def test_public_space_follows_the_regeling() -> None:
    june = replace(DEFAULTS, public_space_request_deadline="06-01")
    result = street(
        params=june, today=dt.date(2026, 6, 2), activity_starts_on=dt.date(2026, 9, 1)
    )
    assert result.outcome == "warning"
    assert "before 1 June 2026" in result.message
    broken = replace(DEFAULTS, public_space_request_deadline="31-31")
    assert street(params=broken).outcome == "not_applicable"


# Carrying out the plan in time ----------------------------------------------------------


def window(**changes: Any) -> RuleCheck:
    params = changes.pop("params", DEFAULTS)
    with translation.override("en"):
        found = check_plan(plan=replace(SAMPLES[0], **changes), rules=params)
    return next(c for c in found if c.code == "execution_window")


def test_an_activity_within_the_term_fits() -> None:
    result = window(activity_ends_on=dt.date(2027, 3, 1))
    assert result.outcome == "pass"
    assert result.message == (
        "Your activity ends on 1 March 2027. That fits: you carry out your plan "
        "within 12 months after the decision."
    )


def test_an_activity_that_ends_later_may_be_too_late() -> None:
    result = window(activity_ends_on=dt.date(2027, 3, 2))
    assert result.outcome == "warning"
    assert result.severity == "soft"
    assert "That may be too late" in result.message
    # Without an end date the start counts; without dates nothing can be said.
    assert window(activity_ends_on=None).outcome == "pass"
    no_dates = window(activity_ends_on=None, activity_starts_on=None)
    assert no_dates.outcome == "not_applicable"
    off = window(params=replace(DEFAULTS, execution_window_months=0))
    assert off.outcome == "not_applicable"


def test_lead_time_counts_from_the_day_the_plan_was_sent_in() -> None:
    # given: sent in 30 days before the activity, looked at 10 days before it
    plan = replace(
        SAMPLES[0],
        today=dt.date(2026, 6, 3),
        applied_on=dt.date(2026, 5, 14),
        activity_starts_on=dt.date(2026, 6, 13),
    )
    with translation.override("en"):
        found = {c.code: c for c in check_plan(plan=plan, rules=DEFAULTS)}
    assert found["lead_time"].outcome == "pass"
    # A draft looked at on the same day would be too late.
    draft = replace(plan, applied_on=None)
    with translation.override("en"):
        found = {c.code: c for c in check_plan(plan=draft, rules=DEFAULTS)}
    assert found["lead_time"].outcome == "fail"
