from django.template import Context, Template

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkvoucher.core.money import NBSP, format_euro


@pytest.mark.parametrize(
    ("cents", "expected"),
    [
        (0, "€ 0"),
        (1, "€ 0,01"),
        (500, "€ 5"),
        (1250, "€ 12,50"),
        (99_999, "€ 999,99"),
        (100_000, "€ 1.000"),
        (500_000, "€ 5.000"),
        (123_456_789, "€ 1.234.567,89"),
        (100_000_000_000, "€ 1.000.000.000"),
        (-500, "-€ 5"),
        (-123_456_789, "-€ 1.234.567,89"),
    ],
)
def test_format_euro(cents: int, expected: str) -> None:
    # when
    text = format_euro(cents)
    # then
    assert text.replace(NBSP, " ") == expected
    assert NBSP in text


@pytest.mark.parametrize("value", [1.5, "500", True])
def test_format_euro_refuses_non_integers(value: object) -> None:
    with pytest.raises(TypeError):
        format_euro(value)  # type: ignore[arg-type]


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_euro_round_trips(cents: int) -> None:
    # when
    text = format_euro(cents)
    # then
    number = text.replace("€", "").replace(NBSP, "").replace(".", "")
    euros, _sep, rest = number.partition(",")
    back = abs(int(euros)) * 100 + (int(rest) if rest else 0)
    assert (-back if number.startswith("-") else back) == cents


def test_euro_filter() -> None:
    # given
    template = Template("{% load money %}[{{ a|euro }}][{{ b|euro }}][{{ c|euro }}]")
    # when
    html = template.render(Context({"a": 1_234_567_89, "b": None, "c": 1250}))
    # then
    assert html.replace(NBSP, " ") == "[€ 1.234.567,89][][€ 12,50]"
