"""Scores per letter, the suggested support role and the ACTIE-punten: pure
functions over the answers (docs/actie.md#scoring and #the-suggested-role).

A letter's score is the mean of its scored items (an unknown item does not count),
rounded to one decimal; a letter without a scored item has no score. A letter is
flagged when any of its items scores 1."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.actie.constants import GOOD, LOW, WEAK, Letter, SupportRole, Variant
from wijkvoucher.actie.items import Item, items_of


@dataclass(frozen=True)
class LetterScore:
    letter: Letter
    score: Decimal | None
    scored: int
    items: int
    flagged: bool

    @property
    def known(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Suggestion:
    role: SupportRole | None
    reason: str | Promise


def _mean(values: Sequence[int]) -> Decimal | None:
    if not values:
        return None
    mean = Decimal(sum(values)) / Decimal(len(values))
    return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def letter_scores(
    variant: str, scores: Mapping[str, int | None]
) -> dict[Letter, LetterScore]:
    """Per letter, in A-C-T-I-E order: the mean of the scored items of ``variant``
    (``scores`` maps an item code to 1-4, or None for unknown)."""
    result: dict[Letter, LetterScore] = {}
    for letter in Letter:
        items = [item for item in items_of(variant) if item.letter == letter]
        values = [
            value for item in items if (value := scores.get(item.code)) is not None
        ]
        result[letter] = LetterScore(
            letter=letter,
            score=_mean(values),
            scored=len(values),
            items=len(items),
            flagged=1 in values,
        )
    return result


def _good(letter: LetterScore) -> bool:
    return letter.score is not None and letter.score >= Decimal(str(GOOD))


def _low(letter: LetterScore) -> bool:
    return letter.score is not None and letter.score < Decimal(str(LOW))


def _gap(letter: LetterScore) -> bool:
    return not _good(letter) or letter.flagged


def suggest_role(
    variant: str,
    scores: Mapping[str, int | None],
    letters: Mapping[Letter, LetterScore] | None = None,
) -> Suggestion:
    """The suggested support role, with its reason. Only a suggestion: the person
    who fills in the form decides (docs/actie.md#the-suggested-role)."""
    letters = letters or letter_scores(variant, scores)
    a, c, t, i = (
        letters[x]
        for x in (Letter.ANIMO, Letter.CONTACTS, Letter.EQUIPMENT, Letter.EMBEDDING)
    )
    if not all(x.known for x in (a, c, t, i)):
        return Suggestion(
            None,
            _(
                "No suggestion yet: score at least one item of Animo, Contacten, "
                "Toerusting and Inbedding."
            ),
        )
    if _low(a) or _low(t):
        return Suggestion(
            SupportRole.STIMULATING,
            _("Animo or Toerusting is low: encourage the group and help it get going."),
        )
    if _low(c):
        return Suggestion(
            SupportRole.STIMULATING,
            _("Contacten is low: help the group find neighbours and partners."),
        )
    if _good(a) and _good(c) and (_gap(t) or _gap(i)):
        return Suggestion(
            SupportRole.FACILITATING,
            _(
                "Animo and Contacten are good, but Toerusting or Inbedding has gaps: "
                "remove obstacles and lend means."
            ),
        )
    shares_goal = (
        (scores.get("A3") or 0) >= GOOD if variant == Variant.FRONTLINE else _good(a)
    )
    if _good(a) and _good(c) and shares_goal:
        return Suggestion(
            SupportRole.CO_PRODUCING,
            _(
                "Both sides are strong and the municipality shares the goal: work "
                "together as partners."
            ),
        )
    return Suggestion(
        SupportRole.FACILITATING,
        _("A mixed picture: make things easier for the group, and look again later."),
    )


def weak_items(variant: str, scores: Mapping[str, int | None]) -> list[Item]:
    """The items that score 1 or 2, in form order: their hints are the suggested
    ACTIE-punten."""
    return [
        item
        for item in items_of(variant)
        if (value := scores.get(item.code)) is not None and value <= WEAK
    ]
