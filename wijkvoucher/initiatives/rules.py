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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wijkvoucher.core.dates import add_months
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.periods import days_text, months_text, years_text
from wijkvoucher.initiatives.words import WordList, word_list
from wijkvoucher.neighbourhoods.constants import (
    DEFAULT_COST_WORDS,
    CostCategory,
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


def _date(day: dt.date) -> str:
    return date_format(day)


def _applied(plan: PlanFacts) -> dt.date:
    """The day that counts for deadlines about applying."""
    return plan.applied_on or plan.today


def _earliest_start(plan: PlanFacts, rules: RuleParameters) -> str:
    try:
        earliest = _applied(plan) + dt.timedelta(
            days=rules.lead_time_before_activity_days
        )
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
    *, plan: PlanFacts, lines: Iterable[LineFacts], percent: int
) -> tuple[bool, int, int]:
    """(within the cap?, the amount of these lines, the largest amount allowed)."""
    total = _total(plan)
    part = sum(line.amount_cents for line in lines)
    return part * 100 <= percent * total, part, total * percent // 100


# What the resident wrote -------------------------------------------------------------


@dataclass(frozen=True)
class WordFinding:
    """Listed words of one kind of cost in one budget line (``line``) or in the plan's
    name and description (``line`` is None). ``certain``: the line counts as that kind
    of cost; otherwise the regiegroep checks it."""

    line: LineFacts | None
    words: tuple[str, ...]
    certain: bool


def _word_list(rules: RuleParameters, kind: str) -> WordList:
    qualifiers = ALCOHOL_FREE if kind == CostCategory.ALCOHOL.value else ()
    return word_list(rules.cost_words.get(kind, ()), qualifiers)


def _findings(
    plan: PlanFacts, rules: RuleParameters, kind: str, *, plan_text: bool = False
) -> list[WordFinding]:
    """Where the plan names words of ``kind``, outside the lines booked as ``kind``. A
    line's description can be certain; its provider's name and the plan's own text
    only point at something (a shop sells more than one thing, a description tells
    a story)."""
    words = _word_list(rules, kind)
    found = []
    for line in plan.budget_lines:
        if line.category == kind:
            continue
        matches = words.find(line.description)
        certain = tuple(m.word for m in matches if m.certain)
        if certain:
            found.append(WordFinding(line, certain, True))
            continue
        unsure = [m.word for m in matches] + [
            m.word for m in words.find(line.provider_name)
        ]
        if unsure:
            found.append(WordFinding(line, tuple(dict.fromkeys(unsure)), False))
    if plan_text:
        named = tuple(m.word for m in words.find(plan.plan_text))
        if named:
            found.append(WordFinding(None, named, False))
    return found


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"“{word}”" for word in words)


def _line_words(finding: WordFinding, category: str = "") -> str:
    line = _line_name(finding.line) if finding.line else ""
    if category:
        return _("%(line)s (%(category)s: %(words)s)") % {
            "line": line,
            "category": _category_label(category),
            "words": _quoted(finding.words),
        }
    return _("%(line)s (%(words)s)") % {"line": line, "words": _quoted(finding.words)}


def _listing(booked: Sequence[LineFacts], named: Sequence[WordFinding]) -> str:
    """Lines booked as a kind of cost by name, and lines that name its words."""
    return ", ".join(
        [_line_name(line) for line in booked] + [_line_words(f) for f in named]
    )


def _split(
    findings: Iterable[WordFinding],
) -> tuple[list[WordFinding], list[WordFinding], list[WordFinding]]:
    """(certain lines, unsure lines, the plan's own text)."""
    found = list(findings)
    return (
        [f for f in found if f.line is not None and f.certain],
        [f for f in found if f.line is not None and not f.certain],
        [f for f in found if f.line is None],
    )


def _counted(
    plan: PlanFacts, rules: RuleParameters, kind: str
) -> tuple[list[LineFacts], list[WordFinding], list[WordFinding]]:
    """The lines that count as ``kind``: booked as it, or naming its words (``named``);
    and the lines that may be ``kind`` (``maybe``)."""
    named, maybe, _text = _split(_findings(plan, rules, kind))
    return _lines_in(plan, [kind]), named, maybe


