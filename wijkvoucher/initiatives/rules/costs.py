"""Rules about what a cost may be: excluded kinds of cost, alcohol, food and drink."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.rules.facts import (
    AIM_CATEGORIES,
    FAIL,
    HARD,
    NOT_APPLICABLE,
    PASS,
    SOFT,
    WARNING,
    PlanFacts,
    RuleParameters,
    Severity,
    Verdict,
)
from wijkvoucher.initiatives.rules.helpers import (
    _category_label,
    _counted,
    _counted_note,
    _findings,
    _joined,
    _line_words,
    _lines_in,
    _listing,
    _maybe_over_cap,
    _missing_costs,
    _names_with_category,
    _quoted,
    _share_cap,
    _split,
)
from wijkvoucher.neighbourhoods.constants import (
    CostCategory,
    FoodDrinkPolicy,
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
