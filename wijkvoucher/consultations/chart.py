"""The result of a vote as a server-drawn bar chart (no JavaScript) and as the rows of
the data table beside it.

The house way of the budget chart (``payments/chart.py``), which this module may not
import (consultations sits below payments): the SVG holds shapes only, stretches to the
width it gets (``preserveAspectRatio="none"``, strokes that keep their width) and has
``role="img"`` with a ``<title>`` and a ``<desc>``; every word and number is HTML text
beside it, which keeps the page's font size on a phone; the table holds every value.

One bar per option, longest for the most votes (or points). A chosen (funded) option is
a solid bar in the theme's primary colour and says "chosen" in its label; the others
are light bars with a dark outline, so the difference does not rest on colour alone.
The caption gives the budget, what the chosen options cost together and what is left.

The page's stylesheet lays the labels and the bars side by side, row for row::

    .result-chart__plot { position: relative; }
    .result-chart__labels { display: grid; grid-auto-rows: 1fr; inline-size: 50%;
                            list-style: none; margin: 0; padding: 0; }
    .result-chart__bars { position: absolute; inset-block: 0; inset-inline: 52% 0;
                          block-size: 100%; inline-size: 48%; overflow: visible; }

(equal rows, so bar *i*, drawn at row *i* of the SVG, sits beside label *i*).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkvoucher.core.money import format_euro

VOTES = "votes"
POINTS = "points"

# The drawing's own coordinates; CSS gives the SVG its size.
WIDTH = 640
ROW = 40
BAR = 24
# Colours of the theme (static/css/theme.css).
PRIMARY = "#1b3f73"  # --wv-color-primary
PRIMARY_LIGHT = "#e8eef7"  # --wv-color-primary-light
BORDER_STRONG = "#5c6570"  # --wv-color-border-strong: 5.9:1 on white


@dataclass(frozen=True)
class ChartOption:
    """One option of the result: its id, title, cost, votes (or points) and whether
    the rule chose (funded) it."""

    id: str | int
    title: str
    cost_cents: int
    votes: int
    selected: bool


@dataclass(frozen=True)
class TableRow:
    rank: int
    id: str | int
    title: str
    cost_cents: int
    cost_text: str
    count: int
    count_text: str
    selected: bool
    result_text: str


@dataclass(frozen=True)
class ResultTable:
    """The data table: caption, column headers and one row per option."""

    caption: str
    headers: tuple[str, str, str, str]
    rows: tuple[TableRow, ...]


def ordered(options: Sequence[ChartOption]) -> list[ChartOption]:
    """Most votes first; equal counts keep the order given (the drawn order)."""
    return sorted(options, key=lambda option: -option.votes)


def count_text(count: int, measure: str = VOTES) -> str:
    number = number_format(count, force_grouping=True)
    if measure == POINTS:
        return ngettext("%(count)s point", "%(count)s points", count) % {
            "count": number
        }
    return ngettext("%(count)s vote", "%(count)s votes", count) % {"count": number}


def budget_caption(options: Sequence[ChartOption], budget_cents: int | None) -> str:
    """The budget, what the chosen options cost together and what is left; empty
    without a budget (an advisory poll)."""
    if budget_cents is None:
        return ""
    used = sum(option.cost_cents for option in options if option.selected)
    return _(
        "Budget %(budget)s. The chosen plans cost %(used)s together. Left over: "
        "%(left)s."
    ) % {
        "budget": format_euro(budget_cents),
        "used": format_euro(used),
        "left": format_euro(budget_cents - used),
    }


def _bar(index: int, option: ChartOption, top: int) -> SafeString:
    length = (WIDTH - 2) * max(option.votes, 0) / top if top > 0 else 0.0
    if length <= 0:
        return mark_safe("")
    fill, stroke = (
        (PRIMARY, PRIMARY) if option.selected else (PRIMARY_LIGHT, BORDER_STRONG)
    )
    return format_html(
        '<rect class="result-chart__bar{}" x="1" y="{}" width="{}" height="{}" '
        'fill="{}" stroke="{}" stroke-width="1.5" vector-effect="non-scaling-stroke"/>',
        " result-chart__bar--selected" if option.selected else "",
        index * ROW + (ROW - BAR) // 2,
        f"{length:.1f}",
        BAR,
        fill,
        stroke,
    )


def _labels(rows: Sequence[ChartOption], measure: str) -> SafeString:
    chosen = _("chosen")
    return format_html_join(
        "",
        '<li class="result-chart__label{}"><span class="result-chart__title">{}</span> '
        '<span class="result-chart__value">{}</span></li>',
        (
            (
                " result-chart__label--selected" if option.selected else "",
                option.title,
                f"{count_text(option.votes, measure)} · {chosen}"
                if option.selected
                else count_text(option.votes, measure),
            )
            for option in rows
        ),
    )


def result_chart(
    options: Sequence[ChartOption],
    *,
    budget_cents: int | None,
    measure: str = VOTES,
    title: str | None = None,
    chart_id: str = "result-chart",
) -> SafeString:
    """The chart as HTML (a figure with the labels, the SVG and the caption), or an
    empty string without options."""
    if not options:
        return mark_safe("")
    rows = ordered(options)
    top = max(option.votes for option in rows)
    height = ROW * len(rows)
    chosen = sum(option.selected for option in rows)
    title = title or (
        _("Points per plan") if measure == POINTS else _("Votes per plan")
    )
    description = ngettext(
        "%(chosen)s of %(total)s plan chosen. The table below gives every value.",
        "%(chosen)s of %(total)s plans chosen. The table below gives every value.",
        len(rows),
    ) % {"chosen": chosen, "total": len(rows)}
    bars = [_bar(i, option, top) for i, option in enumerate(rows)]
    axis = format_html(
        '<line x1="1" y1="0" x2="1" y2="{}" stroke="{}" stroke-width="1" '
        'vector-effect="non-scaling-stroke"/>',
        height,
        BORDER_STRONG,
    )
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    svg = format_html(
        '<svg class="result-chart__bars" viewBox="0 0 {} {}" preserveAspectRatio="none" '
        'height="{}" role="img" focusable="false" aria-labelledby="{} {}">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}{}</svg>',
        WIDTH,
        height,
        height,
        title_id,
        desc_id,
        title_id,
        title,
        desc_id,
        description,
        mark_safe("".join(bars)),  # noqa: S308 - every part escaped by format_html
        axis,
    )
    caption = budget_caption(options, budget_cents)
    # The labels repeat what the SVG's description and the table say, so screen
    # readers skip them (aria-hidden); they are for the eye.
    return format_html(
        '<figure class="result-chart" id="{}"><div class="result-chart__plot">'
        '<ol class="result-chart__labels" aria-hidden="true">{}</ol>{}</div>{}'
        "</figure>",
        chart_id,
        _labels(rows, measure),
        svg,
        format_html(
            '<figcaption class="result-chart__caption">{}</figcaption>', caption
        )
        if caption
        else "",
    )


def result_table(
    options: Sequence[ChartOption], *, budget_cents: int | None, measure: str = VOTES
) -> ResultTable:
    """The rows of the table beside the chart, in the chart's order."""
    rows = tuple(
        TableRow(
            rank=rank,
            id=option.id,
            title=option.title,
            cost_cents=option.cost_cents,
            cost_text=format_euro(option.cost_cents),
            count=option.votes,
            count_text=count_text(option.votes, measure),
            selected=option.selected,
            result_text=_("Chosen") if option.selected else _("Not chosen"),
        )
        for rank, option in enumerate(ordered(options), start=1)
    )
    return ResultTable(
        caption=budget_caption(options, budget_cents),
        headers=(
            _("Plan"),
            _("Cost"),
            _("Points") if measure == POINTS else _("Votes"),
            _("Result"),
        ),
        rows=rows,
    )
