"""The budget chart: lines in an SVG that stretches to the width it gets, and every
word and number around them as HTML text (which keeps its size on a phone), with dates
in the interface language."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import translation

from wijkvoucher.core.money import NBSP
from wijkvoucher.payments.chart import budget_period_chart
from wijkvoucher.payments.selectors.budget import SeriesPoint

POINTS = [
    SeriesPoint(dt.date(2026, 9, 18), 4_500_000, 0, 0),
    SeriesPoint(dt.date(2026, 10, 6), 4_038_500, 0, 461_500),
    SeriesPoint(dt.date(2026, 11, 27), 4_200_500, 98_000, 201_500),
]


def _chart(language: str) -> str:
    with translation.override(language):
        return str(budget_period_chart(period_name="2026", points=POINTS))


def test_the_svg_holds_no_text_that_would_shrink_with_it() -> None:
    html = _chart("nl")
    svg = re.search(r"<svg class=\"budget-series\".*?</svg>", html, flags=re.S)
    assert svg is not None
    assert "<text" not in svg.group(0)
    assert 'preserveAspectRatio="none"' in svg.group(0)
    # lines keep their width and pattern when the SVG stretches
    assert svg.group(0).count('vector-effect="non-scaling-stroke"') == 5


def test_dutch_labels_are_html_text_with_dutch_dates() -> None:
    html = _chart("nl").replace(NBSP, " ")
    assert '<p class="budget-series__top" aria-hidden="true">€ 45.000</p>' in html
    assert "<span>18 sep. 2026</span><span>27 nov. 2026</span>" in html
    for label in ("Beschikbaar", "Gereserveerd of op vouchers", "Besteed"):
        assert f"</svg>{label}</li>" in html
    # the accessible name and description of the picture, in full dates
    assert '<title id="budget-chart-title">Budget 2026 in de tijd</title>' in html
    assert "Van 18 september 2026 tot en met 27 november 2026." in html


def test_english_labels_use_english_dates() -> None:
    html = _chart("en")
    assert "<span>18 Sep 2026</span><span>27 Nov 2026</span>" in html
    assert "From 18 September 2026 to 27 November 2026." in html
    assert "</svg>Spent</li>" in html


def test_no_points_no_chart() -> None:
    assert str(budget_period_chart(period_name="2026", points=[])) == ""
