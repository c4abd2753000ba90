"""Who gets a letter: old enough on the day, each person once, one letter per
address when the vote is per household; and what was left out, in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from django.utils import translation

import pytest

from wijkvoucher.consultations.eligibility import age_on, register_select
from wijkvoucher.consultations.rows import RegisterRow

TODAY = dt.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _row(name: str, number: int, **fields: Any) -> RegisterRow:
    row = RegisterRow(
        name=name,
        street="Dorpsstraat",
        house_number=number,
        house_letter="",
        addition="",
        postcode="1234AB",
        city="Dijkstad",
        birth_date=dt.date(1980, 1, 1),
    )
    return replace(row, **fields)


def test_age_on_a_day_counts_full_years() -> None:
    assert age_on(dt.date(2014, 9, 1), dt.date(2026, 9, 1)) == 12
    assert age_on(dt.date(2014, 9, 2), dt.date(2026, 9, 1)) == 11
    # born on 29 February: a year older on 1 March when there is no 29 February
    assert age_on(dt.date(2012, 2, 29), dt.date(2026, 2, 28)) == 13
    assert age_on(dt.date(2012, 2, 29), dt.date(2026, 3, 1)) == 14


def test_select_keeps_those_of_age_and_each_person_once() -> None:
    # given
    rows = [
        _row("An", 1, birth_date=dt.date(2014, 9, 1)),  # 12 today
        _row("Bo", 1, birth_date=dt.date(2014, 9, 2)),  # 12 tomorrow
        _row("Cas", 2, birth_date=None),
        _row("an", 1, birth_date=dt.date(2014, 9, 1)),  # An again
        _row("Di", 3),
    ]

    # when
    selection = register_select(rows, min_age=12, on=TODAY, per_household=False)

    # then
    assert [r.name for r in selection.rows] == ["An", "Cas", "Di"]
    assert (
        selection.too_young,
        selection.duplicates,
        selection.same_address,
        selection.without_birth_date,
        selection.left_out,
    ) == (1, 1, 0, 1, 2)
    assert selection.summary() == [
        "1 resident is too young to vote and gets no letter.",
        "1 line repeats a name and address from an earlier line.",
        "The list has no birth date for 1 resident: the age was not checked.",
    ]


def test_select_per_household_keeps_one_address_without_a_name() -> None:
    # given: three residents at number 1 (one too young), one at 1A, one at 2
    rows = [
        _row("Kind", 1, birth_date=dt.date(2020, 1, 1)),
        _row("Moeder", 1),
        _row("Vader", 1),
        _row("Buur", 1, house_letter="A"),
        _row("Overbuur", 2),
    ]

    # when
    selection = register_select(rows, min_age=16, on=TODAY, per_household=True)

    # then
    assert [(r.house_number, r.house_letter, r.name) for r in selection.rows] == [
        (1, "", ""),
        (1, "A", ""),
        (2, "", ""),
    ]
    assert (selection.too_young, selection.same_address, selection.left_out) == (
        1,
        1,
        2,
    )
    assert selection.summary() == [
        "1 resident is too young to vote and gets no letter.",
        "1 resident lives at an address that already gets a letter (one vote per "
        "household).",
    ]
