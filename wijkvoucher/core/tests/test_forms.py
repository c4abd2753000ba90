"""EuroField: people type euros the Dutch way, the code gets integer cents."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkvoucher.core.forms import EuroField, parse_euro_cents


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("45000", 4_500_000),
        ("45.000", 4_500_000),
        ("45.000,00", 4_500_000),
        ("€ 45.000", 4_500_000),
        ("€\u00a045.000,-", 4_500_000),
        ("  45 000 ", 4_500_000),
        ("12,5", 1_250),
        ("12,50", 1_250),
        ("12.50", 1_250),
        ("12.500", 1_250_000),
        ("1.234.567,89", 123_456_789),
        ("0,01", 1),
        ("0", 0),
        ("12,-", 1_200),
    ],
)
def test_parse_euro_cents_reads_dutch_amounts(text: str, cents: int) -> None:
    # when
    result = parse_euro_cents(text)
    # then
    assert result == cents
    assert type(result) is int


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-5", "negative"),
        ("€ -45.000", "negative"),
        ("\u22125", "negative"),
        ("12,505", "decimals"),
        ("12,500", "decimals"),
        ("0,001", "decimals"),
        ("1.5", "invalid"),
        ("1.234.56", "invalid"),
        ("4.5000", "invalid"),
        ("12,", "invalid"),
        ("1,2,3", "invalid"),
        ("12.50,00", "invalid"),
        ("12.5.0", "invalid"),
        ("abc", "invalid"),
        ("5 euro", "invalid"),
        ("1e3", "invalid"),
        ("\u0661\u0662", "invalid"),
        ("", "invalid"),
        ("9" * 31, "invalid"),
    ],
)
def test_parse_euro_cents_refuses(text: str, code: str) -> None:
    # when
    with pytest.raises(ValidationError) as exc:
        parse_euro_cents(text)
    # then
    assert exc.value.code == code


def test_the_error_is_plain_dutch() -> None:
    # when
    with translation.override("nl"), pytest.raises(ValidationError) as exc:
        parse_euro_cents("twaalf")
    # then
    assert exc.value.messages == ["Vul een bedrag in euro's in, zoals 45.000 of 12,50."]


class _Form(forms.Form):
    amount = EuroField()
    optional = EuroField(required=False)


def test_euro_field_cleans_to_cents_and_empty_to_none() -> None:
    # when
    form = _Form(data={"amount": "45.000", "optional": ""})
    # then
    assert form.is_valid()
    assert form.cleaned_data == {"amount": 4_500_000, "optional": None}


def test_euro_field_refuses_with_the_message() -> None:
    # when
    with translation.override("en"):
        form = _Form(data={"amount": "-5", "optional": "12,505"})
        valid = form.is_valid()
        errors = {name: list(messages) for name, messages in form.errors.items()}
    # then
    assert valid is False
    message = "Enter an amount in euros, such as 45.000 or 12,50."
    assert errors == {"amount": [message], "optional": [message]}


def test_euro_field_shows_cents_as_euros() -> None:
    # when
    form = _Form(initial={"amount": 4_500_000, "optional": 1_250})
    # then
    assert form["amount"].value() == "45.000"
    assert 'value="45.000"' in str(form["amount"])
    assert 'value="12,50"' in str(form["optional"])
    assert 'inputmode="decimal"' in str(form["amount"])


def test_euro_field_same_amount_in_other_notation_is_no_change() -> None:
    # when
    form = _Form(
        initial={"amount": 4_500_000, "optional": None},
        data={"amount": "€ 45.000,00", "optional": ""},
    )
    # then
    assert form.changed_data == []


@given(st.integers(min_value=0, max_value=10**15))
def test_what_the_field_shows_it_reads_back(cents: int) -> None:
    # when
    shown = EuroField().prepare_value(cents)
    # then
    assert parse_euro_cents(shown) == cents
