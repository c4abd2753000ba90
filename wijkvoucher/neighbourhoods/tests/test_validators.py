from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from wijkvoucher.neighbourhoods.validators import (
    normalise_house_letter,
    normalise_house_number,
    normalise_house_number_addition,
    normalise_phone,
    normalise_postcode,
    normalise_text,
)


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("1234AB", "1234AB"),
        ("1234 AB", "1234AB"),
        ("1234ab", "1234AB"),
        (" 1234AB ", "1234AB"),
        ("9999 zz", "9999ZZ"),
        ("1000AA", "1000AA"),
        ("3511sb", "3511SB"),
    ],
)
def test_postcode_is_normalised(entered: str, stored: str) -> None:
    # given / when
    result = normalise_postcode(entered)
    # then
    assert result == stored


@pytest.mark.parametrize(
    "entered",
    [
        "",
        "   ",
        "0123AB",
        "123AB",
        "12345AB",
        "1234A",
        "1234ABC",
        "1234  AB",
        "1234-AB",
        "AB1234",
        "１２３４AB",  # full-width digits
        "1234ÄB",
    ],
)
def test_malformed_postcode_is_refused_with_a_plain_message(entered: str) -> None:
    # given / when
    with pytest.raises(ValidationError) as exc:
        normalise_postcode(entered)
    # then
    assert exc.value.code == "invalid_postcode"
    with translation.override("en"):
        assert exc.value.messages == ["Enter a postcode like 1234 AB."]


@pytest.mark.parametrize("entered", ["1234SA", "1234 sd", "1234ss", " 5678 SS "])
def test_postcode_letters_never_issued_are_refused(entered: str) -> None:
    # given / when
    with pytest.raises(ValidationError) as exc:
        normalise_postcode(entered)
    # then
    assert exc.value.code == "postcode_not_issued"


@pytest.mark.parametrize(
    ("entered", "stored"),
    [("1", 1), (" 12 ", 12), ("99999", 99999), (7, 7), ("007", 7)],
)
def test_house_number_is_normalised(entered: str | int, stored: int) -> None:
    # given / when
    result = normalise_house_number(entered)
    # then
    assert result == stored


@pytest.mark.parametrize(
    "entered", ["", "0", "100000", "-1", "12a", "1 2", "1.5", "twaalf", 0, 100000]
)
def test_house_number_out_of_range_or_not_a_number_is_refused(
    entered: str | int,
) -> None:
    # given / when
    with pytest.raises(ValidationError) as exc:
        normalise_house_number(entered)
    # then
    assert exc.value.code == "invalid_house_number"


@pytest.mark.parametrize(
    ("entered", "stored"), [("", ""), ("  ", ""), ("a", "A"), (" B ", "B")]
)
def test_house_letter_is_one_letter_in_capitals(entered: str, stored: str) -> None:
    # given / when
    result = normalise_house_letter(entered)
    # then
    assert result == stored


@pytest.mark.parametrize("entered", ["AB", "1", "é", "-"])
def test_house_letter_other_than_one_letter_is_refused(entered: str) -> None:
    # given / when
    with pytest.raises(ValidationError) as exc:
        normalise_house_letter(entered)
    # then
    assert exc.value.code == "invalid_house_letter"


@pytest.mark.parametrize(
    ("entered", "stored"),
    [("", ""), ("2", "2"), ("bis", "BIS"), (" h ", "H"), ("12ab", "12AB")],
)
def test_addition_is_up_to_four_letters_or_digits(entered: str, stored: str) -> None:
    # given / when
    result = normalise_house_number_addition(entered)
    # then
    assert result == stored


@pytest.mark.parametrize("entered", ["12345", "-2", "a b", "1/2", "ö"])
def test_addition_with_other_characters_or_too_long_is_refused(entered: str) -> None:
    # given / when
    with pytest.raises(ValidationError) as exc:
        normalise_house_number_addition(entered)
    # then
    assert exc.value.code == "invalid_house_number_addition"


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("", ""),
        (" 06 12345678 ", "06 12345678"),
        ("+31 (0)20-1234567", "+31 (0)20-1234567"),
    ],
)
def test_phone_number_is_kept_as_written(entered: str, stored: str) -> None:
    # given / when
    result = normalise_phone(entered)
    # then
    assert result == stored


@pytest.mark.parametrize("entered", ["bel me", "12345", "06 1234 5678 ext 2", "+" * 7])
def test_phone_number_without_enough_digits_is_refused(entered: str) -> None:
    # given / when
    with pytest.raises(ValidationError) as exc:
        normalise_phone(entered)
    # then
    assert exc.value.code == "invalid_phone"


def test_text_longer_than_allowed_is_refused() -> None:
    # given
    text = "x" * 11
    # when
    with pytest.raises(ValidationError) as exc:
        normalise_text(text, max_length=10)
    # then
    assert exc.value.code == "too_long"
    assert normalise_text(" ok ", max_length=10) == "ok"
