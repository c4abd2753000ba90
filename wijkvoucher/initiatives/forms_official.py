"""Input validation for the officials' work list and plan file. The services check
again and decide; these forms only parse and give each field its own error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.initiatives.constants import InitiativeStatus

TEXTAREA = {"rows": "4", "cols": "60"}


class OfficialActionForm(AccessibleFormMixin, forms.Form):
    # No "required" attribute: the NL Design System textarea turns red on :invalid,
    # which an empty required box is before anyone typed. Optional fields say so in
    # their label; the server refuses empty required fields with a message.
    use_required_attribute = False


class WorkListFilterForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All open plans"))]
        + [
            (value, label)
            for value, label in InitiativeStatus.choices
            if value != InitiativeStatus.DRAFT
        ],
    )


class InformationRequestForm(OfficialActionForm):
    message = forms.CharField(
        label=_("What should the initiator add?"),
        max_length=4000,
        help_text=_("The initiator sees this message in their plan."),
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class CheckForm(OfficialActionForm):
    note = forms.CharField(
        label=_("Note on the check"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class ColleagueField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class HandoverForm(OfficialActionForm):
    to_official = ColleagueField(
        label=_("New contact official"),
        queryset=User.objects.none(),
        empty_label=_("Choose a colleague"),
    )
    note = forms.CharField(
        label=_("Hand-over note"),
        max_length=4000,
        help_text=_(
            "For your colleague and the initiator: what has been discussed and "
            "what still needs doing."
        ),
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_official"]
        field.queryset = candidates  # type: ignore[attr-defined]
        # The mixin already validated against no candidates: validate again.
        self._errors = None
        for widget in (f.widget for f in self.fields.values()):
            widget.attrs.pop("aria-invalid", None)
            widget.attrs.pop("aria-describedby", None)
        self._decorate()
