"""Forms of the initiators' voucher pages and the official's issue page. Forms only
validate what was typed; the services decide."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin, parse_euro_cents


class BlockForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What happened?"),
        help_text=_("For example: lost, stolen, or someone else saw the code."),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


_SEPARATORS = re.compile(r"[;\n]+")


def parse_amount_list(text: str) -> list[int]:
    """Euro amounts separated by semicolons (or commas followed by a space, or new
    lines): "250; 200,50" → [25000, 20050]."""
    parts = [p.strip() for p in _SEPARATORS.split(re.sub(r",\s+", ";", text))]
    parts = [p for p in parts if p]
    if not parts:
        return []
    amounts: list[int] = []
    for part in parts:
        try:
            amounts.append(parse_euro_cents(part))
        except ValidationError:
            raise ValidationError(
                _(
                    "“%(part)s” is not an amount. Write amounts in euros separated by "
                    "a semicolon, such as 250; 200,50."
                ),
                code="invalid_split",
                params={"part": part},
            ) from None
    return amounts


class IssueForm(AccessibleFormMixin, forms.Form):
    split = forms.CharField(
        label=_("Own split"),
        help_text=_(
            "Leave empty to use the proposed split. Otherwise write the value of "
            "every voucher in euros, separated by a semicolon, such as 250; 200,50."
        ),
        required=False,
        max_length=500,
    )

    def clean_split(self) -> list[int]:
        return parse_amount_list(self.cleaned_data.get("split") or "")
