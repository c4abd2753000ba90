"""A server-drawn step chart of a budget period over time (no JavaScript): inline SVG
with ``role="img"``, a ``<title>`` and a ``<desc>``. The data table next to it is
the accessible version; lines differ by dash pattern as well as colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.vouchers.selectors_budget import SeriesPoint

WIDTH = 640
HEIGHT = 260
LEFT = 8
RIGHT = 8
TOP = 30  # room above the plot for the top value's label
BOTTOM = 86  # room for the date labels and the legend


@dataclass(frozen=True)
class Line:
    field: str
    label: str
    colour: str
    dash: str


def _y(value: int, top_value: int) -> float:
    plot = HEIGHT - TOP - BOTTOM
    if top_value <= 0:
        return float(TOP + plot)
    return TOP + plot - plot * max(value, 0) / top_value


def _step_path(values: Sequence[int], xs: Sequence[float], top_value: int) -> str:
    parts = [f"M{xs[0]:.1f},{_y(values[0], top_value):.1f}"]
    for i in range(1, len(values)):
        parts.append(f"H{xs[i]:.1f}")
        parts.append(f"V{_y(values[i], top_value):.1f}")
    parts.append(f"H{WIDTH - RIGHT:.1f}")
    return " ".join(parts)


def budget_chart_svg(
    *,
    points: Sequence[SeriesPoint],
    lines: Sequence[Line],
    title: str,
    description: str,
    chart_id: str = "budget-chart",
) -> SafeString:
    """The SVG, or an empty string without points."""
    if not points:
        return mark_safe("")
    top_value = max(
        [1] + [int(getattr(p, line.field)) for p in points for line in lines]
    )
    plot_width = WIDTH - LEFT - RIGHT
    count = len(points)
    xs = [
        LEFT + (plot_width * i / (count - 1) if count > 1 else 0.0)
        for i in range(count)
    ]
    base = HEIGHT - BOTTOM
    body: list[str] = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6b6b6b" stroke-width="1"/>',
            LEFT,
            base,
            WIDTH - RIGHT,
            base,
        ),
        format_html(
            '<text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>',
            LEFT,
            base + 16,
            date_format(points[0].day, "j M Y"),
        ),
        format_html(
            '<text x="{}" y="{}" font-size="12" fill="#1a1a1a" '
            'text-anchor="end">{}</text>',
            WIDTH - RIGHT,
            base + 16,
            date_format(points[-1].day, "j M Y"),
        ),
        # The top value, above the plot, with a faint line at its height.
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c4cad3" '
            'stroke-width="1" stroke-dasharray="2 3"/>',
            LEFT,
            TOP,
            WIDTH - RIGHT,
            TOP,
        ),
        format_html(
            '<text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>',
            LEFT,
            TOP - 8,
            format_euro(top_value),
        ),
    ]
    for n, line in enumerate(lines):
        values = [int(getattr(p, line.field)) for p in points]
        body.append(
            format_html(
                '<path d="{}" fill="none" stroke="{}" stroke-width="3" '
                'stroke-dasharray="{}"/>',
                _step_path(values, xs, top_value),
                line.colour,
                line.dash,
            )
        )
        y = base + 36 + 16 * n
        body.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3" '
                'stroke-dasharray="{}"/>'
                '<text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>',
                LEFT,
                y - 4,
                LEFT + 36,
                y - 4,
                line.colour,
                line.dash,
                LEFT + 44,
                y,
                line.label,
            )
        )
    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc"
    return format_html(
        '<svg class="budget-series" viewBox="0 0 {} {}" width="100%" role="img" '
        'focusable="false" aria-labelledby="{} {}" '
        'preserveAspectRatio="xMinYMin meet">'
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
        "start": date_format(first.day, "j F Y"),
        "end": date_format(last.day, "j F Y"),
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
