"""Forms of the execution and accountability pages. Forms only validate what was
typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.constants import MAX_PHOTOS, RecoveryReason
from wijkvoucher.core.forms import AccessibleFormMixin, EuroField

TEXT = {"rows": 4}


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS pictures from one input; none is fine."""

    widget = MultiplePhotoInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos"))
        kwargs.setdefault(
            "help_text",
            _("At most %(max)s photos, JPG, PNG or WebP.") % {"max": MAX_PHOTOS},
        )
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = "image/jpeg,image/png,image/webp"

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                _("Add at most %(max)s photos."),
                code="too_many_photos",
                params={"max": MAX_PHOTOS},
            )
        return [super(PhotosField, self).clean(f, initial) for f in files]


class ProgressUpdateForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=_("How is the plan going?"),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXT),
    )
    photos = PhotosField()
    public = forms.BooleanField(
        label=_("This message and its photos may be shown on the public page"),
        help_text=_("Only with permission of everyone who can be recognised."),
        required=False,
    )


class PlanChangeForm(AccessibleFormMixin, forms.Form):
    """The new amount of every budget line (fields ``line_<n>``), a new end date,
    and why."""

    ends_on = forms.DateField(
        label=_("New end date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    explanation = forms.CharField(
        label=_("Why does the plan change?"),
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
    )

    def __init__(self, *args: Any, lines: list[tuple[str, int]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.line_names = [description for description, _cents in lines]
        for number, (description, cents) in enumerate(lines):
            self.fields[f"line_{number}"] = EuroField(
                label=description or _("Other costs"),
                initial=cents,
                help_text=_("Amount in euros."),
            )
        self.order_fields([f"line_{n}" for n in range(len(lines))])

    def lines(self) -> list[dict[str, Any]]:
        return [
            {
                "description": name,
                "amount_cents": self.cleaned_data.get(f"line_{n}") or 0,
            }
            for n, name in enumerate(self.line_names)
        ]


class ChangeDecisionForm(AccessibleFormMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Your decision"),
        choices=[("yes", _("Approve the change")), ("no", _("Do not approve"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation for the initiator"),
        help_text=_("Required when you do not approve."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
    )


class ReportForm(AccessibleFormMixin, forms.Form):
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_("A few sentences are enough."),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXT),
    )
    participants = forms.IntegerField(
        label=_("How many people took part?"), min_value=0, max_value=1_000_000
    )
    learned = forms.CharField(
        label=_("What did you learn?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXT),
    )
    photos = PhotosField()
    public = forms.BooleanField(
        label=_("The report and its photos may be shown on the public page"),
        help_text=_("Only with permission of everyone who can be recognised."),
        required=False,
    )


class SettleForm(AccessibleFormMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Explanation in the beschikking"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
    )
    sample_check = forms.CharField(
        label=_("What did the closer check find?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
    )


class RecoveryForm(AccessibleFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RecoveryReason.choices)
    amount = EuroField(label=_("Amount to pay back, in euros"))
    motivation = forms.CharField(
        label=_("Explanation"),
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
    )


class RecoveryPaymentForm(AccessibleFormMixin, forms.Form):
    amount = EuroField(label=_("Amount received, in euros"))
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RecoveryWaiveForm(AccessibleFormMixin, forms.Form):
    """Waive what is still owed (kwijtschelding): the reason goes into the
    beschikking."""

    reason = forms.CharField(
        label=_("Why is the rest waived?"),
        help_text=_(
            "This goes into the decision to the initiator. What was paid stays paid."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
    )
