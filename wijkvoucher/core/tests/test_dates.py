"""Dates are written the interface language's way, through Django's named formats
(wijkvoucher/core/formats): Dutch "6 oktober 2026" and "6 okt. 2026", English
"6 October 2026" and "6 Oct 2026"; never a hand-made format in a template or module."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

import pytest

REPO = Path(__file__).resolve().parents[3]

DAY = dt.date(2026, 10, 6)


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("nl", "DATE_FORMAT", "6 oktober 2026"),
        ("nl", "SHORT_DATE_FORMAT", "6 okt. 2026"),
        ("en", "DATE_FORMAT", "6 October 2026"),
        ("en", "SHORT_DATE_FORMAT", "6 Oct 2026"),
    ],
)
def test_a_date_in_each_language(language: str, name: str, expected: str) -> None:
    with translation.override(language):
        assert date_format(DAY, name) == expected


@pytest.mark.parametrize(
    ("month", "dutch"),
    [
        (1, "6 jan. 2026"),
        (3, "6 mrt. 2026"),
        (5, "6 mei 2026"),  # "mei" is never abbreviated
        (9, "6 sep. 2026"),
        (12, "6 dec. 2026"),
    ],
)
def test_dutch_short_months_are_lower_case_abbreviations(
    month: int, dutch: str
) -> None:
    with translation.override("nl"):
        assert date_format(DAY.replace(month=month), "SHORT_DATE_FORMAT") == dutch


def test_date_and_time_in_each_language() -> None:
    # date_format writes the moment as given (templates convert to local time first)
    moment = dt.datetime(2026, 10, 6, 14, 5, tzinfo=dt.UTC)
    with translation.override("nl"):
        assert date_format(moment, "DATETIME_FORMAT") == "6 oktober 2026, 14:05"
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == "6 okt. 2026, 14:05"
    with translation.override("en"):
        assert date_format(moment, "DATETIME_FORMAT") == "6 October 2026, 14:05"


def test_a_template_date_without_a_format_uses_the_language() -> None:
    template = Template("{{ day }} / {{ day|date }}")
    with translation.override("nl"):
        assert (
            template.render(Context({"day": DAY})) == "6 oktober 2026 / 6 oktober 2026"
        )
    with translation.override("en"):
        assert (
            template.render(Context({"day": DAY})) == "6 October 2026 / 6 October 2026"
        )


# The formats a template or module may name: Django's named formats, and a few that
# have no named format but are right in every language (ISO for machines, a weekday
# with the full date, a month name, a time, seconds in the demo's mailbox).
ALLOWED = {
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
    "TIME_FORMAT",
    "c",
    "l j F Y",
    "F",
    "H:i",
}
DEMO_ONLY = ("wijkvoucher/demo/",)
FORMAT_IN_TEMPLATE = re.compile(r"""\|(?:date|time):["']([^"']*)["']""")
FORMAT_IN_PYTHON = re.compile(r"""date_format\([^()]*?,\s*["']([^"']*)["']\s*\)""")


def _hand_made_formats() -> list[str]:
    found = []
    for path in sorted((REPO / "wijkvoucher").rglob("*")):
        relative = path.relative_to(REPO).as_posix()
        if "/tests/" in relative or relative.startswith(DEMO_ONLY):
            continue
        if path.suffix == ".html":
            pattern = FORMAT_IN_TEMPLATE
        elif path.suffix == ".py":
            pattern = FORMAT_IN_PYTHON
        else:
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) not in ALLOWED:
                found.append(f"{relative}: {match.group(1)!r}")
    return found


def test_no_template_or_module_writes_a_date_by_hand() -> None:
    assert _hand_made_formats() == []
