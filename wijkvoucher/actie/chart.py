"""The letter scores as a server-drawn radar chart (no JavaScript), with the rows of
the data table beside it.

The house way of the project's charts (``consultations/chart.py``,
``payments/chart.py``): the SVG has ``role="img"`` with a ``<title>`` and a
``<desc>``, the table beside it holds every value, and lines differ by dash pattern
as well as colour. Unlike a bar chart a radar must keep its shape, so the SVG keeps
its aspect ratio and CSS caps its width (``.actie-radar``); the five axis letters
are short SVG text that stays readable at that size. Five axes, one per letter of
ACTIE, from 0 in the centre to 4 at the rim; rings at 1, 2, 3 and 4. The latest
assessment is a solid line with a light fill, the one before it a dashed line. An
unknown letter is drawn at the centre and says "unknown" in the table."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkvoucher.actie.constants import Letter
from wijkvoucher.actie.scoring import LetterScore

SIZE = 240
CENTRE = SIZE / 2
RADIUS = 88
TOP_SCORE = 4
PRIMARY = "#1b3f73"  # --wv-color-primary
PRIMARY_LIGHT = "#e8eef7"  # --wv-color-primary-light
BORDER_STRONG = "#5c6570"  # --wv-color-border-strong
GRID = "#c4cad3"


def _point(index: int, value: float, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * value / TOP_SCORE
    return CENTRE + r * math.cos(angle), CENTRE + r * math.sin(angle)


def _polygon(values: list[float]) -> str:
    return " ".join(
        f"{x:.1f},{y:.1f}"
        for x, y in (_point(i, v, len(values)) for i, v in enumerate(values))
    )


def _values(letters: Mapping[Letter, LetterScore]) -> list[float]:
    return [
        float(letters[letter].score or 0) if letter in letters else 0.0
        for letter in Letter
    ]


def score_text(score: Decimal | None) -> str:
    if score is None:
        return _("unknown")
    return number_format(score, decimal_pos=1)


def radar_chart(
    letters: Mapping[Letter, LetterScore],
    *,
    previous: Mapping[Letter, LetterScore] | None = None,
    title: str,
    chart_id: str = "actie-radar",
) -> SafeString:
    """The chart as HTML: the SVG and, when there is an earlier assessment, a legend."""
    count = len(Letter)
    grid = [
        format_html(
            '<polygon points="{}" fill="none" stroke="{}" stroke-width="1"/>',
            _polygon([float(level)] * count),
            GRID,
        )
        for level in range(1, TOP_SCORE + 1)
    ]
    axes = []
    for i, letter in enumerate(Letter):
        x, y = _point(i, TOP_SCORE, count)
        lx, ly = _point(i, TOP_SCORE + 0.7, count)
        axes.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="1"/><text x="{}" y="{}" text-anchor="middle" '
                'dominant-baseline="middle" font-size="16" font-weight="bold" '
                'fill="{}">{}</text>',
                CENTRE,
                CENTRE,
                f"{x:.1f}",
                f"{y:.1f}",
                GRID,
                f"{lx:.1f}",
                f"{ly:.1f}",
                BORDER_STRONG,
                letter.value,
            )
        )
    shapes = []
    if previous is not None:
        shapes.append(
            format_html(
                '<polygon class="actie-radar__previous" points="{}" fill="none" '
                'stroke="{}" stroke-width="2" stroke-dasharray="5 4"/>',
                _polygon(_values(previous)),
                BORDER_STRONG,
            )
        )
    shapes.append(
        format_html(
            '<polygon class="actie-radar__latest" points="{}" fill="{}" '
            'fill-opacity="0.6" stroke="{}" stroke-width="3"/>',
            _polygon(_values(letters)),
            PRIMARY_LIGHT,
            PRIMARY,
        )
    )
    description = _("Score per letter: %(scores)s. The table gives every value.") % {
        "scores": ", ".join(
            f"{letter.label} {score_text(letters[letter].score)}" for letter in Letter
        )
    }
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    svg = format_html(
        '<svg class="actie-radar__svg" viewBox="0 0 {} {}" role="img" '
        'focusable="false" aria-labelledby="{} {}"><title id="{}">{}</title>'
        '<desc id="{}">{}</desc>{}{}{}</svg>',
        SIZE,
        SIZE,
        title_id,
        desc_id,
        title_id,
        title,
        desc_id,
        description,
        mark_safe("".join(grid)),  # noqa: S308 - every part escaped by format_html
        mark_safe("".join(axes)),  # noqa: S308 - every part escaped by format_html
        mark_safe("".join(shapes)),  # noqa: S308 - every part escaped by format_html
    )
    legend = ""
    if previous is not None:
        legend = format_html(
            '<ul class="actie-radar__legend" aria-hidden="true">{}</ul>',
            format_html_join(
                "",
                '<li><svg width="36" height="8" viewBox="0 0 36 8" focusable="false">'
                '<line x1="0" y1="4" x2="36" y2="4" stroke="{}" stroke-width="3" '
                'stroke-dasharray="{}"/></svg> {}</li>',
                (
                    (PRIMARY, "none", _("this assessment")),
                    (BORDER_STRONG, "5 4", _("the one before")),
                ),
            ),
        )
    return format_html(
        '<figure class="actie-radar" id="{}">{}{}</figure>', chart_id, svg, legend
    )


@dataclass(frozen=True)
class TableRow:
    letter: Letter
    score_text: str
    previous_text: str
    scored_text: str
    flagged: bool


def radar_table(
    letters: Mapping[Letter, LetterScore],
    previous: Mapping[Letter, LetterScore] | None = None,
) -> list[TableRow]:
    return [
        TableRow(
            letter=letter,
            score_text=score_text(letters[letter].score),
            previous_text=score_text(previous[letter].score) if previous else "",
            scored_text=_("%(scored)s of %(items)s")
            % {"scored": letters[letter].scored, "items": letters[letter].items},
            flagged=letters[letter].flagged,
        )
        for letter in Letter
    ]
