"""Form plumbing shared by every app: inputs carry the NL Design System classes and the
ARIA links to their hint and error that templates/includes/_field.html renders; and
``EuroField``, where people type euros and the code gets integer cents."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.money import format_euro_amount


class AccessibleFormMixin:
    """Mix into a Form: adds utrecht classes, aria-describedby and aria-invalid."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate()

    def _decorate(self) -> None:
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, field in form.fields.items():
            widget = field.widget
            bound = form[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}-hint")
            if form.is_bound and name in form.errors:
                described.append(f"{bound.auto_id}-error")
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)
            # Keep the widget's own classes; ours are recomputed on every pass.
            css = " ".join(
                c
                for c in widget.attrs.get("class", "").split()
                if not c.startswith("utrecht-")
            )
            textbox = False
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                extra = "utrecht-checkbox utrecht-checkbox--html-input"
            elif isinstance(widget, forms.RadioSelect):
                extra = "utrecht-radio-button utrecht-radio-button--html-input"
            elif isinstance(widget, forms.Select):
                extra = "utrecht-select utrecht-select--html-select"
            elif isinstance(widget, forms.Textarea):
                extra = "utrecht-textarea utrecht-textarea--html-textarea"
            else:
                extra = "utrecht-textbox utrecht-textbox--html-input"
                textbox = True
            if textbox and form.is_bound and name in form.errors:
                extra += " utrecht-textbox--invalid"
            widget.attrs["class"] = f"{css} {extra}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self._decorate()


# Whole euros: plain digits, or digits grouped in threes by dots ("45.000").
_EUROS = r"(?P<euros>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)"
_WITH_COMMA = re.compile(rf"{_EUROS},(?P<decimals>[0-9]+|-|–)")
_WITHOUT_COMMA = re.compile(rf"{_EUROS}")
_DOT_DECIMALS = re.compile(r"(?P<euros>[0-9]+)\.(?P<decimals>[0-9]{2})")
_MAX_LENGTH = 30
_EURO_ERROR = _("Enter an amount in euros, such as 45.000 or 12,50.")


def parse_euro_cents(text: str) -> int:
    """Read an amount in euros as people in the Netherlands type it; return cents.

    The rule:
    - "€" and all whitespace are ignored: "€ 45.000" is "45.000".
    - A comma is the decimal sign, with one or two decimals: "12,5" and "12,50" are
      € 12,50. "12,-" means whole euros.
    - A dot groups thousands: "45.000" and "1.234.567,89". The groups after the first
      have exactly three digits.
    - Only when there is no comma, a single dot followed by exactly two digits at the
      end is a decimal point: "12.50" is € 12,50 (as a calculator or a bank's
      export writes it). "12.500" is twelve thousand five hundred euros.
    - Refused: negative amounts, more than two decimals ("12,505", also "12,500",
      which could be an English twelve thousand five hundred), and anything else.

    Raises ValidationError with code "negative", "decimals" or "invalid"."""
    compact = "".join(text.replace("€", " ").split())
    if compact.startswith(("-", "−")):
        raise ValidationError(_EURO_ERROR, code="negative")
    if len(compact) > _MAX_LENGTH:
        raise ValidationError(_EURO_ERROR, code="invalid")
    match = (
        _WITH_COMMA.fullmatch(compact)
        or _WITHOUT_COMMA.fullmatch(compact)
        or _DOT_DECIMALS.fullmatch(compact)
    )
    if match is None:
        raise ValidationError(_EURO_ERROR, code="invalid")
    euros = match["euros"].replace(".", "")
    decimals = match.groupdict().get("decimals") or "0"
    if decimals in ("-", "–"):
        decimals = "0"
    amount = Decimal(f"{euros}.{decimals}")
    exponent = amount.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -2:
        raise ValidationError(_EURO_ERROR, code="decimals")
    return int(amount * 100)


class EuroField(forms.Field):
    """An amount of money typed in euros ("45.000", "12,50"; see ``parse_euro_cents``
    for the rule) and cleaned to integer cents. It shows cents as euros the same way.
    Empty is ``None`` when the field is not required."""

    widget = forms.TextInput

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return format_euro_amount(value)
        return value

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        return parse_euro_cents(str(value))

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.TextInput):
            attrs.setdefault("inputmode", "decimal")
        return attrs


def error_text(exc: ValidationError) -> str:
    """A service's refusal as one line of text for a flash message."""
    return " ".join(str(message) for message in exc.messages)


def add_refusal(
    form: forms.Form, exc: ValidationError, fields: Mapping[str, str] | None = None
) -> None:
    """Put each problem of a service's refusal at the field it is about (``fields``
    maps a refusal code to a field name), the rest above the form. A refusal with
    several problems (``core.refusals.Refusals``) shows all of them at once."""
    fields = fields or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
        return
    for error in exc.error_list:
        field = fields.get(error.code or "")
        form.add_error(field if field in form.fields else None, error)
