"""Each counting rule in a few plain words, for the result page (after
docs/pabulib.md#the-rules), and what a ballot type's count measures."""

from __future__ import annotations

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
