"""Each counting rule in plain words (after docs/pabulib.md#the-rules): a few
sentences for the result page, a name and one sentence for the organiser who chooses
it; and what a ballot type's count measures."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.constants import BallotType
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

_GREEDY = _(
    "The plans are put in order: the plan with the most votes first. Going down "
    "that list, every plan that still fits in the money that is left gets the money. "
    "A plan that is too expensive for what is left is skipped, and the next one is "
    "looked at."
)
_EQUAL_SHARES = _(
    "Method of Equal Shares: every voter gets an equal share of the budget. A plan "
    "is paid for by the voters who chose it, from their shares, as equally as "
    "possible. Plans that many voters can pay for together come first. This way "
    "groups of voters get plans in proportion to their size, and not only the "
    "largest group decides."
)

RULE_TEXTS = {
    GREEDY: _GREEDY,
    GREEDY_NO_SKIP: _(
        "The plans are put in order: the plan with the most votes first. Going down "
        "that list, each plan gets the money until the first plan that no longer "
        "fits; the count stops there."
    ),
    GREEDY_THRESHOLD: _GREEDY,
    AMSTERDAM: _(
        "As in Amsterdam's neighbourhood budgets: the plans are put in order, the "
        "plan with the most votes first, and get the money in that order until the "
        "first plan that no longer fits."
    ),
    EQUAL_SHARES: _EQUAL_SHARES,
    EQUAL_SHARES_ADD1: _EQUAL_SHARES,
    EQUAL_SHARES_COMPARISON: _(
        "The Method of Equal Shares (every voter an equal share of the budget, plans "
        "paid for by the voters who chose them) is compared with counting down the "
        "list of most votes. The outcome that gives more voters more of the plans "
        "they chose is kept."
    ),
    EQUAL_SHARES_ADD1_COMPARISON: _(
        "The Method of Equal Shares (every voter an equal share of the budget, plans "
        "paid for by the voters who chose them) is compared with counting down the "
        "list of most votes. The outcome that gives more voters more of the plans "
        "they chose is kept."
    ),
}

MEASURE_TEXTS = {
    BallotType.APPROVAL: _("A plan's votes: how many voters chose it."),
    BallotType.KNAPSACK: _("A plan's votes: how many voters chose it."),
    BallotType.CUMULATIVE: _("A plan's points: all points voters gave it together."),
    BallotType.ORDINAL: _(
        "A plan's points: for each voter who ranked it, the most points for place 1, "
        "one less for place 2, and so on."
    ),
}


def rule_text(rule: str) -> str:
    return str(RULE_TEXTS.get(rule, _GREEDY))


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
