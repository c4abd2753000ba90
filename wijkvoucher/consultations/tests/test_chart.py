"""The result chart: one bar per option in an SVG without text, the labels as HTML,
chosen options marked by more than colour, everything escaped; and the table rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils import translation

import pytest

from wijkvoucher.consultations.chart import (
    BAR,
    POINTS,
    ROW,
    WIDTH,
    ChartOption,
    result_chart,
    result_table,
)
from wijkvoucher.core.money import NBSP

OPTIONS = [
    ChartOption(11, "Bankjes", 250_000, 40, True),
    ChartOption(12, "Speeltuin", 1_200_000, 120, True),
    ChartOption(13, "Moestuin", 300_000, 40, False),
    ChartOption(14, "Kunst", 900_000, 0, False),
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _svg(html: str) -> str:
    match = re.search(r"<svg .*?</svg>", html, flags=re.S)
    assert match is not None
    return match.group(0)


def test_one_bar_per_option_scaled_to_the_most_votes() -> None:
    # when
    html = str(result_chart(OPTIONS, budget_cents=2_000_000))

    # then: most votes first, equal counts in the order given; no bar for 0 votes
    svg = _svg(html)
    bars = re.findall(r'<rect class="([^"]*)" x="1" y="(\d+)" width="([\d.]+)"', svg)
    assert bars == [
        (
            "result-chart__bar result-chart__bar--selected",
            str((ROW - BAR) // 2),
            "638.0",
        ),
        (
            "result-chart__bar result-chart__bar--selected",
            str(ROW + (ROW - BAR) // 2),
            f"{(WIDTH - 2) * 40 / 120:.1f}",
        ),
        ("result-chart__bar", str(2 * ROW + (ROW - BAR) // 2), f"{638 * 40 / 120:.1f}"),
    ]
    assert f'viewBox="0 0 {WIDTH} {4 * ROW}"' in svg
    titles = re.findall(r'<span class="result-chart__title">([^<]*)</span>', html)
    assert titles == ["Speeltuin", "Bankjes", "Moestuin", "Kunst"]


def test_the_svg_is_an_image_with_a_name_and_a_description_and_no_text() -> None:
    # when
    svg = _svg(str(result_chart(OPTIONS, budget_cents=2_000_000, chart_id="uitslag")))

    # then
    assert 'role="img"' in svg
    assert 'aria-labelledby="uitslag-title uitslag-desc"' in svg
    assert '<title id="uitslag-title">Votes per plan</title>' in svg
    assert (
        '<desc id="uitslag-desc">2 of 4 plans chosen. The table below gives every '
        "value.</desc>"
    ) in svg
    assert "<text" not in svg
    assert 'preserveAspectRatio="none"' in svg
    assert svg.count('vector-effect="non-scaling-stroke"') == 4


def test_chosen_options_differ_in_fill_outline_and_words() -> None:
    # when
    html = str(result_chart(OPTIONS, budget_cents=2_000_000))

    # then
    fills = re.findall(r'fill="(#[0-9a-f]+)" stroke="(#[0-9a-f]+)"', _svg(html))
    assert fills == [("#1b3f73", "#1b3f73")] * 2 + [("#e8eef7", "#5c6570")]
    values = re.findall(r'<span class="result-chart__value">([^<]*)</span>', html)
    assert values == [
        "120 votes · chosen",
        "40 votes · chosen",
        "40 votes",
        "0 votes",
    ]
    assert '<ol class="result-chart__labels" aria-hidden="true">' in html


def test_the_caption_gives_the_budget_used_and_left() -> None:
    # when
    html = str(result_chart(OPTIONS, budget_cents=2_000_000)).replace(NBSP, " ")

    # then
    assert (
        '<figcaption class="result-chart__caption">Budget € 20.000. The chosen plans '
        "cost € 14.500 together. Left over: € 5.500.</figcaption>"
    ) in html


def test_a_poll_without_budget_has_no_caption_and_points_say_points() -> None:
    # when
    html = str(
        result_chart(OPTIONS[:1], budget_cents=None, measure=POINTS, title="Punten")
    )

    # then
    assert "figcaption" not in html
    assert "40 points · chosen" in html
    assert ">Punten</title>" in html


def test_every_text_is_escaped() -> None:
    # given
    evil = ChartOption(1, '<script>alert("x")</script>', 100, 3, False)

    # when
    html = str(result_chart([evil], budget_cents=None, title="<b>t</b>"))

    # then
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;t&lt;/b&gt;" in html


def test_no_options_no_chart() -> None:
    assert str(result_chart([], budget_cents=100)) == ""


def test_dutch_numbers_group_thousands() -> None:
    # when
    with translation.override("nl"):
        html = str(
            result_chart([ChartOption(1, "A", 1, 1234, True)], budget_cents=None)
        )

    # then: the Dutch words come with the catalogue, the number format with Django
    assert "1.234" in html


def test_the_table_rows_follow_the_chart() -> None:
    # when
    table = result_table(OPTIONS, budget_cents=2_000_000)

    # then
    assert table.headers == ("Plan", "Cost", "Votes", "Result")
    assert [
        (
            r.rank,
            r.id,
            r.title,
            r.cost_text.replace(NBSP, " "),
            r.count_text,
            r.result_text,
        )
        for r in table.rows
    ] == [
        (1, 12, "Speeltuin", "€ 12.000", "120 votes", "Chosen"),
        (2, 11, "Bankjes", "€ 2.500", "40 votes", "Chosen"),
        (3, 13, "Moestuin", "€ 3.000", "40 votes", "Not chosen"),
        (4, 14, "Kunst", "€ 9.000", "0 votes", "Not chosen"),
    ]
    assert table.caption.replace(NBSP, " ") == (
        "Budget € 20.000. The chosen plans cost € 14.500 together. Left over: € 5.500."
    )
    assert result_table(OPTIONS, budget_cents=None, measure=POINTS).headers[2] == (
        "Points"
    )
