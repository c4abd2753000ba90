"""Helpers the rules share: totals, names and dates in messages, and what the resident wrote (the regeling's word lists, words.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.rules.facts import (
    ALCOHOL_FREE,
    MAX_HOURS,
    MAX_LINE_NAME,
    MIN_HOURS,
    NOT_APPLICABLE,
    LineFacts,
    PlanFacts,
    RuleParameters,
    Verdict,
)
from wijkvoucher.initiatives.words import WordList, word_list
from wijkvoucher.neighbourhoods.constants import (
    CostCategory,
)


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
