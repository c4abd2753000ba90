"""Reading the list of eligible voters from a CSV export of the population register
(BRP).

``register_parse`` reads what a municipality's export tool writes: ``;`` (usual in the
Netherlands), ``,`` or tab between cells; UTF-8 with or without a byte-order mark,
UTF-16 (Excel's "Unicode text") or Windows-1252; column names in Dutch or English in
any case and spelling (``Huisnummertoevoeging``, ``huisnr``, ``Date of birth``;
``register_columns.py``). Columns it does not know (BSN, sex, ...) are skipped and
never kept. Every row is checked and every problem is reported with its line and
column, in plain Dutch; a file with any error imports nothing (the service refuses the
whole list).

Addresses are normalised with ``neighbourhoods.validators``, the functions a resident's
own address goes through, so that the same address gives the same identity on both
sides (``Credential.person_digest``). ``eligibility.register_select`` then chooses who
gets a letter.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkvoucher.consultations.register_columns import (
    birth_date_parse,
    delimiter_of,
    header_columns,
    is_separator_line,
)
from wijkvoucher.consultations.rows import RegisterRow
from wijkvoucher.neighbourhoods.validators import (
    normalise_house_letter,
    normalise_house_number,
    normalise_house_number_addition,
    normalise_postcode,
    normalise_text,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
# After this many errors the rest are counted, not listed: a wrong file gives one
# screen of errors, not a hundred thousand.
MAX_ERRORS = 100
NAME_MAX = 200
STREET_MAX = 120
CITY_MAX = 80

T = TypeVar("T")


@dataclass(frozen=True)
class RowError:
    """One problem: the line of the file it is on (0 for the file as a whole) and
    what is wrong, in the interface language."""

    line: int
    message: str


@dataclass(frozen=True)
class ParseResult:
    rows: list[RegisterRow]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _file_error(message: str) -> ParseResult:
    return ParseResult(rows=[], errors=[RowError(0, message)])


def _decode(data: bytes) -> str | None:
    """The text of the file, or ``None`` when it is no text in a known encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


class _Row:
    """One data row being read: its cells by canonical column, and its errors."""

    def __init__(self, line: int, cells: dict[str, str], names: dict[str, str]) -> None:
        self.line = line
        self.cells = cells
        self.names = names
        self.errors: list[RowError] = []

    def problem(self, column: str, message: str) -> None:
        self.errors.append(
            RowError(
                self.line,
                _("Line %(line)s, column “%(column)s”: %(problem)s")
                % {
                    "line": self.line,
                    "column": self.names.get(column, column),
                    "problem": message,
                },
            )
        )

    def value(
        self, column: str, clean: Callable[[str], T], default: T, required: bool
    ) -> T:
        text = self.cells.get(column, "").strip()
        if not text:
            if required:
                self.problem(column, _("This cell is empty."))
            return default
        try:
            return clean(text)
        except ValidationError as exc:
            self.problem(column, " ".join(exc.messages))
            return default


def _name(row: _Row, require_name: bool) -> str:
    def text(column: str) -> str:
        return row.value(
            column, lambda v: normalise_text(v, max_length=NAME_MAX), "", False
        )

    if "name" in row.names:
        name = row.value(
            "name", lambda v: normalise_text(v, max_length=NAME_MAX), "", require_name
        )
        return " ".join(name.split())
    parts = (text("given_names"), text("prefix"), text("surname"))
    if require_name and not parts[2] and "surname" in row.names:
        row.problem("surname", _("This cell is empty."))
    return " ".join(" ".join(parts).split())


def _date(row: _Row, today: dt.date) -> dt.date | None:
    def clean(text: str) -> dt.date:
        day = birth_date_parse(text)
        if day is None:
            raise ValidationError(
                _("“%(value)s” is not a date. Write it like 31-12-1990.")
                % {"value": text[:40]}
            )
        if day > today:
            raise ValidationError(
                _("The birth date %(value)s is in the future.") % {"value": text}
            )
        return day

    if "birth_date" not in row.names:
        return None
    return row.value("birth_date", clean, None, True)


def _read_row(row: _Row, *, today: dt.date, require_name: bool) -> RegisterRow | None:
    name = _name(row, require_name)
    street = row.value(
        "street", lambda v: normalise_text(v, max_length=STREET_MAX), "", True
    )
    house_number = row.value("house_number", normalise_house_number, 0, True)
    house_letter = row.value("house_letter", normalise_house_letter, "", False)
    addition = row.value("addition", normalise_house_number_addition, "", False)
    postcode = row.value("postcode", normalise_postcode, "", True)
    city = row.value("city", lambda v: normalise_text(v, max_length=CITY_MAX), "", True)
    birth_date = _date(row, today)
    if row.errors:
        return None
    return RegisterRow(
        name=name,
        street=" ".join(street.split()),
        house_number=house_number,
        house_letter=house_letter,
        addition=addition,
        postcode=postcode,
        city=" ".join(city.split()),
        birth_date=birth_date,
        line=row.line,
    )


