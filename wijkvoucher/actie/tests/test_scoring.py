"""Scoring per letter and the suggested role (docs/actie.md#scoring)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wijkvoucher.actie.constants import Letter, SupportRole, Variant
from wijkvoucher.actie.items import FRONTLINE, ORGANISATION
from wijkvoucher.actie.scoring import letter_scores, suggest_role, weak_items

F = Variant.FRONTLINE


def _all(variant: str, score: int | None) -> dict[str, int | None]:
    items = FRONTLINE if variant == F else ORGANISATION
    return {item.code: score for item in items}


def test_a_letter_scores_the_mean_of_its_scored_items_rounded_to_one_decimal() -> None:
    # given Animo items 4, 3, 3 and one unknown
    scores = {**_all(F, 2), "A1": 4, "A2": 3, "A3": 3, "A4": None}
    # when scored
    letters = letter_scores(F, scores)
    # then A is (4+3+3)/3 = 3.3, three of four items scored, no item at 1
    assert letters[Letter.ANIMO].score == Decimal("3.3")
    assert letters[Letter.ANIMO].scored == 3
    assert letters[Letter.ANIMO].items == 4
    assert letters[Letter.ANIMO].flagged is False


def test_a_letter_is_flagged_when_an_item_scores_one_and_rounds_half_up() -> None:
    # given Toerusting 1, 2, 2, 2 (mean 1.75)
    scores = {**_all(F, 3), "T1": 1, "T2": 2, "T3": 2, "T4": 2}
    # when scored
    letters = letter_scores(F, scores)
    # then 1.8 and flagged
    assert letters[Letter.EQUIPMENT].score == Decimal("1.8")
    assert letters[Letter.EQUIPMENT].flagged is True


def test_a_letter_with_only_unknown_items_has_no_score() -> None:
    # given every Empathie item unknown
    scores = {**_all(F, 3), "E1": None, "E2": None, "E3": None}
    # when scored
    letters = letter_scores(F, scores)
    # then E has no score, the others do
    assert letters[Letter.EMPATHY].score is None
    assert letters[Letter.EMPATHY].scored == 0
    assert letters[Letter.ANIMO].score == Decimal("3.0")


@pytest.mark.parametrize(
    ("variant", "items"),
    [(Variant.FRONTLINE, 18), (Variant.ORGANISATION, 12)],
)
def test_every_letter_has_items_in_both_forms(variant: str, items: int) -> None:
    # given the item table / when scored all 4 / then every letter is 4.0
    letters = letter_scores(variant, _all(variant, 4))
    assert sum(score.items for score in letters.values()) == items
    assert {s.score for s in letters.values()} == {Decimal("4.0")}


@pytest.mark.parametrize(
    ("changes", "role"),
    [
        # Animo low: stimulating.
        ({"A1": 2, "A2": 2, "A3": 3, "A4": 2}, SupportRole.STIMULATING),
        # Toerusting low: stimulating.
        ({"T1": 2, "T2": 2, "T3": 2, "T4": 3}, SupportRole.STIMULATING),
        # Contacten low: stimulating.
        ({"C1": 2, "C2": 2, "C3": 2, "C4": 2}, SupportRole.STIMULATING),
        # Animo and Contacten good, Toerusting has a gap (below 3): facilitating.
        ({"T1": 3, "T2": 2, "T3": 3, "T4": 3}, SupportRole.FACILITATING),
        # Inbedding mean good but one item at 1 (flagged): facilitating.
        ({"I1": 4, "I2": 4, "I3": 1}, SupportRole.FACILITATING),
        # Everything good and the municipality is keen (A3 >= 3): co-producing.
        ({}, SupportRole.CO_PRODUCING),
        # Everything good but the municipality is not keen: facilitating.
        ({"A1": 4, "A2": 4, "A3": 2, "A4": 4}, SupportRole.FACILITATING),
        # Animo between low and good (2.5): a mixed picture, facilitating.
        ({"A1": 3, "A2": 2, "A3": 3, "A4": 2}, SupportRole.FACILITATING),
    ],
)
def test_the_suggested_role_follows_the_letters(
    changes: dict[str, int], role: SupportRole
) -> None:
    # given a form scored 3 everywhere, with the changes
    scores: dict[str, int | None] = {**_all(F, 3), **changes}
    # when a role is suggested
    suggestion = suggest_role(F, scores)
    # then it is the expected one, with a reason
    assert suggestion.role == role
    assert str(suggestion.reason)


def test_no_role_is_suggested_without_a_score_for_a_c_t_and_i() -> None:
    # given Inbedding all unknown
    scores = {**_all(F, 3), "I1": None, "I2": None, "I3": None}
    # when / then no suggestion
    assert suggest_role(F, scores).role is None


def test_the_organisation_form_co_produces_when_its_letters_are_good() -> None:
    # given an organisation form scored 3 everywhere / when / then co-producing
    assert (
        suggest_role(Variant.ORGANISATION, _all(Variant.ORGANISATION, 3)).role
        == SupportRole.CO_PRODUCING
    )


def test_weak_items_are_the_ones_at_one_or_two_in_form_order() -> None:
    # given two weak items and an unknown one
    scores = {**_all(F, 3), "T3": 2, "A2": 1, "E1": None}
    # when / then
    assert [item.code for item in weak_items(F, scores)] == ["A2", "T3"]
