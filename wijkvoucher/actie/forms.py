"""The two ACTIE forms, built from the item table (``items.py``). Forms only
validate input; the services decide (docs/architecture.md#inside-an-app)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.actie.constants import (
    NOTE_MAX,
    POINTS_MAX,
    Letter,
    SupportRole,
    Variant,
)
from wijkvoucher.actie.items import Item, items_of
from wijkvoucher.actie.services import Answer
from wijkvoucher.core.forms import AccessibleFormMixin

UNKNOWN = "unknown"
SCORE_CHOICES = [
    ("1", _("1 · absent or weak")),
    ("2", _("2 · partly")),
    ("3", _("3 · mostly")),
    ("4", _("4 · clearly present")),
    (UNKNOWN, _("unknown or not applicable")),
]


class ActieForm(AccessibleFormMixin, forms.Form):
    """Every item of the variant (a score and a note), the ACTIE-punten per letter
    and the role chosen; the organisation form also asks for its period."""

    variant = Variant.FRONTLINE

    role_chosen = forms.ChoiceField(
        label=_("Role you choose"),
        choices=[("", _("not chosen yet")), *SupportRole.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "The page suggests a role from the scores. You decide which role fits."
        ),
    )

    def configure_fields(self) -> None:
        for item in items_of(self.variant):
            self.fields[f"score_{item.code}"] = forms.ChoiceField(
                label=f"{item.code}. {item.text}",
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score, or unknown.")},
            )
            self.fields[f"note_{item.code}"] = forms.CharField(
                label=_("Note on %(item)s") % {"item": item.code},
                required=False,
                max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for letter in Letter:
            self.fields[f"points_{letter.value}"] = forms.CharField(
                label=_("ACTIE-punten for %(letter)s") % {"letter": letter.label},
                required=False,
                max_length=POINTS_MAX,
                help_text=_("What will you do? Lines of thought and possible steps."),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        # The role question last.
        self.fields["role_chosen"] = self.fields.pop("role_chosen")

    def sections(self) -> list[dict[str, Any]]:
        """Per letter: its items' fields and its points field, for the template."""
        result = []
        for letter in Letter:
            items: list[Item] = [
                i for i in items_of(self.variant) if i.letter == letter
            ]
            result.append(
                {
                    "letter": letter,
                    "items": [
                        (self[f"score_{i.code}"], self[f"note_{i.code}"]) for i in items
                    ],
                    "points": self[f"points_{letter.value}"],
                }
            )
        return result

    def answers(self) -> dict[str, Answer]:
        data = self.cleaned_data
        return {
            item.code: Answer(
                score=None
                if data[f"score_{item.code}"] == UNKNOWN
                else int(data[f"score_{item.code}"]),
                note=data.get(f"note_{item.code}", ""),
            )
            for item in items_of(self.variant)
        }

    def points(self) -> dict[str, str]:
        return {
            letter.value: self.cleaned_data.get(f"points_{letter.value}", "")
            for letter in Letter
        }


class InitiativeActieForm(ActieForm):
    variant = Variant.FRONTLINE


class WijkActieForm(ActieForm):
    variant = Variant.ORGANISATION

    period_start = forms.DateField(
        label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    @staticmethod
    def default_period(today: dt.date) -> dict[str, dt.date]:
        return {
            "period_start": dt.date(today.year, 1, 1),
            "period_end": dt.date(today.year, 12, 31),
        }