def register_parse(
    data: bytes, *, today: dt.date | None = None, require_name: bool = True
) -> ParseResult:
    """The rows of a register export and every problem found in it.

    ``require_name``: every row needs a name (one letter per resident); an export of
    addresses only is read with ``False`` (one letter per household). Errors on line 0
    are about the file as a whole. The rows are only meant for use when there are no
    errors at all."""
    today = today or timezone.localdate()
    if len(data) > MAX_BYTES:
        return _file_error(
            _("The file is larger than %(megabytes)s MB. Split the list in two.")
            % {"megabytes": MAX_BYTES // (1024 * 1024)}
        )
    if data.startswith(b"PK\x03\x04"):
        return _file_error(
            _(
                "This is an Excel file, not a CSV file. In Excel, choose “Save as” "
                "and then “CSV”."
            )
        )
    text = _decode(data)
    if text is None:
        return _file_error(
            _("The file cannot be read as text. Save it as CSV (UTF-8) and try again.")
        )
    if not text.strip():
        return _file_error(_("The file is empty."))
    return _parse_text(text, today=today, require_name=require_name)


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | None]]:
    """The rows that are not empty, each with the line it starts on; ``None`` for a
    row the csv module cannot read (a stray double quote), after which reading ends."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 0
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                yield start, cells
    except csv.Error:
        yield line + 1, None


def _quotes_error(line: int) -> RowError:
    return RowError(
        line,
        _("Line %(line)s cannot be read: check the double quotes in this line.")
        % {"line": line},
    )


class _Found:
    """The rows read and the errors, up to ``MAX_ERRORS`` listed."""

    def __init__(self) -> None:
        self.rows: list[RegisterRow] = []
        self.errors: list[RowError] = []
        self.more_errors = 0

    def add(self, errors: list[RowError], row: RegisterRow | None) -> None:
        if row is not None:
            self.rows.append(row)
        elif len(self.errors) + len(errors) <= MAX_ERRORS:
            self.errors.extend(errors)
        else:
            self.more_errors += 1

    def result(self) -> ParseResult:
        if self.more_errors:
            self.errors.append(
                RowError(
                    0,
                    ngettext(
                        "%(count)s more row has errors. Correct the errors above and "
                        "check the whole file again.",
                        "%(count)s more rows have errors. Correct the errors above and "
                        "check the whole file again.",
                        self.more_errors,
                    )
                    % {"count": self.more_errors},
                )
            )
        if not self.rows and not self.errors:
            return _file_error(
                _("The file has only the column names and no residents or addresses.")
            )
        return ParseResult(rows=self.rows, errors=self.errors)


def _parse_text(text: str, *, today: dt.date, require_name: bool) -> ParseResult:
    records = _records(text, delimiter_of(text))
    header: list[str] | None = None
    for start, cells in records:
        if cells is None:
            return ParseResult(rows=[], errors=[_quotes_error(start)])
        if not is_separator_line(cells):
            header = cells
            break
    if header is None:
        return _file_error(_("The file is empty."))
    index, names, header_errors = header_columns(
        header, start, require_name=require_name
    )
    if header_errors:
        return ParseResult(rows=[], errors=[RowError(start, e) for e in header_errors])
    found = _Found()
    for count, (line, cells) in enumerate(records, start=1):
        if count > MAX_ROWS:
            return _file_error(
                _("The file has more than %(rows)s rows. Split the list in two.")
                % {"rows": number_format(MAX_ROWS, force_grouping=True)}
            )
        if cells is None:
            found.errors.append(_quotes_error(line))
            break
        found.add(
            *_one_row(cells, line, index, names, len(header), today, require_name)
        )
    return found.result()


def _one_row(
    cells: list[str],
    line: int,
    index: dict[str, int],
    names: dict[str, str],
    width: int,
    today: dt.date,
    require_name: bool,
) -> tuple[list[RowError], RegisterRow | None]:
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        return [
            RowError(
                line,
                _(
                    "Line %(line)s has more cells than the first line has column "
                    "names. Is there a separator inside a name or address? Then put "
                    "that cell between double quotes."
                )
                % {"line": line},
            )
        ], None
    by_column = {
        column: cells[i] if i < len(cells) else "" for column, i in index.items()
    }
    row = _Row(line, by_column, names)
    result = _read_row(row, today=today, require_name=require_name)
    return row.errors, result
