"""Form plumbing shared by every app: inputs carry the NL Design System classes and the
ARIA links to their hint and error that templates/includes/_field.html renders; and
``EuroField``, where people type euros and the code gets integer cents."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.money import format_euro_amount
from wijkvoucher.core.security_events import refusal_note


class AccessibleFormMixin:
    """Mix into a Form: adds utrecht classes, aria-describedby and aria-invalid."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.configure_fields()
        self._decorate()

    def configure_fields(self) -> None:
        """Adjust the form's own copy of its fields (choices, which fields there
        are) before anything validates: decorating a bound form already cleans it."""

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


def _note_refusal(exc: ValidationError) -> None:
    """Every service refusal shown to someone leaves a trace (core.security_events):
    its first code."""
    first = exc.error_list[0] if not hasattr(exc, "error_dict") else exc
    refusal_note(f"refused.{getattr(first, 'code', None) or 'invalid'}")


def error_text(exc: ValidationError) -> str:
    """A service's refusal as one line of text for a flash message."""
    _note_refusal(exc)
    return " ".join(str(message) for message in exc.messages)


@dataclass(frozen=True)
class ErrorItem:
    """One line of an error summary: the message and the field it links to."""

    text: str
    href: str = ""


def _field_anchor(bound: forms.BoundField) -> str:
    """The id of the input a summary link should jump to: the first option of a
    group of radio buttons or checkboxes, else the input itself."""
    return bound.id_for_label or f"{bound.auto_id}_0"


def error_items(form: forms.BaseForm, *, prefix: str = "") -> list[ErrorItem]:
    """Every error of ``form`` as summary lines, in the order of the fields, each
    linking to its field; ``prefix`` names the row in a list of forms."""
    fields = list(form)
    first = f"#{_field_anchor(fields[0])}" if fields else ""
    items = [ErrorItem(f"{prefix}{error}", first) for error in form.non_field_errors()]
    for bound in fields:
        if bound.is_hidden:
            continue
        items.extend(
            ErrorItem(f"{prefix}{bound.label}: {error}", f"#{_field_anchor(bound)}")
            for error in bound.errors
        )
    return items


def _field_of(
    name: str | None,
    error: ValidationError,
    targets: tuple[forms.BaseForm, ...],
    fields: Mapping[str, str],
) -> tuple[forms.BaseForm, str | None]:
    """Where one problem goes: the field it is keyed by, or the field its code maps
    to, in the first form that has it; else above the last form."""
    field = name if name is not None else fields.get(error.code or "")
    for target in targets:
        if field is not None and field in target.fields:
            return target, field
    return targets[-1], None


def errors_to_forms(
    exc: ValidationError,
    *targets: forms.BaseForm,
    fields: Mapping[str, str] | None = None,
) -> None:
    """Put a service's refusal on the forms of a page, every problem at once: one
    keyed by a field (or whose code ``fields`` maps to a field) goes to the first
    form that has that field; the rest goes above the last form, the page's main
    one. A refusal with several problems (``core.refusals.Refusals``) shows all."""
    if not targets:
        raise ValueError("errors_to_forms needs at least one form")
    _note_refusal(exc)
    keyed: list[tuple[str | None, list[ValidationError]]] = (
        list(exc.error_dict.items())
        if hasattr(exc, "error_dict")
        else [(None, exc.error_list)]
    )
    for name, errors in keyed:
        for error in errors:
            target, field = _field_of(name, error, targets, fields or {})
            target.add_error(field, error)


def add_refusal(
    form: forms.Form, exc: ValidationError, fields: Mapping[str, str] | None = None
) -> None:
    """``errors_to_forms`` for a page with one form."""
    errors_to_forms(exc, form, fields=fields)
