"""Input validation for the regiegroep workspace. The services check again and
decide; these forms only parse and give each field its own error."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.forms import AccessibleFormMixin, EuroField
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.regiegroep.constants import (
    AdviceOutcome,
    ConflictKind,
    Opinion,
    VoteChoice,
)

TEXTAREA = {"rows": "4", "cols": "60"}


class ActionForm(AccessibleFormMixin, forms.Form):
    # As on the officials' plan file: no "required" attribute, the server refuses
    # empty required fields with a message at the field.
    use_required_attribute = False

    def _refresh(self) -> None:
        """After a field's choices changed in ``__init__``: forget the validation the
        mixin already ran against the old choices, and decorate again."""
        self._errors = None
        self._decorate()


class MeetingForm(ActionForm):
    held_on = forms.DateField(
        label=_("Date of the meeting"),
        help_text=_("For example 24-9-2026."),
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    starts_at_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Empty: the usual meeting place of the regiegroep."),
    )


class PersonField(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class AttendanceForm(ActionForm):
    present = PersonField(
        label=_("Who is present?"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(PersonField, self.fields["present"])
        field.queryset = members
        self._refresh()


class PlanField(forms.ModelChoiceField[Initiative]):
    def label_from_instance(self, obj: Initiative) -> str:
        return obj.title


class AgendaAddForm(ActionForm):
    initiative = PlanField(
        label=_("Plan"),
        queryset=Initiative.objects.none(),
        empty_label=_("Choose a plan"),
    )

    def __init__(self, *args: Any, plans: QuerySet[Initiative], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(PlanField, self.fields["initiative"])
        field.queryset = plans
        self._refresh()


class DeclarationForm(ActionForm):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a personal interest in this plan?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=_("What interest?"),
        required=False,
        choices=[("", _("Choose only if you answered yes")), *ConflictKind.choices],
    )
    note = forms.CharField(
        label=_("Explanation"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class AssessmentForm(ActionForm):
    opinion = forms.ChoiceField(
        label=_("Your opinion"), choices=Opinion.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Why?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class VoteForm(ActionForm):
    choice = forms.ChoiceField(
        label=_("Your vote on awarding this plan"),
        choices=VoteChoice.choices,
        widget=forms.RadioSelect,
    )


class AdviceForm(ActionForm):
    outcome = forms.ChoiceField(
        label=_("Advice"), choices=AdviceOutcome.choices, widget=forms.RadioSelect
    )
    amount_cents = EuroField(
        label=_("Amount for a partial award"),
        required=False,
        help_text=_("Only for a partial award: less than the amount asked for."),
    )
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("No reason (for a full award)")), *ReasonCode.choices],
        help_text=_("Needed for a partial award and for a rejection."),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=4000,
        help_text=_("In plain words: the initiator reads this."),
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    by_consensus = forms.BooleanField(
        label=_("Agreed by consensus, without a vote"), required=False
    )


class DeferForm(ActionForm):
    reason_code = forms.ChoiceField(
        label=_("Reason"), choices=[("", _("Choose a reason")), *ReasonCode.choices]
    )
    motivation = forms.CharField(
        label=_("Why is the plan deferred?"),
        max_length=4000,
        help_text=_("The initiator reads this."),
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class MinutesForm(ActionForm):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": "15", "cols": "80"}),
    )
