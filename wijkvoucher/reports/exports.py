"""A section as CSV, and the whole report as XLSX (openpyxl), one sheet per section.

CSV (for programs): the header is the columns' stable keys; amounts in whole cents
(the keys end in ``_cents``), percentages and days as whole numbers, dates as
YYYY-MM-DD, no value as an empty cell. XLSX (for people): the header in the reader's
language, amounts in euros with the euro format. Text a spreadsheet would run as a
formula gets a leading apostrophe in both (CSV injection)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from wijkvoucher.consultations.published import csv_text
from wijkvoucher.reports.sections.base import Kind, Section, Value

EURO_FORMAT = '"€" #,##0.00'
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def section_csv(section: Section) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.key for column in section.columns])
    for row in section.rows:
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue()


def _sheet_name(section: Section, used: set[str]) -> str:
    name = section.title.translate(SHEET_NAME_FORBIDDEN).strip()[:SHEET_NAME_MAX]
    base, n = name, 2
    while name.lower() in used:
        suffix = f" {n}"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def report_xlsx(*, title: str, sections: Sequence[Section]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    book.properties.creator = "wijkvoucher"
    used: set[str] = set()
    for section in sections:
        sheet = book.create_sheet(_sheet_name(section, used))
        sheet.append([column.label for column in section.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section.rows:
            sheet.append([None] * len(section.columns))
            for column_index, (value, column) in enumerate(
                zip(row, section.columns, strict=False), start=1
            ):
                cell = sheet.cell(row=sheet.max_row, column=column_index)
                if isinstance(value, str):
                    cell.value = csv_text(value)
                    cell.data_type = "s"
                elif column.kind == Kind.CENTS and isinstance(value, int):
                    cell.value = value / 100
                    cell.number_format = EURO_FORMAT
                else:
                    cell.value = value
                    if isinstance(value, dt.date):
                        cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        for index, column in enumerate(section.columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = max(
                12, min(40, len(column.label) + 2)
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
