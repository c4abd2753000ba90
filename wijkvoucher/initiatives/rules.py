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

Messages are translated when ``check_plan`` runs, in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wijkvoucher.core.money import format_euro
from wijkvoucher.neighbourhoods.constants import CostCategory, FoodDrinkPolicy

if TYPE_CHECKING:
    from wijkvoucher.neighbourhoods.models import RegulationVersion

Outcome = Literal["pass", "fail", "warning", "not_applicable"]
Severity = Literal["hard", "soft"]

PASS: Final = "pass"  # noqa: S105 - an outcome, not a password
FAIL: Final = "fail"
WARNING: Final = "warning"
NOT_APPLICABLE: Final = "not_applicable"
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


@dataclass(frozen=True)
class LineFacts:
    """One cost line of the begroting."""

    category: str
    amount_cents: int
    hours: Decimal | None = None
    description: str = ""


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
    """The rule parameters of one regeling version (domain.md 8.3). The defaults are
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


# Helpers ---------------------------------------------------------------------------


def _total(plan: PlanFacts) -> int:
    return sum(line.amount_cents for line in plan.budget_lines)


def _lines_in(plan: PlanFacts, categories: Iterable[str]) -> list[LineFacts]:
    wanted = frozenset(categories)
    return [line for line in plan.budget_lines if line.category in wanted]


def _category_label(category: str) -> str:
    try:
        return str(CostCategory(category).label)
    except ValueError:
        return category


def _line_name(line: LineFacts) -> str:
    name = " ".join(line.description.split())
    if len(name) > MAX_LINE_NAME:
        name = name[: MAX_LINE_NAME - 1].rstrip() + "…"
    return name or _category_label(line.category)


def _names(lines: Sequence[LineFacts]) -> str:
    return ", ".join(_line_name(line) for line in lines)


def _names_with_category(lines: Sequence[LineFacts]) -> str:
    return ", ".join(
        _("%(line)s (%(category)s)")
        % {"line": _line_name(line), "category": _category_label(line.category)}
        for line in lines
    )


def _days(count: int) -> str:
    if count == 1:
        return _("1 day")
    return _("%(count)s days") % {"count": count}


def _date(day: dt.date) -> str:
    return date_format(day)


def _earliest_start(plan: PlanFacts, rules: RuleParameters) -> str:
    try:
        earliest = plan.today + dt.timedelta(days=rules.lead_time_before_activity_days)
    except OverflowError:
        earliest = dt.date.max
    return _date(earliest)


def _valid_hours(hours: Decimal | None) -> Fraction | None:
    if hours is None or not hours.is_finite() or not MIN_HOURS <= hours <= MAX_HOURS:
        return None
    return Fraction(hours)


def _missing_costs() -> Verdict:
    return Verdict(
        NOT_APPLICABLE,
        _("Add the costs of your plan first. Then we can check this rule."),
    )


def _share_cap(
    *, plan: PlanFacts, categories: Iterable[str], percent: int
) -> tuple[bool, int, int]:
    """(within the cap?, the amount of these categories, the largest amount allowed)."""
    total = _total(plan)
    part = sum(line.amount_cents for line in _lines_in(plan, categories))
    return part * 100 <= percent * total, part, total * percent // 100


# Rules -----------------------------------------------------------------------------


def _max_per_year(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    total = _total(plan)
    already = plan.amount_awarded_this_year_cents
    maximum = rules.max_amount_per_initiative_per_year_cents
    params = {
        "total": format_euro(total),
        "already": format_euro(already),
        "max": format_euro(maximum),
        "over": format_euro(total + already - maximum),
    }
    if total + already <= maximum:
        if already:
            return Verdict(
                PASS,
                _(
                    "Your plan costs %(total)s. Together with the %(already)s you "
                    "already got this year, that fits within the %(max)s you can get "
                    "per year."
                )
                % params,
            )
        return Verdict(
            PASS,
            _(
                "Your plan costs %(total)s. That fits within the %(max)s you can get per year."
            )
            % params,
        )
    if already:
        return Verdict(
            FAIL,
            _(
                "Your plan costs %(total)s. This year you already got %(already)s. "
                "Together that is more than the %(max)s you can get per year. Make the "
                "plan %(over)s cheaper, or find other money for that part."
            )
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Your plan costs %(total)s. That is more than the %(max)s you can get per "
            "year. Make the plan %(over)s cheaper, or find other money for that part."
        )
        % params,
    )


def _min_amount(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    minimum = rules.min_amount_cents
    if not minimum:
        return Verdict(NOT_APPLICABLE, _("This regeling has no minimum amount."))
    if not plan.budget_lines:
        return _missing_costs()
    total = _total(plan)
    params = {"total": format_euro(total), "min": format_euro(minimum)}
    if total >= minimum:
        return Verdict(
            PASS,
            _("Your plan costs %(total)s. That is at least the minimum of %(min)s.")
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Your plan costs %(total)s. The smallest amount you can ask for is "
            "%(min)s. Add what your plan still needs, or ask your contact person at "
            "the municipality about other support."
        )
        % params,
    )


def _vouchers(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    per_voucher = rules.max_amount_per_voucher_cents
    if per_voucher <= 0:
        return Verdict(
            NOT_APPLICABLE, _("This regeling has no maximum amount per voucher.")
        )
    if not plan.budget_lines:
        return _missing_costs()
    total = _total(plan)
    count = max(1, -(-total // per_voucher))
    limit = rules.max_vouchers_per_initiative
    params = {
        "total": format_euro(total),
        "per": format_euro(per_voucher),
        "count": count,
        "limit": limit,
        "most": format_euro(per_voucher * (limit or 0)),
        "over": format_euro(total - per_voucher * (limit or 0)),
    }
    if limit is not None and count > limit:
        return Verdict(
            FAIL,
            _(
                "Your plan costs %(total)s. A voucher is worth at most %(per)s, and "
                "you can get at most %(limit)s vouchers: %(most)s in all. Make the "
                "plan %(over)s cheaper, or find other money for that part."
            )
            % params,
        )
    if count == 1:
        return Verdict(
            PASS, _("Your plan fits in 1 voucher of at most %(per)s.") % params
        )
    return Verdict(
        PASS,
        _(
            "Your plan costs %(total)s. A voucher is worth at most %(per)s, so you "
            "get %(count)s vouchers. That is fine."
        )
        % params,
    )


def _excluded_categories(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    # Alcohol has a rule of its own and is never allowed.
    excluded = rules.excluded_cost_categories - {CostCategory.ALCOHOL.value}
    if not excluded:
        return Verdict(
            NOT_APPLICABLE, _("This regeling does not exclude any kind of costs.")
        )
    if not plan.budget_lines:
        return _missing_costs()
    lines = _lines_in(plan, excluded)
    if lines:
        return Verdict(
            FAIL,
            _(
                "We do not pay for these costs: %(lines)s. Remove them from your plan, "
                "or pay for them in another way."
            )
            % {"lines": _names_with_category(lines)},
        )
    return Verdict(PASS, _("Your plan has no costs of a kind we do not pay for."))


def _alcohol(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    lines = _lines_in(plan, [CostCategory.ALCOHOL.value])
    if lines:
        return Verdict(
            FAIL,
            _("We never pay for alcohol. Remove these costs from your plan: %(lines)s.")
            % {"lines": _names(lines)},
        )
    return Verdict(PASS, _("Your plan has no costs for alcohol."))


def _food_drink(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    never = rules.food_drink_policy == FoodDrinkPolicy.NEVER.value
    severity: Severity = HARD if never else SOFT
    if not plan.budget_lines:
        return _missing_costs()._replace(severity=severity)
    lines = _lines_in(plan, [CostCategory.FOOD_DRINK.value])
    if not lines:
        return Verdict(PASS, _("Your plan has no costs for food and drink."), severity)
    names = {"lines": _names(lines)}
    if never:
        return Verdict(
            FAIL,
            _(
                "We do not pay for food and drink. Remove these costs from your plan: "
                "%(lines)s."
            )
            % names,
            severity,
        )
    if rules.food_drink_policy != FoodDrinkPolicy.NOT_UNLESS_MOTIVATED.value:
        return Verdict(
            PASS, _("Food and drink are allowed in this regeling."), severity
        )
    if plan.food_drink_motivation.strip():
        return Verdict(
            PASS,
            _(
                "You explained why food and drink help your plan. The regiegroep "
                "takes your reason into account."
            ),
            severity,
        )
    return Verdict(
        WARNING,
        _(
            "Your plan has costs for food and drink: %(lines)s. Explain why they "
            "help, for example to bring neighbours together or against loneliness. "
            "Without a reason the regiegroep may say no to these costs."
        )
        % names,
        severity,
    )


def _food_drink_cap(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    percent = rules.food_drink_cap_percent
    if percent is None or rules.food_drink_policy == FoodDrinkPolicy.NEVER.value:
        return Verdict(
            NOT_APPLICABLE, _("This regeling has no maximum for food and drink.")
        )
    if not plan.budget_lines:
        return _missing_costs()
    within, part, most = _share_cap(
        plan=plan, categories=[CostCategory.FOOD_DRINK.value], percent=percent
    )
    params = {"part": format_euro(part), "percent": percent, "max": format_euro(most)}
    if within:
        return Verdict(
            PASS,
            _(
                "Food and drink cost %(part)s. That is within the maximum of "
                "%(percent)s%% of your plan."
            )
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Food and drink cost %(part)s. That is more than %(percent)s%% of your "
            "plan. Spend at most %(max)s on food and drink."
        )
        % params,
    )


def _party_cap(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    percent = rules.party_cap_percent
    within, part, most = _share_cap(
        plan=plan, categories=[CostCategory.PARTY.value], percent=percent
    )
    params = {"part": format_euro(part), "percent": percent, "max": format_euro(most)}
    if within:
        return Verdict(
            PASS,
            _(
                "A party or barbecue costs %(part)s. That is within the maximum of "
                "%(percent)s%% of your plan."
            )
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "A party or barbecue costs %(part)s. That is more than %(percent)s%% of "
            "your plan. Spend at most %(max)s on the party or barbecue."
        )
        % params,
    )


def _rate_cents(line: LineFacts, hours: Fraction) -> int:
    return round(Fraction(line.amount_cents) / hours)


def _hourly_fee_cap(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    fees = _lines_in(plan, [CostCategory.FEES.value])
    if not fees:
        return Verdict(PASS, _("Your plan does not pay anyone for their work."))
    cap = rules.hourly_fee_cap_cents
    with_hours = [(line, _valid_hours(line.hours)) for line in fees]
    too_high = [
        _("%(line)s: %(rate)s per hour")
        % {"line": _line_name(line), "rate": format_euro(_rate_cents(line, hours))}
        for line, hours in with_hours
        if hours is not None and line.amount_cents > cap * hours
    ]
    params = {"cap": format_euro(cap), "lines": ", ".join(too_high)}
    if too_high:
        return Verdict(
            FAIL,
            _(
                "Someone who works for your plan gets at most %(cap)s per hour. Too "
                "high now: %(lines)s. Lower the amount, or check the number of hours."
            )
            % params,
        )
    missing = [line for line, hours in with_hours if hours is None]
    if missing:
        params["lines"] = _names(missing)
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Fill in the number of hours for: %(lines)s. Then we can check that "
                "nobody gets more than %(cap)s per hour."
            )
            % params,
        )
    return Verdict(
        PASS,
        _("Everyone who works for your plan gets at most %(cap)s per hour.") % params,
    )


def _lead_time(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    start = plan.activity_starts_on
    if start is None:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Fill in the date your activity starts. Then we can check if you apply in time."
            ),
        )
    days = (start - plan.today).days
    lead = rules.lead_time_before_activity_days
    params = {
        "date": _date(start),
        "period": _days(lead),
        "earliest": _earliest_start(plan, rules),
    }
    if days < 0 and rules.retroactive_allowed:
        return Verdict(
            PASS,
            _(
                "Your activity started on %(date)s. This regeling also pays for "
                "activities that have already started."
            )
            % params,
        )
    if days < 0:
        return Verdict(
            FAIL,
            _(
                "Your activity started on %(date)s. We do not pay for activities that "
                "have already happened. Choose a new date on or after %(earliest)s."
            )
            % params,
        )
    if days >= lead:
        return Verdict(
            PASS,
            _(
                "Your activity starts on %(date)s. That is in time: you apply at least "
                "%(period)s before."
            )
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Your activity starts on %(date)s. That is too soon: apply at least "
            "%(period)s before your activity. Choose a date on or after %(earliest)s."
        )
        % params,
    )


def _supporters(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not rules.support_evidence_required:
        return Verdict(
            NOT_APPLICABLE,
            _("This regeling does not ask you to show support from neighbours."),
        )
    count = plan.supporters_for + plan.supporters_on_lists
    params = {
        "count": count,
        "needed": rules.min_supporters,
        "against": plan.supporters_against,
        "neutral": plan.supporters_neutral,
        "online": plan.supporters_for,
        "lists": plan.supporters_on_lists,
    }
    parts = [
        _(
            "Households from the wijk in favour of your plan: %(count)s. You need at "
            "least %(needed)s."
        )
        % params
    ]
    if plan.supporters_on_lists:
        parts.append(
            _(
                "Of these, %(online)s signed online and %(lists)s are on signed lists "
                "you uploaded. Your contact person checks the lists."
            )
            % params
        )
    enough = count >= rules.min_supporters
    if enough:
        parts.append(_("That is enough."))
    else:
        parts.append(
            _(
                "Ask more neighbours to support your plan. The regiegroep weighs how "
                "much support there is."
            )
        )
    if rules.record_opponents:
        parts.append(
            _(
                "Households against: %(against)s. Households with no opinion: %(neutral)s."
            )
            % params
        )
    return Verdict(PASS if enough else WARNING, " ".join(parts))


def _counts_as_contribution(contribution: ContributionFacts) -> bool:
    hours = contribution.hours
    has_hours = hours is not None and hours.is_finite() and hours > 0
    in_kind = contribution.kind == CONTRIBUTION_IN_KIND
    return (contribution.amount_cents or 0) > 0 or has_hours or in_kind


def _own_contribution(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not rules.own_contribution_required:
        return Verdict(
            NOT_APPLICABLE, _("This regeling does not ask for your own contribution.")
        )
    if not any(_counts_as_contribution(c) for c in plan.own_contributions):
        return Verdict(
            FAIL,
            _(
                "You do not contribute anything yourself yet. Add what you put in: "
                "money, time (hours) or materials."
            ),
        )
    percent = rules.own_contribution_min_percent
    if not percent:
        return Verdict(PASS, _("You contribute something yourself. That is enough."))
    if not plan.budget_lines:
        return _missing_costs()
    own = sum(max(0, c.amount_cents or 0) for c in plan.own_contributions)
    needed = -(-_total(plan) * percent // 100)
    params = {
        "own": format_euro(own),
        "percent": percent,
        "needed": format_euro(needed),
        "short": format_euro(needed - own),
    }
    if own >= needed:
        return Verdict(
            PASS,
            _(
                "Your own contribution is worth %(own)s. That is at least %(percent)s%% "
                "of your plan (%(needed)s)."
            )
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Your own contribution is worth %(own)s. You need at least %(percent)s%% "
            "of your plan: %(needed)s. Add %(short)s in money, or fill in what your "
            "time or materials are worth."
        )
        % params,
    )


def _residency(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not rules.residency_required:
        return Verdict(
            NOT_APPLICABLE, _("In this regeling you do not have to live in the wijk.")
        )
    if plan.lives_in_wijk:
        return Verdict(PASS, _("You live in the wijk."))
    message = _(
        "Only people who live in the wijk can ask for a voucher. We could not confirm "
        "that you live here. Check your address, or ask someone from the wijk to apply."
    )
    if rules.area_entrepreneurs_allowed:
        message += " " + _(
            "A business or organisation that is part of the wijk may also apply."
        )
    return Verdict(FAIL, message)


def _min_age(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    age = plan.applicant_age
    if age is None:
        return Verdict(
            NOT_APPLICABLE, _("Fill in your age. Then we can check if you may apply.")
        )
    if age >= rules.min_age_applicant:
        return Verdict(PASS, _("You are old enough to apply."))
    return Verdict(
        FAIL,
        _(
            "You must be at least %(age)s years old to apply. Ask someone of %(age)s "
            "or older to apply for your plan."
        )
        % {"age": rules.min_age_applicant},
    )


def _parental_consent(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    age = plan.applicant_age
    below = {"age": rules.parental_consent_below}
    if age is None:
        return Verdict(
            NOT_APPLICABLE,
            _("Fill in your age. Then we can check if a parent must agree."),
        )
    if age >= rules.parental_consent_below:
        return Verdict(
            NOT_APPLICABLE,
            _("You are %(age)s or older, so a parent does not have to agree.") % below,
        )
    if plan.parental_consent:
        return Verdict(PASS, _("A parent agrees with your plan."))
    return Verdict(
        FAIL,
        _(
            "You are younger than %(age)s, so a parent or guardian must agree with "
            "your plan. Ask them to give their consent."
        )
        % below,
    )


def _legal_entity_cosign(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    threshold = rules.legal_entity_cosign_above_cents
    if threshold is None:
        return Verdict(
            NOT_APPLICABLE,
            _("In this regeling no organisation has to sign your application."),
        )
    if not plan.budget_lines:
        return _missing_costs()
    total = _total(plan)
    params = {"total": format_euro(total), "threshold": format_euro(threshold)}
    if total <= threshold:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Your plan costs %(total)s. An organisation only has to sign with you "
                "above %(threshold)s."
            )
            % params,
        )
    if plan.legal_entity_cosigned:
        return Verdict(PASS, _("An organisation signed your application with you."))
    return Verdict(
        FAIL,
        _(
            "Your plan costs %(total)s. Above %(threshold)s an organisation, such as a "
            "volunteer centre, must sign your application with you. Ask an "
            "organisation to sign."
        )
        % params,
    )


RULES: tuple[Rule, ...] = (
    Rule("max_per_year", gettext_noop("Maximum per year"), HARD, _max_per_year),
    Rule("min_amount", gettext_noop("Minimum amount"), HARD, _min_amount),
    Rule("max_per_voucher", gettext_noop("Number of vouchers"), HARD, _vouchers),
    Rule(
        "excluded_categories",
        gettext_noop("Costs we do not pay for"),
        HARD,
        _excluded_categories,
    ),
    Rule("alcohol", gettext_noop("No alcohol"), HARD, _alcohol),
    Rule("food_drink", gettext_noop("Food and drink"), SOFT, _food_drink),
    Rule(
        "food_drink_cap",
        gettext_noop("Maximum for food and drink"),
        HARD,
        _food_drink_cap,
    ),
    Rule(
        "party_cap", gettext_noop("Maximum for a party or barbecue"), HARD, _party_cap
    ),
    Rule(
        "hourly_fee_cap",
        gettext_noop("Maximum pay per hour"),
        HARD,
        _hourly_fee_cap,
    ),
    Rule("lead_time", gettext_noop("Apply in time"), HARD, _lead_time),
    Rule("supporters", gettext_noop("Support from the wijk"), SOFT, _supporters),
    Rule(
        "own_contribution",
        gettext_noop("Your own contribution"),
        HARD,
        _own_contribution,
    ),
    Rule("residency", gettext_noop("Living in the wijk"), HARD, _residency),
    Rule("min_age", gettext_noop("Minimum age"), HARD, _min_age),
    Rule(
        "parental_consent",
        gettext_noop("Consent from a parent"),
        HARD,
        _parental_consent,
    ),
    Rule(
        "legal_entity_cosign",
        gettext_noop("Signed by an organisation"),
        HARD,
        _legal_entity_cosign,
    ),
)
RULE_CODES: tuple[str, ...] = tuple(rule.code for rule in RULES)
