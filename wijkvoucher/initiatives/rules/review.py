"""Rules the regiegroep checks (REVIEW): no fact decides them."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from wijkvoucher.core.periods import years_text
from wijkvoucher.initiatives.rules.facts import (
    AIM_CATEGORIES,
    FUNDING_CATEGORIES,
    NOT_APPLICABLE,
    REVIEW,
    PlanFacts,
    RuleParameters,
    Verdict,
)
from wijkvoucher.initiatives.rules.helpers import (
    _category_label,
)


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
