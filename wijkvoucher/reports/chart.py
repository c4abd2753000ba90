"""A section's chart as HTML with inline SVG bars (no JavaScript). Every word and
number is HTML text, so it keeps the page's font size on a 360 px phone (the SVG
stretches; see payments/chart.py for why SVG text would shrink). The bars are hidden
from screen readers: the section's table right after holds the same numbers."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.reports.sections.base import Chart, Kind, Value


def value_text(value: Value, kind: Kind) -> str:
    """A cell as the page and the PDF write it; "–" for no value."""
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, str):
        return value
    if kind == Kind.CENTS:
        return format_euro(value)
    if kind == Kind.PERCENT:
        return f"{value}%"
    return str(value)


def chart_html(chart: Chart | None, *, chart_id: str) -> SafeString:
    """The bars of ``chart``, or nothing when it has no bar above zero."""
    if chart is None or chart.top <= 0:
        return mark_safe("")
    bars = format_html_join(
        "",
        '<li class="report-chart__item"><span class="report-chart__label">{}: '
        "<strong>{}</strong></span>"
        '<svg class="report-chart__track" viewBox="0 0 100 10" '
        'preserveAspectRatio="none" focusable="false">'
        '<rect class="report-chart__fill" x="0" y="0" width="{}" height="10"/>'
        '<rect class="report-chart__outline" x="0" y="0" width="100" height="10" '
        'vector-effect="non-scaling-stroke"/></svg></li>',
        (
            (bar.label, value_text(bar.value, chart.kind), chart.percent(bar))
            for bar in chart.bars
        ),
    )
    return format_html(
        '<figure class="report-chart" id="{}"><figcaption class="report-chart__title">'
        '{} <span class="report-chart__hint">{}</span></figcaption>'
        '<ul class="report-chart__bars" aria-hidden="true">{}</ul></figure>',
        chart_id,
        chart.title,
        _("(the table has the same numbers)"),
        bars,
    )
