"""The rule engine on plain facts: no database."""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import translation

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives import rules as rules_module
from wijkvoucher.initiatives.rules import (
    RULE_CODES,
    RULES,
    ContributionFacts,
    LineFacts,
    PlanFacts,
    RuleCheck,
    RuleParameters,
    check_plan,
    parameters_from_version,
    submission_blockers,
)
from wijkvoucher.neighbourhoods.constants import CostCategory, FoodDrinkPolicy

TODAY = dt.date(2025, 3, 1)
ROOT = Path(__file__).resolve().parents[3]
DEFAULTS = RuleParameters()


def good_plan(**changes: Any) -> PlanFacts:
    """A plan that meets every rule of the default regeling."""
    plan = PlanFacts(
        today=TODAY,
        activity_starts_on=TODAY + dt.timedelta(days=40),
        budget_lines=(
            LineFacts("materials", 100_000, None, "Paint and brushes"),
            LineFacts("food_drink", 20_000, None, "Soup for the neighbours"),
            LineFacts("fees", 30_000, Decimal(6), "Workshop leader"),
        ),
        own_contributions=(ContributionFacts("hours", None, Decimal(20)),),
        activity_ends_on=TODAY + dt.timedelta(days=40),
        uses_public_space=True,
        applicant_age=40,
        lives_in_wijk=True,
        supporters_for=7,
        supporters_against=1,
        supporters_neutral=2,
        food_drink_motivation="Neighbours who live alone meet each other.",
    )
    return replace(plan, **changes)


def lines(*amounts: tuple[str, int]) -> tuple[LineFacts, ...]:
    return tuple(
        LineFacts(category, amount, None, f"line {index}")
        for index, (category, amount) in enumerate(amounts)
    )


def check(code: str, plan: PlanFacts, params: RuleParameters = DEFAULTS) -> RuleCheck:
    with translation.override("en"):
        found = [c for c in check_plan(plan=plan, rules=params) if c.code == code]
    assert len(found) == 1
    return found[0]


# The whole engine -------------------------------------------------------------------


def test_good_plan_meets_every_rule() -> None:
    # given / when
    with translation.override("en"):
        checks = check_plan(plan=good_plan(), rules=DEFAULTS)

    # then
    outcomes = {c.code: c.outcome for c in checks}
    assert outcomes == {
        "max_per_year": "pass",
        "min_amount": "not_applicable",
        "max_per_voucher": "pass",
        "excluded_categories": "pass",
        "alcohol": "pass",
        "food_drink": "pass",
        "food_drink_cap": "pass",
        "party_cap": "pass",
        "hourly_fee_cap": "pass",
        "lead_time": "pass",
        "public_space": "pass",
        "execution_window": "pass",
        "supporters": "pass",
        "own_contribution": "pass",
        "residency": "pass",
        "min_age": "pass",
        "parental_consent": "not_applicable",
        "legal_entity_cosign": "not_applicable",
        "support_years": "review",
        "plan_aim": "review",
        "other_funding": "review",
    }
    assert submission_blockers(checks) == []
    assert all(c.message and c.title for c in checks)


def test_rule_codes_are_unique_and_stable() -> None:
    assert tuple(rule.code for rule in RULES) == RULE_CODES
    assert len(set(RULE_CODES)) == len(RULE_CODES) == 21
    assert RULE_CODES[0] == "max_per_year"
    assert RULE_CODES[-1] == "other_funding"


def test_submission_blockers_are_the_hard_failures_only() -> None:
    # given: an alcohol line (hard) and too few supporters (soft)
    plan = good_plan(
        budget_lines=(*good_plan().budget_lines, *lines(("alcohol", 1_000))),
        supporters_for=1,
    )

    # when
    with translation.override("en"):
        checks = check_plan(plan=plan, rules=DEFAULTS)

    # then
    blockers = submission_blockers(checks)
    assert [c.code for c in blockers] == ["alcohol"]
    supporters = next(c for c in checks if c.code == "supporters")
    assert supporters.outcome == "warning"
    assert supporters.severity == "soft"
    assert not supporters.blocks_submission


@pytest.mark.parametrize(
    ("outcome", "severity", "blocks"),
    [
        ("fail", "hard", True),
        ("fail", "soft", False),
        ("warning", "soft", False),
        ("pass", "hard", False),
        ("not_applicable", "hard", False),
    ],
)
def test_blocks_submission(outcome: Any, severity: Any, blocks: bool) -> None:
    check_ = RuleCheck("x", "X", outcome, severity, "message")
    assert check_.blocks_submission is blocks
    assert submission_blockers([check_]) == ([check_] if blocks else [])


def test_empty_plan_asks_for_facts_and_never_crashes() -> None:
    # given: nothing filled in yet
    plan = PlanFacts(today=TODAY)

    # when
    with translation.override("en"):
        checks = check_plan(plan=plan, rules=DEFAULTS)

    # then
    by_code = {c.code: c for c in checks}
    for code in ("max_per_year", "alcohol", "party_cap", "hourly_fee_cap"):
        assert by_code[code].outcome == "not_applicable"
        assert "Add the costs of your plan" in by_code[code].message
    assert by_code["lead_time"].outcome == "not_applicable"
    assert "Fill in the date" in by_code["lead_time"].message
    assert by_code["min_age"].outcome == "not_applicable"
    assert "Fill in your age" in by_code["min_age"].message
    assert by_code["parental_consent"].outcome == "not_applicable"


# Maximum per year --------------------------------------------------------------------


def test_max_per_year_exactly_at_the_maximum_passes() -> None:
    plan = good_plan(budget_lines=lines(("materials", 500_000)))
    result = check("max_per_year", plan)
    assert result.outcome == "pass"
    assert format_euro(500_000) in result.message


def test_max_per_year_one_cent_over_fails_with_amounts() -> None:
    # given
    plan = good_plan(budget_lines=lines(("materials", 620_000)))

    # when
    result = check("max_per_year", plan)

    # then
    assert result.outcome == "fail"
    assert result.severity == "hard"
    assert result.blocks_submission
    assert result.message == (
        "Your plan costs €\u00a06.200. That is more than the €\u00a05.000 you can get "
        "per year. Make the plan €\u00a01.200 cheaper, or find other money for that "
        "part."
    )
    one_cent_over = replace(plan, budget_lines=lines(("materials", 500_001)))
    assert check("max_per_year", one_cent_over).outcome == "fail"


def test_max_per_year_counts_what_was_awarded_earlier_this_year() -> None:
    plan = good_plan(
        budget_lines=lines(("materials", 300_000)),
        amount_awarded_this_year_cents=200_000,
    )
    assert check("max_per_year", plan).outcome == "pass"

    # one cent more than fits
    over = replace(plan, amount_awarded_this_year_cents=200_001)
    result = check("max_per_year", over)
    assert result.outcome == "fail"
    assert format_euro(200_001) in result.message
    assert format_euro(1) in result.message


# Minimum amount ----------------------------------------------------------------------


def test_min_amount() -> None:
    params = replace(DEFAULTS, min_amount_cents=10_000)
    at_minimum = good_plan(budget_lines=lines(("materials", 10_000)))
    below = good_plan(budget_lines=lines(("materials", 9_999)))

    assert check("min_amount", at_minimum, params).outcome == "pass"
    result = check("min_amount", below, params)
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert format_euro(10_000) in result.message
    assert format_euro(9_999) in result.message


def test_min_amount_not_applicable_without_a_minimum() -> None:
    result = check("min_amount", good_plan(budget_lines=lines(("materials", 1))))
    assert result.outcome == "not_applicable"


# Vouchers ----------------------------------------------------------------------------


def test_one_voucher_when_the_plan_fits() -> None:
    result = check(
        "max_per_voucher", good_plan(budget_lines=lines(("materials", 500_000)))
    )
    assert result.outcome == "pass"
    assert "1 voucher" in result.message


def test_more_vouchers_are_fine_and_counted() -> None:
    params = replace(DEFAULTS, max_amount_per_voucher_cents=25_000)
    plan = good_plan(budget_lines=lines(("materials", 50_001)))
    result = check("max_per_voucher", plan, params)
    assert result.outcome == "pass"
    assert "3 vouchers" in result.message
    assert format_euro(25_000) in result.message


def test_more_vouchers_than_allowed_fails() -> None:
    params = replace(
        DEFAULTS, max_amount_per_voucher_cents=25_000, max_vouchers_per_initiative=2
    )
    assert (
        check(
            "max_per_voucher",
            good_plan(budget_lines=lines(("materials", 50_000))),
            params,
        ).outcome
        == "pass"
    )
    result = check(
        "max_per_voucher", good_plan(budget_lines=lines(("materials", 50_001))), params
    )
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert format_euro(50_000) in result.message
    assert format_euro(1) in result.message


# Excluded categories and alcohol -----------------------------------------------------


def test_excluded_categories_name_the_lines() -> None:
    plan = good_plan(
        budget_lines=(
            LineFacts("materials", 10_000, None, "Paint"),
            LineFacts("commercial", 5_000, None, "Ad for my shop"),
        )
    )
    result = check("excluded_categories", plan)
    assert result.outcome == "fail"
    assert result.severity == "hard"
    assert "Ad for my shop (commercial or profit aim)" in result.message
    assert "Paint" not in result.message


def test_excluded_categories_follow_the_regeling() -> None:
    plan = good_plan(budget_lines=lines(("materials", 10_000), ("commercial", 5_000)))
    params = replace(DEFAULTS, excluded_cost_categories=frozenset({"other_budget"}))
    assert check("excluded_categories", plan, params).outcome == "pass"
    empty = replace(DEFAULTS, excluded_cost_categories=frozenset())
    assert check("excluded_categories", plan, empty).outcome == "not_applicable"


def test_alcohol_is_always_a_hard_failure() -> None:
    # given: a regeling that forgot to exclude alcohol
    params = replace(DEFAULTS, excluded_cost_categories=frozenset())
    plan = good_plan(
        budget_lines=(LineFacts("alcohol", 3_000, None, "Beer for the opening"),)
    )

    # when
    result = check("alcohol", plan, params)

    # then
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert "Beer for the opening" in result.message
    # and it is not reported twice under the excluded categories
    assert check("excluded_categories", plan, DEFAULTS).outcome == "pass"
    assert check("alcohol", good_plan()).outcome == "pass"


def test_a_line_without_description_is_named_by_its_category() -> None:
    plan = good_plan(budget_lines=(LineFacts("alcohol", 3_000, None, "  "),))
    assert "alcohol" in check("alcohol", plan).message


# Food and drink ----------------------------------------------------------------------


def test_food_drink_never_allowed() -> None:
    params = replace(DEFAULTS, food_drink_policy=FoodDrinkPolicy.NEVER.value)
    result = check("food_drink", good_plan(), params)
    assert result.outcome == "fail"
    assert result.severity == "hard"
    assert "Soup for the neighbours" in result.message
    assert check("food_drink_cap", good_plan(), params).outcome == "not_applicable"
    no_food = good_plan(budget_lines=lines(("materials", 1_000)))
    assert check("food_drink", no_food, params).outcome == "pass"


def test_food_drink_motivated_warns_without_a_reason() -> None:
    result = check("food_drink", good_plan(food_drink_motivation="   "))
    assert result.outcome == "warning"
    assert result.severity == "soft"
    assert not result.blocks_submission
    assert "Soup for the neighbours" in result.message
    assert check("food_drink", good_plan()).outcome == "pass"


def test_food_drink_allowed() -> None:
    params = replace(DEFAULTS, food_drink_policy=FoodDrinkPolicy.ALLOWED.value)
    result = check("food_drink", good_plan(food_drink_motivation=""), params)
    assert result.outcome == "pass"


def test_food_drink_cap_boundary() -> None:
    # 25% of € 1.000 is € 250
    at_cap = good_plan(
        budget_lines=lines(("materials", 75_000), ("food_drink", 25_000))
    )
    over = good_plan(budget_lines=lines(("materials", 74_999), ("food_drink", 25_001)))

    assert check("food_drink_cap", at_cap).outcome == "pass"
    result = check("food_drink_cap", over)
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert format_euro(25_001) in result.message
    assert "25%" in result.message
    assert format_euro(25_000) in result.message


def test_food_drink_cap_off() -> None:
    params = replace(DEFAULTS, food_drink_cap_percent=None)
    plan = good_plan(budget_lines=lines(("food_drink", 25_000)))
    assert check("food_drink_cap", plan, params).outcome == "not_applicable"


# Party or barbecue -------------------------------------------------------------------


def test_party_cap_boundary() -> None:
    at_cap = good_plan(budget_lines=lines(("materials", 50_000), ("party", 50_000)))
    over = good_plan(budget_lines=lines(("materials", 49_999), ("party", 50_001)))

    assert check("party_cap", at_cap).outcome == "pass"
    result = check("party_cap", over)
    assert result.outcome == "fail"
    assert result.severity == "hard"
    assert format_euro(50_001) in result.message
    assert "50%" in result.message
    assert format_euro(50_000) in result.message


# Hourly fee --------------------------------------------------------------------------


def test_hourly_fee_exactly_at_the_cap_passes() -> None:
    plan = good_plan(budget_lines=(LineFacts("fees", 30_000, Decimal(6), "Coach"),))
    result = check("hourly_fee_cap", plan)
    assert result.outcome == "pass"
    assert format_euro(5_000) in result.message


def test_hourly_fee_over_the_cap_names_line_and_rate() -> None:
    # given: € 300,01 for 6 hours is € 50,00 and a bit per hour; € 450 for 6 is € 75
    plan = good_plan(
        budget_lines=(
            LineFacts("fees", 30_001, Decimal(6), "Coach"),
            LineFacts("fees", 45_000, Decimal("6.00"), "DJ"),
            LineFacts("materials", 45_000, None, "Paint"),
        )
    )

    # when
    result = check("hourly_fee_cap", plan)

    # then
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert f"DJ: {format_euro(7_500)} per hour" in result.message
    assert f"Coach: {format_euro(5_000)} per hour" in result.message
    assert "Paint" not in result.message


def test_hourly_fee_without_hours_asks_for_them() -> None:
    plan = good_plan(budget_lines=(LineFacts("fees", 30_000, None, "Coach"),))
    result = check("hourly_fee_cap", plan)
    assert result.outcome == "not_applicable"
    assert "Coach" in result.message
    assert "number of hours" in result.message


def test_hourly_fee_without_fee_lines_passes() -> None:
    plan = good_plan(budget_lines=lines(("materials", 30_000)))
    assert check("hourly_fee_cap", plan).outcome == "pass"


# Lead time ---------------------------------------------------------------------------


def test_lead_time_exactly_n_days_passes() -> None:
    plan = good_plan(activity_starts_on=TODAY + dt.timedelta(days=28))
    assert check("lead_time", plan).outcome == "pass"


def test_lead_time_one_day_short_fails() -> None:
    plan = good_plan(activity_starts_on=TODAY + dt.timedelta(days=27))
    result = check("lead_time", plan)
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert "28 days" in result.message
    assert "29 March 2025" in result.message  # the earliest date in time


def test_activity_in_the_past() -> None:
    plan = good_plan(activity_starts_on=TODAY - dt.timedelta(days=1))
    assert check("lead_time", plan).outcome == "fail"
    retroactive = replace(DEFAULTS, retroactive_allowed=True)
    assert check("lead_time", plan, retroactive).outcome == "pass"


def test_lead_time_zero_allows_today() -> None:
    params = replace(DEFAULTS, lead_time_before_activity_days=0)
    assert (
        check("lead_time", good_plan(activity_starts_on=TODAY), params).outcome
        == "pass"
    )


# Supporters --------------------------------------------------------------------------


def test_supporters_enough_at_the_minimum() -> None:
    result = check("supporters", good_plan(supporters_for=5))
    assert result.outcome == "pass"


def test_too_few_supporters_is_a_soft_warning_with_counts() -> None:
    # given
    plan = good_plan(supporters_for=4, supporters_against=3, supporters_neutral=2)

    # when
    result = check("supporters", plan)

    # then
    assert result.outcome == "warning"
    assert result.severity == "soft"
    assert not result.blocks_submission
    assert "in favour of your plan: 4" in result.message
    assert "at least 5" in result.message
    assert "against: 3" in result.message
    assert "no opinion: 2" in result.message


def test_supporters_without_recording_opponents() -> None:
    params = replace(DEFAULTS, record_opponents=False)
    result = check("supporters", good_plan(supporters_for=0), params)
    assert result.outcome == "warning"
    assert "against" not in result.message


def test_supporters_not_required() -> None:
    params = replace(DEFAULTS, support_evidence_required=False)
    assert (
        check("supporters", good_plan(supporters_for=0), params).outcome
        == "not_applicable"
    )


# Own contribution --------------------------------------------------------------------


def test_no_own_contribution_fails() -> None:
    result = check("own_contribution", good_plan(own_contributions=()))
    assert result.outcome == "fail"
    assert result.blocks_submission


def test_own_contribution_in_kind_without_value_counts() -> None:
    plan = good_plan(own_contributions=(ContributionFacts("in_kind"),))
    assert check("own_contribution", plan).outcome == "pass"


def test_own_contribution_not_required() -> None:
    params = replace(DEFAULTS, own_contribution_required=False)
    result = check("own_contribution", good_plan(own_contributions=()), params)
    assert result.outcome == "not_applicable"


def test_own_contribution_percentage_boundary() -> None:
    # given: 20% of € 1.000 is € 200
    params = replace(DEFAULTS, own_contribution_min_percent=20)
    costs = lines(("materials", 100_000))
    enough = good_plan(
        budget_lines=costs,
        own_contributions=(
            ContributionFacts("money", 15_000),
            ContributionFacts("in_kind", 5_000),
        ),
    )
    short = good_plan(
        budget_lines=costs,
        own_contributions=(
            ContributionFacts("money", 19_999),
            ContributionFacts("hours", None, Decimal(40)),
        ),
    )

    # then
    assert check("own_contribution", enough, params).outcome == "pass"
    result = check("own_contribution", short, params)
    assert result.outcome == "fail"
    assert format_euro(19_999) in result.message
    assert format_euro(20_000) in result.message
    assert "20%" in result.message
    assert f"Add {format_euro(1)}" in result.message


# Residency, age, consent, co-signing -------------------------------------------------


def test_residency() -> None:
    assert check("residency", good_plan()).outcome == "pass"
    result = check("residency", good_plan(lives_in_wijk=False))
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert "business" not in result.message
    entrepreneurs = replace(DEFAULTS, area_entrepreneurs_allowed=True)
    assert (
        "business"
        in check("residency", good_plan(lives_in_wijk=False), entrepreneurs).message
    )
    free = replace(DEFAULTS, residency_required=False)
    assert (
        check("residency", good_plan(lives_in_wijk=False), free).outcome
        == "not_applicable"
    )


def test_min_age_boundary() -> None:
    assert check("min_age", good_plan(applicant_age=12)).outcome == "pass"
    result = check("min_age", good_plan(applicant_age=11))
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert "12" in result.message


def test_parental_consent() -> None:
    assert (
        check("parental_consent", good_plan(applicant_age=18)).outcome
        == "not_applicable"
    )
    young = good_plan(applicant_age=17)
    result = check("parental_consent", young)
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert "18" in result.message
    consented = replace(young, parental_consent=True)
    assert check("parental_consent", consented).outcome == "pass"
    assert (
        check("parental_consent", good_plan(applicant_age=None)).outcome
        == "not_applicable"
    )


def test_legal_entity_cosign_boundary() -> None:
    params = replace(DEFAULTS, legal_entity_cosign_above_cents=100_000)
    at_threshold = good_plan(budget_lines=lines(("materials", 100_000)))
    above = good_plan(budget_lines=lines(("materials", 100_001)))

    assert (
        check("legal_entity_cosign", at_threshold, params).outcome == "not_applicable"
    )
    result = check("legal_entity_cosign", above, params)
    assert result.outcome == "fail"
    assert result.blocks_submission
    assert format_euro(100_000) in result.message
    assert format_euro(100_001) in result.message
    cosigned = replace(above, legal_entity_cosigned=True)
    assert check("legal_entity_cosign", cosigned, params).outcome == "pass"
    assert check("legal_entity_cosign", above).outcome == "not_applicable"


# Translations ------------------------------------------------------------------------


def _msgids_in_rules() -> set[str]:
    found = set()
    modules = Path(rules_module.__file__).parent.glob("*.py")
    trees = [ast.parse(module.read_text(encoding="utf-8")) for module in modules]
    for node in (node for tree in trees for node in ast.walk(tree)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "gettext_noop"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def test_every_message_has_a_dutch_translation_with_the_same_placeholders() -> None:
    # given the Dutch catalogue
    catalogue = polib.pofile(str(ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    dutch = {entry.msgid: entry.msgstr for entry in catalogue if entry.msgstr}
    placeholder = re.compile(r"%\(\w+\)s|%%")
    # then every message of the rule engine is there, with the same placeholders
    msgids = _msgids_in_rules()
    assert len(msgids) > 40
    assert sorted(msgids - dutch.keys()) == []
    for msgid in msgids:
        assert sorted(placeholder.findall(msgid)) == sorted(
            placeholder.findall(dutch[msgid])
        ), msgid


def test_dutch_messages_render() -> None:
    plan = good_plan(budget_lines=lines(("materials", 620_000)))
    with translation.override("nl"):
        result = next(
            c for c in check_plan(plan=plan, rules=DEFAULTS) if c.code == "max_per_year"
        )
    assert format_euro(620_000) in result.message
    assert "Uw plan" in result.message or "uw plan" in result.message


# Never a crash -----------------------------------------------------------------------

_amounts = st.integers(min_value=-(10**6), max_value=10**12)
_hours = (
    st.none()
    | st.decimals(allow_nan=True, allow_infinity=True, places=2)
    | st.decimals()
)
_categories = st.sampled_from([*CostCategory.values, "unknown", ""])
_texts = st.text(max_size=80) | st.sampled_from(
    ["Bier en wijn", "bierviltjes", "Catering", "DJ", "uurloon", "alcoholvrij bier"]
)
_lines = st.builds(LineFacts, _categories, _amounts, _hours, _texts, _texts)
_contributions = st.builds(
    ContributionFacts,
    st.sampled_from(["money", "hours", "in_kind", "other"]),
    st.none() | _amounts,
    _hours,
)
_counts = st.integers(min_value=0, max_value=10_000)
_plans = st.builds(
    PlanFacts,
    today=st.dates(),
    activity_starts_on=st.none() | st.dates(),
    activity_ends_on=st.none() | st.dates(),
    applied_on=st.none() | st.dates(),
    uses_public_space=st.none() | st.booleans(),
    plan_text=_texts,
    budget_lines=st.lists(_lines, max_size=6).map(tuple),
    own_contributions=st.lists(_contributions, max_size=4).map(tuple),
    applicant_age=st.none() | st.integers(min_value=-1, max_value=130),
    parental_consent=st.booleans(),
    lives_in_wijk=st.booleans(),
    supporters_for=_counts,
    supporters_against=_counts,
    supporters_neutral=_counts,
    amount_awarded_this_year_cents=_amounts,
    food_drink_motivation=st.text(max_size=20),
    legal_entity_cosigned=st.booleans(),
)
_percent = st.integers(min_value=0, max_value=100)
_params = st.builds(
    RuleParameters,
    max_amount_per_voucher_cents=st.integers(min_value=0, max_value=10**9),
    max_amount_per_initiative_per_year_cents=st.integers(min_value=0, max_value=10**9),
    min_amount_cents=st.none() | st.integers(min_value=0, max_value=10**7),
    max_vouchers_per_initiative=st.none() | st.integers(min_value=0, max_value=5),
    min_age_applicant=st.integers(min_value=0, max_value=30),
    parental_consent_below=st.integers(min_value=0, max_value=30),
    residency_required=st.booleans(),
    area_entrepreneurs_allowed=st.booleans(),
    legal_entity_cosign_above_cents=st.none()
    | st.integers(min_value=0, max_value=10**8),
    support_evidence_required=st.booleans(),
    min_supporters=st.integers(min_value=0, max_value=100),
    record_opponents=st.booleans(),
    own_contribution_required=st.booleans(),
    own_contribution_min_percent=st.none() | _percent,
    excluded_cost_categories=st.frozensets(_categories),
    food_drink_policy=st.sampled_from([*FoodDrinkPolicy.values, "unknown"]),
    food_drink_cap_percent=st.none() | _percent,
    hourly_fee_cap_cents=st.integers(min_value=0, max_value=10**6),
    party_cap_percent=_percent,
    lead_time_before_activity_days=st.integers(min_value=0, max_value=365),
    retroactive_allowed=st.booleans(),
    public_space_request_deadline=st.sampled_from(["10-01", "01-01", "12-31", "x"])
    | st.text(max_size=6),
    execution_window_months=st.integers(min_value=0, max_value=1_000),
    max_support_years_same_initiative=st.integers(min_value=0, max_value=10),
    cost_words=st.dictionaries(
        _categories, st.lists(_texts, max_size=4).map(tuple), max_size=4
    ),
)


@settings(max_examples=300, deadline=None)
@given(plan=_plans, params=_params)
def test_check_plan_never_raises(plan: PlanFacts, params: RuleParameters) -> None:
    with translation.override("en"):
        checks = check_plan(plan=plan, rules=params)

    assert tuple(c.code for c in checks) == RULE_CODES
    for c in checks:
        assert c.outcome in {"pass", "fail", "warning", "not_applicable", "review"}
        assert c.severity in {"hard", "soft"}
        assert c.message
        assert c.blocks_submission == (c.outcome == "fail" and c.severity == "hard")
    assert submission_blockers(checks) == [c for c in checks if c.blocks_submission]


def test_parameters_from_version_match_the_model_defaults() -> None:
    # An unsaved version: no database needed.
    from wijkvoucher.neighbourhoods.models import RegulationVersion

    assert parameters_from_version(RegulationVersion()) == RuleParameters()
