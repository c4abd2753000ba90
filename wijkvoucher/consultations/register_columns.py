"""The columns of a register export: the names a municipality's export tool gives
them (Dutch or English, in any case and spelling), the separator, and the birth dates
in the forms the population register (BRP) writes. Used by ``register.py``."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkvoucher.core.text import fold

DELIMITERS = (";", ",", "\t")

# The canonical columns and the names a register export may give them, written as
# ``column_key`` makes them: lower case, without accents, spaces or punctuation.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("naam", "volledigenaam", "aanschrijfnaam", "name", "fullname"),
    "surname": ("geslachtsnaam", "achternaam", "surname", "lastname", "familyname"),
    "given_names": ("voornamen", "voornaam", "givennames", "firstnames", "firstname"),
    "prefix": (
        "voorvoegsel",
        "voorvoegselgeslachtsnaam",
        "tussenvoegsel",
        "tussenvoegsels",
        "prefix",
        "surnameprefix",
    ),
    "street": ("straat", "straatnaam", "openbareruimtenaam", "street", "streetname"),
    "house_number": ("huisnummer", "huisnr", "nummer", "housenumber", "number"),
    "house_letter": ("huisletter", "houseletter", "letter"),
    "addition": (
        "toevoeging",
        "huisnummertoevoeging",
        "huisnrtoevoeging",
        "addition",
        "housenumberaddition",
    ),
    "postcode": ("postcode", "postalcode", "zipcode", "zip"),
    "city": ("woonplaats", "plaats", "woonplaatsnaam", "city", "town", "place"),
    "birth_date": ("geboortedatum", "dateofbirth", "birthdate", "birthday", "dob"),
}
_COLUMN_OF = {alias: column for column, names in ALIASES.items() for alias in names}
# What a missing column is called in a message: the Dutch export's own names.
COLUMN_LABELS = {
    "name": gettext_lazy("naam (or geslachtsnaam and voornamen)"),
    "street": gettext_lazy("straat"),
    "house_number": gettext_lazy("huisnummer"),
    "postcode": gettext_lazy("postcode"),
    "city": gettext_lazy("woonplaats"),
}
REQUIRED = ("street", "house_number", "postcode", "city")

# dd-mm-jjjj, dd/mm/jjjj, dd.mm.jjjj, jjjj-mm-dd and the BRP's own jjjjmmdd. The BRP
# writes 00 for an unknown day or month (docs: "onbekend").
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def column_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(header))


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def delimiter_of(text: str) -> str:
    """The separator that makes the most known column names of the header (or the
    one Excel's ``sep=;`` line names)."""
    header = first_line(text)
    if header.startswith("sep=") and len(header) == 5 and header[4] in DELIMITERS:
        return header[4]

    def known(delimiter: str) -> int:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return sum(column_key(cell) in _COLUMN_OF for cell in cells)

    return max(DELIMITERS, key=known)  # a tie keeps the first: ";" before ","


def is_separator_line(cells: Sequence[str]) -> bool:
    """Excel's ``sep=;`` first line, read with that separator: ``["sep=", ""]``."""
    return len(cells) <= 2 and cells[0].startswith("sep=") and len(cells[0]) <= 5


def header_columns(
    header: Sequence[str], line: int, *, require_name: bool
) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Canonical column → cell index, canonical column → the file's own name for it,
    and what is wrong with the header."""
    index: dict[str, int] = {}
    names: dict[str, str] = {}
    errors: list[str] = []
    for i, cell in enumerate(header):
        column = _COLUMN_OF.get(column_key(cell))
        if column is None:
            continue
        if column in index:
            errors.append(
                _("Line %(line)s: the column “%(column)s” appears twice.")
                % {"line": line, "column": cell.strip()}
            )
            continue
        index[column] = i
        names[column] = cell.strip()
    if not index:
        expected = ", ".join(str(COLUMN_LABELS[c]) for c in ("name", *REQUIRED))
        return (
            index,
            names,
            [
                _(
                    "Line %(line)s: no known column names. The first line must name "
                    "the columns, for example: %(columns)s."
                )
                % {"line": line, "columns": expected}
            ],
        )
    missing = [c for c in REQUIRED if c not in index]
    if require_name and "name" not in index and "surname" not in index:
        missing.insert(0, "name")
    for column in missing:
        errors.append(
            _("Line %(line)s: the column “%(column)s” is missing.")
            % {"line": line, "column": COLUMN_LABELS[column]}
        )
    return index, names, errors


def birth_date_parse(text: str) -> dt.date | None:
    """The date, or ``None`` when it is none. An unknown day or month (00) gives the
    last day it can be, so that nobody counts as older than they may be."""
    for pattern, order in (
        (_DAY_FIRST, (3, 2, 1)),
        (_YEAR_FIRST, (1, 2, 3)),
        (_COMPACT, (1, 2, 3)),
    ):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        year, month, day = (int(match.group(i)) for i in order)
        if year < 1850:
            return None
        if month == 0:
            month, day = 12, 0
        if month > 12:
            return None
        if day == 0:
            day = calendar.monthrange(year, month)[1]
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None
