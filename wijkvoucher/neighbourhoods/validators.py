"""Dutch address parts and contact details: each function returns the normalised value
or raises a plain ValidationError that a form shows next to the field."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Four digits, the first not 0, and two letters, with at most one space in between.
# ASCII classes on purpose: \d would also accept other scripts' digits.
_POSTCODE = re.compile(r"([1-9][0-9]{3}) ?([A-Za-z]{2})")
# PostNL never issues these letter pairs for historical reasons.
NEVER_ISSUED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})
_HOUSE_NUMBER = re.compile(r"[0-9]{1,5}")
_HOUSE_LETTER = re.compile(r"[A-Za-z]")
_ADDITION = re.compile(r"[A-Za-z0-9]{1,4}")
_PHONE = re.compile(r"\+?[0-9 ()\-]{6,29}")
PHONE_MIN_DIGITS = 6

# A birth date from the BRP lies between this day and today.
BIRTH_DATE_MIN = dt.date(1900, 1, 1)

HOUSE_NUMBER_MIN = 1
HOUSE_NUMBER_MAX = 99999


def normalise_postcode(value: str) -> str:
    """``'1234 ab'``, ``' 1234AB '`` → ``'1234AB'``."""
    match = _POSTCODE.fullmatch((value or "").strip())
    if match is None:
        raise ValidationError(
            _("Enter a postcode like 1234 AB."), code="invalid_postcode"
        )
    letters = match.group(2).upper()
    if letters in NEVER_ISSUED_POSTCODE_LETTERS:
        raise ValidationError(
            _("Postcodes never end in SA, SD or SS. Please check the letters."),
            code="postcode_not_issued",
        )
    return match.group(1) + letters


def normalise_house_number(value: str | int) -> int:
    """``' 12 '`` or ``12`` → ``12``; from 1 to 99999."""
    text = str(value).strip()
    number = int(text) if _HOUSE_NUMBER.fullmatch(text) else 0
    if not HOUSE_NUMBER_MIN <= number <= HOUSE_NUMBER_MAX:
        raise ValidationError(
            _("Enter a house number from 1 to 99999, without letters."),
            code="invalid_house_number",
        )
    return number


def normalise_house_letter(value: str) -> str:
    """``'a'`` → ``'A'``; empty stays empty."""
    text = (value or "").strip()
    if not text:
        return ""
    if _HOUSE_LETTER.fullmatch(text) is None:
        raise ValidationError(
            _("Enter one letter as the house letter, for example A."),
            code="invalid_house_letter",
        )
    return text.upper()


def normalise_house_number_addition(value: str) -> str:
    """``' bis '`` → ``'BIS'``; up to 4 letters or digits; empty stays empty."""
    text = (value or "").strip()
    if not text:
        return ""
    if _ADDITION.fullmatch(text) is None:
        raise ValidationError(
            _("The addition can have up to 4 letters or digits, for example 2 or BIS."),
            code="invalid_house_number_addition",
        )
    return text.upper()


def normalise_phone(value: str) -> str:
    """Digits with optional spaces, dashes, brackets and a leading +; empty stays
    empty. Kept as written apart from the outer spaces."""
    text = (value or "").strip()
    if not text:
        return ""
    digits = sum(ch.isdigit() for ch in text)
    if _PHONE.fullmatch(text) is None or digits < PHONE_MIN_DIGITS:
        raise ValidationError(
            _("Enter a phone number in digits, for example 06 12345678."),
            code="invalid_phone",
        )
    return text


def normalise_text(value: str, *, max_length: int) -> str:
    """Outer spaces removed; refuses text longer than ``max_length``."""
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(
            _("This is too long: use at most %(max)d characters."),
            code="too_long",
            params={"max": max_length},
        )
    return text


def check_birth_date(value: dt.date, *, today: dt.date) -> dt.date:
    """A birth date as the BRP shows it: not after ``today``, not before 1900."""
    if value > today:
        raise ValidationError(
            _("A birth date cannot be in the future. Check the date in the BRP."),
            code="birth_date_future",
        )
    if value < BIRTH_DATE_MIN:
        raise ValidationError(
            _("A birth date before 1900 cannot be right. Check the date in the BRP."),
            code="birth_date_too_early",
        )
    return value
