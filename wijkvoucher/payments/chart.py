"""A server-drawn step chart of a budget period over time (no JavaScript).

The lines are an inline SVG with ``role="img"``, a ``<title>`` and a ``<desc>``; the
data table next to it is the accessible version, and lines differ by dash pattern as
well as colour. Every word and number around the lines (the top value, the first and
last date, the legend) is HTML text next to the SVG, not SVG text: the SVG stretches to
the width it gets, so SVG text would shrink with it (to about 6 px on a phone), while
HTML text keeps the page's font size at every width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.payments.selectors.budget import SeriesPoint

# The drawing's own coordinates; CSS gives the SVG its size (full width, fixed height)
# and the strokes keep their width (vector-effect="non-scaling-stroke").
WIDTH = 640
HEIGHT = 160
TOP = 4  # the top value's line, just inside the drawing
BASE = HEIGHT - 2  # the zero line
SWATCH_WIDTH = 36


@dataclass(frozen=True)
class Line:
    field: str
    label: str
    colour: str
    dash: str


def _y(value: int, top_value: int) -> float:
    plot = BASE - TOP
    if top_value <= 0:
        return float(BASE)
    return BASE - plot * max(value, 0) / top_value


def _step_path(values: Sequence[int], xs: Sequence[float], top_value: int) -> str:
    parts = [f"M{xs[0]:.1f},{_y(values[0], top_value):.1f}"]
    for i in range(1, len(values)):
        parts.append(f"H{xs[i]:.1f}")
        parts.append(f"V{_y(values[i], top_value):.1f}")
    parts.append(f"H{WIDTH:.1f}")
    return " ".join(parts)


def _stroke(line: Line) -> SafeString:
    """The stroke attributes of a line: colour, width, dash pattern."""
    return format_html(
        'stroke="{}" stroke-width="3" stroke-dasharray="{}" '
        'vector-effect="non-scaling-stroke"',
        line.colour,
        line.dash,
    )


def _legend(lines: Sequence[Line]) -> SafeString:
    return format_html_join(
        "",
        '<li class="budget-series__key"><svg class="budget-series__swatch" '
        'width="{}" height="8" viewBox="0 0 {} 8" focusable="false">'
        '<line x1="0" y1="4" x2="{}" y2="4" {}/></svg>{}</li>',
        (
            (SWATCH_WIDTH, SWATCH_WIDTH, SWATCH_WIDTH, _stroke(line), line.label)
            for line in lines
        ),
    )


def budget_chart_svg(
    *,
    points: Sequence[SeriesPoint],
    lines: Sequence[Line],
    title: str,
    description: str,
    chart_id: str = "budget-chart",
) -> SafeString:
    """The chart (the SVG with its HTML labels), or an empty string without points."""
    if not points:
        return mark_safe("")
    top_value = max(
        [1] + [int(getattr(p, line.field)) for p in points for line in lines]
    )
    count = len(points)
    xs = [WIDTH * i / (count - 1) if count > 1 else 0.0 for i in range(count)]
    body: list[str] = [
        format_html(
            '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="#6b6b6b" stroke-width="1" '
            'vector-effect="non-scaling-stroke"/>',
            BASE,
            WIDTH,
            BASE,
        ),
        # A faint line at the height of the top value (written above the drawing).
        format_html(
            '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="#c4cad3" stroke-width="1" '
            'stroke-dasharray="2 3" vector-effect="non-scaling-stroke"/>',
            TOP,
            WIDTH,
            TOP,
        ),
    ]
    for line in lines:
        values = [int(getattr(p, line.field)) for p in points]
        body.append(
            format_html(
                '<path d="{}" fill="none" {}/>',
                _step_path(values, xs, top_value),
                _stroke(line),
            )
        )
    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    svg = format_html(
        '<svg class="budget-series" viewBox="0 0 {} {}" preserveAspectRatio="none" '
        'role="img" focusable="false" aria-labelledby="{} {}">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        title_id,
        desc_id,
        title_id,
        title,
        desc_id,
        description,
        mark_safe("".join(body)),  # noqa: S308 - every part escaped by format_html
    )
    # The labels repeat what the SVG's description and the table say, so screen
    # readers skip them (aria-hidden); they are for the eye.
    return format_html(
        '<div class="budget-series-chart" id="{}">'
        '<p class="budget-series__top" aria-hidden="true">{}</p>{}'
        '<p class="budget-series__axis" aria-hidden="true"><span>{}</span>'
        "<span>{}</span></p>"
        '<ul class="budget-series__legend" aria-hidden="true">{}</ul></div>',
        chart_id,
        format_euro(top_value),
        svg,
        date_format(points[0].day, "SHORT_DATE_FORMAT"),
        date_format(points[-1].day, "SHORT_DATE_FORMAT"),
        _legend(lines),
    )


def budget_period_chart(
    *, period_name: str, points: Sequence[SeriesPoint], chart_id: str = "budget-chart"
) -> SafeString:
    """The chart of one budget period, labelled in the active language."""
    if not points:
        return mark_safe("")
    first, last = points[0], points[-1]
    description = _(
        "From %(start)s to %(end)s. Available: from %(available_start)s to "
        "%(available_end)s. Reserved or on vouchers: %(committed)s. Spent: "
        "%(spent)s. The table below gives every value."
    ) % {
        "start": date_format(first.day),
        "end": date_format(last.day),
        "available_start": format_euro(first.available_cents),
        "available_end": format_euro(last.available_cents),
        "committed": format_euro(last.committed_cents),
        "spent": format_euro(last.spent_cents),
    }
    return budget_chart_svg(
        points=points,
        lines=[
            Line("available_cents", _("Available"), "#1b6e3a", "none"),
            Line("committed_cents", _("Reserved or on vouchers"), "#1b3f73", "8 4"),
            Line("spent_cents", _("Spent"), "#a33a00", "2 3"),
        ],
        title=_("Budget %(period)s over time") % {"period": period_name},
        description=description,
        chart_id=chart_id,
    )