def food_drink_lines(plan: PlanFacts, rules: RuleParameters) -> list[LineFacts]:
    """The lines that count as food and drink: booked so, or naming its words."""
    booked, named, _maybe = _counted(plan, rules, CostCategory.FOOD_DRINK.value)
    return [*booked, *(f.line for f in named if f.line is not None)]


def _maybe_over_cap(
    plan: PlanFacts,
    counted: Sequence[LineFacts],
    maybe: Sequence[WordFinding],
    percent: int,
) -> str:
    """A warning when the lines that may also count would go over the cap."""
    extra = [f.line for f in maybe if f.line is not None]
    within, part, _most = _share_cap(
        plan=plan, lines=[*counted, *extra], percent=percent
    )
    if within or not extra:
        return ""
    return _(
        "These costs may also count: %(lines)s. Then it would be %(part)s, more "
        "than %(percent)s%% of your plan. The regiegroep checks this."
    ) % {"lines": _listing([], maybe), "part": format_euro(part), "percent": percent}


def _counted_note(named: Sequence[WordFinding]) -> str:
    if not named:
        return ""
    return _("Counted because of what you wrote: %(lines)s.") % {
        "lines": _listing([], named)
    }


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


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


def _words_note() -> str:
    return _(
        "We read what you write about each cost. Does a word not fit the cost? Then "
        "describe the cost more clearly."
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
    booked = _lines_in(plan, excluded)
    named: list[str] = []
    maybe: list[str] = []
    mentioned: list[str] = []
    for category in sorted(excluded):
        findings = _findings(
            plan, rules, category, plan_text=category in AIM_CATEGORIES
        )
        certain, unsure, text = _split(f for f in findings if f.line not in booked)
        named += [_line_words(f, category) for f in certain]
        maybe += [_line_words(f, category) for f in unsure]
        mentioned += [
            _("%(words)s (%(category)s)")
            % {"words": _quoted(f.words), "category": _category_label(category)}
            for f in text
        ]
    warnings = []
    if maybe:
        warnings.append(
            _(
                "These costs may be of a kind we do not pay for: %(lines)s. The "
                "regiegroep checks this."
            )
            % {"lines": ", ".join(maybe)}
        )
    if mentioned:
        warnings.append(
            _(
                "The name or description of your plan mentions %(words)s. We do not "
                "pay for that. The regiegroep checks this."
            )
            % {"words": ", ".join(mentioned)}
        )
    if booked or named:
        lines = [_names_with_category(booked)] if booked else []
        breach = _(
            "We do not pay for these costs: %(lines)s. Remove them from your plan, or "
            "pay for them in another way."
        ) % {"lines": ", ".join([*lines, *named])}
        note = _words_note() if named else ""
        # The warnings follow once the breach is gone.
        return Verdict(FAIL, _joined(breach, note))
    if warnings:
        return Verdict(WARNING, _joined(*warnings))
    return Verdict(PASS, _("Your plan has no costs of a kind we do not pay for."))


def _alcohol(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    booked = _lines_in(plan, [CostCategory.ALCOHOL.value])
    named, maybe, text = _split(
        _findings(plan, rules, CostCategory.ALCOHOL.value, plan_text=True)
    )
    warnings = []
    if maybe:
        warnings.append(
            _(
                "These costs may be alcohol: %(lines)s. The regiegroep checks this. "
                "Is there no alcohol in them? Then you do not have to change anything."
            )
            % {"lines": _listing([], maybe)}
        )
    if text:
        warnings.append(
            _(
                "The name or description of your plan mentions %(words)s. We never "
                "pay for alcohol. The regiegroep checks this."
            )
            % {"words": _quoted(text[0].words)}
        )
    if booked or named:
        breach = _(
            "We never pay for alcohol. Remove these costs from your plan: %(lines)s."
        ) % {"lines": _listing(booked, named)}
        note = _words_note() if named else ""
        # The warnings follow once the breach is gone.
        return Verdict(FAIL, _joined(breach, note))
    if warnings:
        return Verdict(WARNING, _joined(*warnings))
    return Verdict(PASS, _("Your plan has no costs for alcohol."))


def _food_drink(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    never = rules.food_drink_policy == FoodDrinkPolicy.NEVER.value
    severity: Severity = HARD if never else SOFT
    if not plan.budget_lines:
        return _missing_costs()._replace(severity=severity)
    booked, named, maybe = _counted(plan, rules, CostCategory.FOOD_DRINK.value)
    if not booked and not named:
        if never and maybe:
            return Verdict(
                WARNING,
                _(
                    "These costs may be food and drink: %(lines)s. We do not pay for "
                    "food and drink. The regiegroep checks this."
                )
                % {"lines": _listing([], maybe)},
                severity,
            )
        return Verdict(PASS, _("Your plan has no costs for food and drink."), severity)
    names = {"lines": _listing(booked, named)}
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
    booked, named, maybe = _counted(plan, rules, CostCategory.FOOD_DRINK.value)
    counted = [*booked, *(f.line for f in named if f.line is not None)]
    within, part, most = _share_cap(plan=plan, lines=counted, percent=percent)
    params = {"part": format_euro(part), "percent": percent, "max": format_euro(most)}
    if within:
        maybe_text = _maybe_over_cap(plan, counted, maybe, percent)
        return Verdict(
            WARNING if maybe_text else PASS,
            _joined(
                _(
                    "Food and drink cost %(part)s. That is within the maximum of "
                    "%(percent)s%% of your plan."
                )
                % params,
                _counted_note(named),
                maybe_text,
            ),
        )
    return Verdict(
        FAIL,
        _joined(
            _(
                "Food and drink cost %(part)s. That is more than %(percent)s%% of "
                "your plan. Spend at most %(max)s on food and drink."
            )
            % params,
            _counted_note(named),
        ),
    )


def _party_cap(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    percent = rules.party_cap_percent
    booked, named, maybe = _counted(plan, rules, CostCategory.PARTY.value)
    counted = [*booked, *(f.line for f in named if f.line is not None)]
    within, part, most = _share_cap(plan=plan, lines=counted, percent=percent)
    params = {"part": format_euro(part), "percent": percent, "max": format_euro(most)}
    if within:
        maybe_text = _maybe_over_cap(plan, counted, maybe, percent)
        return Verdict(
            WARNING if maybe_text else PASS,
            _joined(
                _(
                    "A party or barbecue costs %(part)s. That is within the maximum "
                    "of %(percent)s%% of your plan."
                )
                % params,
                _counted_note(named),
                maybe_text,
            ),
        )
    return Verdict(
        FAIL,
        _joined(
            _(
                "A party or barbecue costs %(part)s. That is more than %(percent)s%% "
                "of your plan. Spend at most %(max)s on the party or barbecue."
            )
            % params,
            _counted_note(named),
        ),
    )


def _rate_cents(line: LineFacts, hours: Fraction) -> int:
    return round(Fraction(line.amount_cents) / hours)


def _hourly_fee_cap(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    if not plan.budget_lines:
        return _missing_costs()
    booked, named, _maybe = _counted(plan, rules, CostCategory.FEES.value)
    fees = [*booked, *(f.line for f in named if f.line is not None)]
    if not fees:
        return Verdict(PASS, _("Your plan does not pay anyone for their work."))
    cap = rules.hourly_fee_cap_cents
    note = _counted_note(named)
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
            _joined(
                _(
                    "Someone who works for your plan gets at most %(cap)s per hour. "
                    "Too high now: %(lines)s. Lower the amount, or check the number "
                    "of hours."
                )
                % params,
                note,
            ),
        )
    missing = [line for line, hours in with_hours if hours is None]
    if missing:
        params["lines"] = _names(missing)
        return Verdict(
            NOT_APPLICABLE,
            _joined(
                _(
                    "Fill in the number of hours for: %(lines)s. Then we can check "
                    "that nobody gets more than %(cap)s per hour."
                )
                % params,
                note,
            ),
        )
    return Verdict(
        PASS,
        _joined(
            _("Everyone who works for your plan gets at most %(cap)s per hour.")
            % params,
            note,
        ),
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
    days = (start - _applied(plan)).days
    lead = rules.lead_time_before_activity_days
    params = {
        "date": _date(start),
        "period": days_text(lead),
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


def _public_space_deadline(rules: RuleParameters, year: int) -> dt.date | None:
    """The regeling's deadline (MM-DD) for plans that use public space in ``year``."""
    try:
        month, day = (
            int(part) for part in rules.public_space_request_deadline.split("-")
        )
        return dt.date(year, month, day)
    except ValueError:
        return None


def _public_space(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    """A plan in the street, on a square or in a park needs the municipality's
    permission. Requests for a year must be in before the regeling's deadline day of
    that year; later ones are dealt with the year after (docs/configuration.md)."""
    if plan.uses_public_space is None:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Say in step 1 whether your plan uses a street, square or park. Then "
                "we can tell you when to ask the municipality."
            ),
        )
    if not plan.uses_public_space:
        return Verdict(
            PASS,
            _(
                "Your plan does not use a street, square or park, so you do not need "
                "permission for that."
            ),
        )
    start = plan.activity_starts_on
    if start is None:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Fill in the date your activity starts. Then we can tell you when to "
                "ask for the street, square or park."
            ),
        )
    deadline = _public_space_deadline(rules, start.year)
    if deadline is None:
        return Verdict(
            NOT_APPLICABLE, _("This regeling has no deadline for public space.")
        )
    params = {
        "year": start.year,
        "next": start.year + 1,
        "deadline": _date(deadline),
        "date": _date(min(deadline, start)),
    }
    if _applied(plan) < deadline:
        return Verdict(
            PASS,
            _(
                "Your plan uses a street, square or park. Ask the municipality for "
                "permission (a permit or a melding) before %(date)s. That can take "
                "several weeks, so do it soon."
            )
            % params,
        )
    return Verdict(
        WARNING,
        _(
            "Your plan uses a street, square or park in %(year)s. Requests for that "
            "had to be in before %(deadline)s. The municipality may only deal with "
            "your plan next year. Choose a date in %(next)s, or ask your contact "
            "person if it can still be done."
        )
        % params,
    )


def _execution_window(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    """The plan must be carried out within the regeling's months after the decision.
    The decision comes after today, so an activity that ends within that many months
    from today fits; a later end may not."""
    months = rules.execution_window_months
    if not months:
        return Verdict(
            NOT_APPLICABLE, _("This regeling has no term to carry out your plan.")
        )
    end = plan.activity_ends_on or plan.activity_starts_on
    if end is None:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Fill in the dates of your activity. Then we can check that you can "
                "carry it out in time."
            ),
        )
    try:
        latest = add_months(plan.today, months)
    except (ValueError, OverflowError):
        latest = dt.date.max
    params = {"date": _date(end), "period": months_text(months)}
    if end <= latest:
        return Verdict(
            PASS,
            _(
                "Your activity ends on %(date)s. That fits: you carry out your plan "
                "within %(period)s after the decision."
            )
            % params,
        )
    return Verdict(
        WARNING,
        _(
            "Carry out your plan within %(period)s after the decision. Your activity "
            "ends on %(date)s. That may be too late. Choose an earlier end date, or "
            "ask your contact person."
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


# Rules the regiegroep checks (``REVIEW``) ------------------------------------------


def _support_years(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    years = rules.max_support_years_same_initiative
    if not years:
        return Verdict(
            NOT_APPLICABLE,
            _("This regeling has no limit on the years the same activity gets money."),
        )
    return Verdict(
        REVIEW,
        _(
            "The same activity can get money in at most %(years)s. Did your activity "
            "get money in earlier years? Then say so in your plan."
        )
        % {"years": years_text(years)},
    )


def _excluded_labels(rules: RuleParameters, categories: Iterable[str]) -> str:
    return ", ".join(
        _category_label(c) for c in categories if c in rules.excluded_cost_categories
    )


def _plan_aim(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    aims = _excluded_labels(rules, AIM_CATEGORIES)
    if not aims:
        return Verdict(
            NOT_APPLICABLE, _("This regeling does not exclude plans for their aim.")
        )
    return Verdict(
        REVIEW,
        _("We do not pay for a plan with one of these aims: %(aims)s.")
        % {"aims": aims},
    )


def _other_funding(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    kinds = _excluded_labels(rules, FUNDING_CATEGORIES)
    if not kinds:
        return Verdict(
            NOT_APPLICABLE,
            _("This regeling also pays for costs that others pay for too."),
        )
    return Verdict(
        REVIEW,
        _(
            "Costs we do not pay for: %(kinds)s. Does someone else pay for part of "
            "your plan? Then say so in your plan."
        )
        % {"kinds": kinds},
    )


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
