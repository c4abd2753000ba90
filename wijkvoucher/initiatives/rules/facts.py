"""What the rule engine knows: the facts of a plan, the regeling's values and a rule's verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from wijkvoucher.neighbourhoods.constants import (
    DEFAULT_COST_WORDS,
    FoodDrinkPolicy,
)

if TYPE_CHECKING:
    from wijkvoucher.neighbourhoods.models import RegulationVersion


Outcome = Literal["pass", "fail", "warning", "not_applicable", "review"]


Severity = Literal["hard", "soft"]


PASS: Final = "pass"  # noqa: S105 - an outcome, not a password


FAIL: Final = "fail"


WARNING: Final = "warning"


NOT_APPLICABLE: Final = "not_applicable"


REVIEW: Final = "review"


HARD: Final = "hard"


SOFT: Final = "soft"


# Kinds of own contribution (``ContributionFacts.kind``), as ``ContributionKind``.
CONTRIBUTION_MONEY: Final = "money"


CONTRIBUTION_HOURS: Final = "hours"


CONTRIBUTION_IN_KIND: Final = "in_kind"


# Hours outside this range cannot be checked against the hourly fee cap.
MIN_HOURS: Final = Decimal("0.01")


MAX_HOURS: Final = Decimal(100_000)


# Long descriptions are cut short when a message names a budget line.
MAX_LINE_NAME: Final = 60


# Words that say a drink has no alcohol: with one of them a listed alcohol word in the
# same text is a warning, not a breach ("alcoholvrij bier", "Heineken 0.0").
ALCOHOL_FREE: Final = (
    "alcoholvrij",
    "alcoholvrije",
    "alcohol vrij",
    "alcohol vrije",
    "zonder alcohol",
    "geen alcohol",
    "non alcoholisch",
    "niet alcoholisch",
    "0.0",
    "mocktail",
    "kinderchampagne",
    "virgin",
)


# The excluded kinds that are about the aim of a plan, and those about who else pays:
# the regiegroep judges them (``review``), the word lists only point at them.
AIM_CATEGORIES: Final = ("commercial", "private_interest", "political_religious")


FUNDING_CATEGORIES: Final = ("double_funding", "other_budget")


@dataclass(frozen=True)
class LineFacts:
    """One cost line of the begroting."""

    category: str
    amount_cents: int
    hours: Decimal | None = None
    description: str = ""
    provider_name: str = ""


@dataclass(frozen=True)
class ContributionFacts:
    """One own contribution: money, hours or in kind (``CONTRIBUTION_*``). A
    contribution counts when it has a value in cents or a number of hours, or is in
    kind; only the value in cents counts towards a minimum percentage."""

    kind: str
    amount_cents: int | None = None
    hours: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class PlanFacts:
    """What we know about a plan. Supporter counts are distinct verified households
    from the wijk; ``amount_awarded_this_year_cents`` is what this initiative already
    got earlier in the same year."""

    today: dt.date
    activity_starts_on: dt.date | None = None
    activity_ends_on: dt.date | None = None
    # The day the plan was sent in; None for a draft, which would be sent in today.
    applied_on: dt.date | None = None
    # None: the initiator has not said yet.
    uses_public_space: bool | None = None
    # The plan's name, summary and description, for the word lists.
    plan_text: str = ""
    budget_lines: tuple[LineFacts, ...] = ()
    own_contributions: tuple[ContributionFacts, ...] = ()
    applicant_age: int | None = None
    parental_consent: bool = False
    lives_in_wijk: bool = False
    supporters_for: int = 0
    supporters_against: int = 0
    supporters_neutral: int = 0
    # Households the initiator declared on uploaded signed lists; the contact
    # official checks the lists.
    supporters_on_lists: int = 0
    amount_awarded_this_year_cents: int = 0
    food_drink_motivation: str = ""
    legal_entity_cosigned: bool = False


@dataclass(frozen=True, kw_only=True)
class RuleParameters:
    """The rule parameters of one regeling version (docs/regeling.md). The defaults are
    those of ``RegulationVersion``."""

    max_amount_per_voucher_cents: int = 500_000
    max_amount_per_initiative_per_year_cents: int = 500_000
    min_amount_cents: int | None = None
    max_vouchers_per_initiative: int | None = None
    min_age_applicant: int = 12
    parental_consent_below: int = 18
    residency_required: bool = True
    area_entrepreneurs_allowed: bool = False
    legal_entity_cosign_above_cents: int | None = None
    support_evidence_required: bool = True
    min_supporters: int = 5
    record_opponents: bool = True
    own_contribution_required: bool = True
    own_contribution_min_percent: int | None = None
    excluded_cost_categories: frozenset[str] = frozenset(
        {
            "commercial",
            "private_interest",
            "political_religious",
            "alcohol",
            "structural_maintenance",
            "double_funding",
            "other_budget",
        }
    )
    food_drink_policy: str = FoodDrinkPolicy.NOT_UNLESS_MOTIVATED.value
    food_drink_cap_percent: int | None = 25
    hourly_fee_cap_cents: int = 5_000
    party_cap_percent: int = 50
    lead_time_before_activity_days: int = 28
    retroactive_allowed: bool = False
    public_space_request_deadline: str = "10-01"
    execution_window_months: int = 12
    max_support_years_same_initiative: int = 3
    cost_words: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: _word_tuples(DEFAULT_COST_WORDS)
    )


def _word_tuples(words: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    return {kind: tuple(listed) for kind, listed in words.items()}


def parameters_from_version(version: RegulationVersion) -> RuleParameters:
    """Copy the rule parameters out of a regeling version (no queries)."""
    return RuleParameters(
        max_amount_per_voucher_cents=version.max_amount_per_voucher_cents,
        max_amount_per_initiative_per_year_cents=(
            version.max_amount_per_initiative_per_year_cents
        ),
        min_amount_cents=version.min_amount_cents,
        max_vouchers_per_initiative=version.max_vouchers_per_initiative,
        min_age_applicant=version.min_age_applicant,
        parental_consent_below=version.parental_consent_below,
        residency_required=version.residency_required,
        area_entrepreneurs_allowed=version.area_entrepreneurs_allowed,
        legal_entity_cosign_above_cents=version.legal_entity_cosign_above_cents,
        support_evidence_required=version.support_evidence_required,
        min_supporters=version.min_supporters,
        record_opponents=version.record_opponents,
        own_contribution_required=version.own_contribution_required,
        own_contribution_min_percent=version.own_contribution_min_percent,
        excluded_cost_categories=frozenset(
            str(category) for category in version.excluded_cost_categories or ()
        ),
        food_drink_policy=str(version.food_drink_policy),
        food_drink_cap_percent=version.food_drink_cap_percent,
        hourly_fee_cap_cents=version.hourly_fee_cap_cents,
        party_cap_percent=version.party_cap_percent,
        lead_time_before_activity_days=version.lead_time_before_activity_days,
        retroactive_allowed=version.retroactive_allowed,
        public_space_request_deadline=version.public_space_request_deadline,
        execution_window_months=version.execution_window_months,
        max_support_years_same_initiative=version.max_support_years_same_initiative,
        cost_words=_word_tuples(version.cost_words or {}),
    )


@dataclass(frozen=True)
class RuleCheck:
    """The outcome of one rule for one plan, ready to show."""

    code: str
    title: str
    outcome: Outcome
    severity: Severity
    message: str

    @property
    def blocks_submission(self) -> bool:
        return self.severity == HARD and self.outcome == FAIL


class Verdict(NamedTuple):
    outcome: Outcome
    message: str
    severity: Severity | None = None  # None: the rule's own severity


RuleFunction = Callable[[PlanFacts, RuleParameters], Verdict]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str  # a gettext_noop msgid, translated by check_plan
    severity: Severity
    check: RuleFunction
    # The regeling values (``RuleParameters`` fields) the rule reads.
    parameters: tuple[str, ...] = ()
