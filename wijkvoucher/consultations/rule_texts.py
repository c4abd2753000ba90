"""What each counting rule does, in one plain sentence (B1), for the organiser who
chooses it and the resident who reads the result. They say what docs/pabulib.md
says of the rules (``wijkvoucher.tally.rules``)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.tally.rules import (
    AMSTERDAM,
    EQUAL_SHARES,
    EQUAL_SHARES_ADD1,
    EQUAL_SHARES_ADD1_COMPARISON,
    EQUAL_SHARES_COMPARISON,
    GREEDY,
    GREEDY_NO_SKIP,
    GREEDY_THRESHOLD,
)

RULE_NAMES: dict[str, Promise] = {
    GREEDY: _("Most votes first"),
    GREEDY_NO_SKIP: _("Most votes first, without skipping"),
    GREEDY_THRESHOLD: _("Most votes first, above a minimum"),
    AMSTERDAM: _("As in Amsterdam"),
    EQUAL_SHARES: _("Equal shares"),
    EQUAL_SHARES_ADD1: _("Equal shares, budget filled up"),
    EQUAL_SHARES_COMPARISON: _("Equal shares, compared with most votes first"),
    EQUAL_SHARES_ADD1_COMPARISON: _(
        "Equal shares, budget filled up, compared with most votes first"
    ),
}

RULE_EXPLANATIONS: dict[str, Promise] = {
    GREEDY: _(
        "The plan with the most votes gets money first, then the next one, as long "
        "as there is money left; a plan that no longer fits is skipped."
    ),
    GREEDY_NO_SKIP: _(
        "The plan with the most votes gets money first, then the next one; the "
        "count stops at the first plan that no longer fits."
    ),
    GREEDY_THRESHOLD: _(
        "Most votes first, but only plans with at least a minimum number of votes."
    ),
    AMSTERDAM: _(
        "Most votes first and without skipping, as Amsterdam counts its "
        "neighbourhood budgets."
    ),
    EQUAL_SHARES: _(
        "Every voter gets an equal share of the budget and pays for the plans they "
        "chose: also smaller groups of residents get a plan."
    ),
    EQUAL_SHARES_ADD1: _(
        "Equal shares, and the shares grow step by step, so that as little of the "
        "budget as possible is left over."
    ),
    EQUAL_SHARES_COMPARISON: _(
        "Equal shares, unless most voters get more of their plans with most votes "
        "first: then that outcome counts."
    ),
    EQUAL_SHARES_ADD1_COMPARISON: _(
        "Equal shares with the budget filled up, unless most voters get more of "
        "their plans with most votes first: then that outcome counts."
    ),
}


def rule_label(rule: str) -> str:
    """ "Name: explanation" for a choice list; the rule's code for an unknown one."""
    name, text = RULE_NAMES.get(rule), RULE_EXPLANATIONS.get(rule)
    if name is None or text is None:
        return rule
    return f"{name}: {text}"
