"""Input validation for the decision, cancellation and objection pages. The services
check again and decide; these forms only parse and give each field its own error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import EuroField
from wijkvoucher.decisions.constants import OBJECTION_DECIDED, ObjectionStatus
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.forms.official import TEXTAREA, OfficialActionForm

REASON_CHOICES = [("", _("Choose a reason")), *ReasonCode.choices]

# Which field a refusal of the service belongs to (by its code); others go on top.
DECISION_ERROR_FIELDS = {
    "unknown_outcome": "outcome",
    "invalid_status": "outcome",
    "award_not_full": "amount",
    "amount_invalid": "amount",
    "amount_above_maximum": "amount",
    "reason_required": "motivation",
    "unknown_reason": "reason_code",
    "public_explanation_required": "public_explanation",
    "deviation_unmotivated": "deviation_motivation",
    "wijk_deviation_unmotivated": "deviation_motivation",
    "budget_exhausted": "amount",
}


class DecisionForm(OfficialActionForm):
    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    amount = EuroField(
        label=_("Amount awarded (euros)"),
        required=False,
        help_text=_("Only for an award. A full award is the requested amount."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=REASON_CHOICES,
        help_text=_("Needed for a partial award and a rejection."),
    )
    motivation = forms.CharField(
        label=_("Motivation for the initiator"),
        max_length=4000,
        required=False,
        help_text=_(
            "Needed for a partial award and a rejection. Explain it in plain words: "
            "the initiator reads this in the decision."
        ),
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    public_explanation = forms.CharField(
        label=_("Explanation for the public page"),
        max_length=2000,
        required=False,
        help_text=_(
            "Needed for a partial award and a rejection. Without names, addresses or "
            "other personal data."
        ),
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    deviation_motivation = forms.CharField(
        label=_("Why the decision differs from the advice or the wijk"),
        max_length=4000,
        required=False,
        help_text=_(
            "Only when you do not follow the regiegroep's advice (Awb 3:50) or what "
            "the wijk said in a wijkraadpleging."
        ),
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(
        self, *args: Any, outcomes: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        if isinstance(field, forms.ChoiceField):
            field.choices = outcomes
        self._errors = None
        self._decorate()


class CancelForm(OfficialActionForm):
    reason_code = forms.ChoiceField(label=_("Reason"), choices=REASON_CHOICES)
    motivation = forms.CharField(
        label=_("Why the plan is not carried out"),
        max_length=4000,
        help_text=_("The initiator sees this, and the public page shows the reason."),
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class DecisionSearchForm(OfficialActionForm):
    number = forms.CharField(
        label=_("Number of the decision"),
        max_length=40,
        required=False,
        help_text=_("As in the objection letter, for example DIJKSTAD-2026-0003."),
    )


class ObjectionRegisterForm(OfficialActionForm):
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date the objection came in at the municipality."),
    )
    objector_name = forms.CharField(label=_("Name of the objector"), max_length=200)
    grounds = forms.CharField(
        label=_("Grounds of the objection"),
        max_length=8000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    advisory_committee = forms.BooleanField(
        label=_("An advisory committee hears the objection"),
        required=False,
        help_text=_("The decision term is then 12 weeks instead of 6."),
    )


class ObjectionExtendForm(OfficialActionForm):
    reason = forms.CharField(
        label=_("Why the decision is postponed"),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class ObjectionDecideForm(OfficialActionForm):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(s.value, s.label) for s in ObjectionStatus if s in OBJECTION_DECIDED],
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=8000,
        required=False,
        help_text=_("Needed unless the objection was withdrawn."),
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    decided_on = forms.DateField(
        label=_("Decided on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )
