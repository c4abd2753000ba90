"""The rule engine (issue #3): which rules of the regeling a plan meets or breaks.

Pure Python on plain facts: no database, no models at runtime. The same call feeds the
live check while a resident writes the plan and the checklist the regiegroep sees.

* ``PlanFacts`` is what we know about the plan; ``RuleParameters`` is the regeling
  version in force (``parameters_from_version`` copies it from a ``RegulationVersion``).
* ``check_plan`` returns one ``RuleCheck`` per rule in ``RULES``, always in the same order.
* A hard rule that fails blocks submission (``submission_blockers``); a soft rule that
  is not met is a warning the regiegroep weighs.
* A fact that is still missing (no start date, no costs yet) gives ``not_applicable``
  with a message that says what to fill in.
* A rule of the regeling that no fact can decide (the aim of a plan, earlier years of
  the same activity) gives ``review``: the panel lists it under "the regiegroep checks
  this", in plain words. Every rule the public wijk page publishes is checked here or
  reviewed (``Rule.parameters`` names the regeling values a rule reads).
* Rules about what a cost is also read what the resident wrote (``words.py``): a word
  of the regeling's word list for a kind of cost, written as a word of its own, counts
  as that kind of cost, whatever kind was chosen; a listed word only found inside a
  longer word, in the provider's name or in the plan's name or description is a
  warning for the regiegroep (docs/configuration.md).

Messages are translated when ``check_plan`` runs, in the active language.

The package: ``facts`` (what the engine knows and returns), ``helpers`` (shared by the
rules, with the word findings), the rules by subject (``money``, ``costs``, ``timing``,
``people``, ``review``) and here the table ``RULES`` that puts them in order.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wijkvoucher.initiatives.rules.costs import (
    _alcohol,
    _excluded_categories,
    _food_drink,
    _food_drink_cap,
)
from wijkvoucher.initiatives.rules.facts import (
    ALCOHOL_FREE,
    HARD,
    NOT_APPLICABLE,
    PASS,
    REVIEW,
    SOFT,
    ContributionFacts,
    LineFacts,
    Outcome,
    PlanFacts,
    Rule,
    RuleCheck,
    RuleParameters,
    parameters_from_version,
)
from wijkvoucher.initiatives.rules.helpers import food_drink_lines
from wijkvoucher.initiatives.rules.money import (
    _hourly_fee_cap,
    _max_per_year,
    _min_amount,
    _party_cap,
    _vouchers,
)
from wijkvoucher.initiatives.rules.people import (
    _legal_entity_cosign,
    _min_age,
    _own_contribution,
    _parental_consent,
    _residency,
    _supporters,
)
from wijkvoucher.initiatives.rules.review import (
    _other_funding,
    _plan_aim,
    _support_years,
)
from wijkvoucher.initiatives.rules.timing import (
    _execution_window,
    _lead_time,
    _public_space,
)


def check_plan(*, plan: PlanFacts, rules: RuleParameters) -> list[RuleCheck]:
    """Check the plan against every rule, in the order of ``RULES``."""
    checks = []
    for rule in RULES:
        verdict = rule.check(plan, rules)
        checks.append(
            RuleCheck(
                code=rule.code,
                title=_(rule.title),
                outcome=verdict.outcome,
                severity=verdict.severity or rule.severity,
                message=verdict.message,
            )
        )
    return checks


def submission_blockers(checks: Iterable[RuleCheck]) -> list[RuleCheck]:
    """The hard rules the plan breaks: while there are any, it cannot be submitted."""
    return [check for check in checks if check.blocks_submission]


RULES: tuple[Rule, ...] = (
    Rule(
        "max_per_year",
        gettext_noop("Maximum per year"),
        HARD,
        _max_per_year,
        ("max_amount_per_initiative_per_year_cents",),
    ),
    Rule(
        "min_amount",
        gettext_noop("Minimum amount"),
        HARD,
        _min_amount,
        ("min_amount_cents",),
    ),
    Rule(
        "max_per_voucher",
        gettext_noop("Number of vouchers"),
        HARD,
        _vouchers,
        ("max_amount_per_voucher_cents", "max_vouchers_per_initiative"),
    ),
    Rule(
        "excluded_categories",
        gettext_noop("Costs we do not pay for"),
        HARD,
        _excluded_categories,
        ("excluded_cost_categories", "cost_words"),
    ),
    Rule("alcohol", gettext_noop("No alcohol"), HARD, _alcohol, ("cost_words",)),
    Rule(
        "food_drink",
        gettext_noop("Food and drink"),
        SOFT,
        _food_drink,
        ("food_drink_policy", "cost_words"),
    ),
    Rule(
        "food_drink_cap",
        gettext_noop("Maximum for food and drink"),
        HARD,
        _food_drink_cap,
        ("food_drink_cap_percent", "food_drink_policy", "cost_words"),
    ),
    Rule(
        "party_cap",
        gettext_noop("Maximum for a party or barbecue"),
        HARD,
        _party_cap,
        ("party_cap_percent", "cost_words"),
    ),
    Rule(
        "hourly_fee_cap",
        gettext_noop("Maximum pay per hour"),
        HARD,
        _hourly_fee_cap,
        ("hourly_fee_cap_cents", "cost_words"),
    ),
    Rule(
        "lead_time",
        gettext_noop("Apply in time"),
        HARD,
        _lead_time,
        ("lead_time_before_activity_days", "retroactive_allowed"),
    ),
    Rule(
        "public_space",
        gettext_noop("Street, square or park"),
        SOFT,
        _public_space,
        ("public_space_request_deadline",),
    ),
    Rule(
        "execution_window",
        gettext_noop("Carry out your plan in time"),
        SOFT,
        _execution_window,
        ("execution_window_months",),
    ),
    Rule(
        "supporters",
        gettext_noop("Support from the wijk"),
        SOFT,
        _supporters,
        ("support_evidence_required", "min_supporters", "record_opponents"),
    ),
    Rule(
        "own_contribution",
        gettext_noop("Your own contribution"),
        HARD,
        _own_contribution,
        ("own_contribution_required", "own_contribution_min_percent"),
    ),
    Rule(
        "residency",
        gettext_noop("Living in the wijk"),
        HARD,
        _residency,
        ("residency_required", "area_entrepreneurs_allowed"),
    ),
    Rule(
        "min_age",
        gettext_noop("Minimum age"),
        HARD,
        _min_age,
        ("min_age_applicant",),
    ),
    Rule(
        "parental_consent",
        gettext_noop("Consent from a parent"),
        HARD,
        _parental_consent,
        ("parental_consent_below",),
    ),
    Rule(
        "legal_entity_cosign",
        gettext_noop("Signed by an organisation"),
        HARD,
        _legal_entity_cosign,
        ("legal_entity_cosign_above_cents",),
    ),
    Rule(
        "support_years",
        gettext_noop("The same activity in more years"),
        HARD,
        _support_years,
        ("max_support_years_same_initiative",),
    ),
    Rule(
        "plan_aim",
        gettext_noop("The aim of your plan"),
        HARD,
        _plan_aim,
        ("excluded_cost_categories",),
    ),
    Rule(
        "other_funding",
        gettext_noop("Costs someone else pays"),
        HARD,
        _other_funding,
        ("excluded_cost_categories",),
    ),
)
RULE_CODES: tuple[str, ...] = tuple(rule.code for rule in RULES)

__all__ = [
    "ALCOHOL_FREE",
    "NOT_APPLICABLE",
    "PASS",
    "REVIEW",
    "RULES",
    "RULE_CODES",
    "ContributionFacts",
    "LineFacts",
    "Outcome",
    "PlanFacts",
    "RuleCheck",
    "RuleParameters",
    "check_plan",
    "food_drink_lines",
    "parameters_from_version",
    "submission_blockers",
]
