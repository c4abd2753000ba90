from __future__ import annotations

from django import template

from wijkvoucher.reports.chart import value_text
from wijkvoucher.reports.sections.base import Kind, Value

register = template.Library()


@register.filter
def report_cell(value: Value, kind: Kind) -> str:
    """A table cell of a report section, written for the page."""
    return value_text(value, Kind(kind))


@register.filter
def cells(
    row: tuple[Value, ...], columns: tuple[object, ...]
) -> list[tuple[Value, object]]:
    """A row's values paired with their columns."""
    return list(zip(row, columns, strict=False))
