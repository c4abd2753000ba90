"""Input validation for the officials' work list and plan file. The services check
again and decide; these forms only parse and give each field its own error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
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


class _ColleaguesByScope(ModelChoiceIterator):
    """The colleagues in two groups: the contact officials of the plan's wijk, then
    those who work for the whole municipality (``in_wijk`` from the selector)."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        wijk: list[Any] = []
        wide: list[Any] = []
        for user in self.queryset:
            (wijk if getattr(user, "in_wijk", False) else wide).append(
                self.choice(user)
            )
        if wijk:
            yield (getattr(self.field, "wijk_label", ""), wijk)
        if wide:
            yield (_("For the whole municipality"), wide)


class ColleagueField(forms.ModelChoiceField[User]):
    iterator = _ColleaguesByScope
    wijk_label: Any = _("Contact officials of this wijk")

    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class HandoverForm(OfficialActionForm):
    to_official = ColleagueField(
        label=_("New contact official"),
        queryset=User.objects.none(),
        empty_label=_("Choose a colleague"),
        help_text=_(
            "The contact officials of this wijk come first, then colleagues who work "
            "for the whole municipality."
        ),
        error_messages={
            "invalid_choice": _(
                "Choose a colleague from the list: a contact official of this wijk "
                "or of the whole municipality, not yourself."
            ),
            "required": _("Choose the colleague who takes over the plan."),
        },
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

    def __init__(
        self,
        *args: Any,
        candidates: QuerySet[User],
        wijk_name: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_official"]
        field.queryset = candidates  # type: ignore[attr-defined]
        if wijk_name and isinstance(field, ColleagueField):
            field.wijk_label = _("Contact officials of %(wijk)s") % {"wijk": wijk_name}
        # The mixin already validated against no candidates: validate again.
        self._errors = None
        for widget in (f.widget for f in self.fields.values()):
            widget.attrs.pop("aria-invalid", None)
            widget.attrs.pop("aria-describedby", None)
        self._decorate()
