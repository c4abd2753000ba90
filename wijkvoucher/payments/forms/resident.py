"""Forms of the initiators' dispute and claim pages. Forms only validate what was
typed; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin, EuroField
from wijkvoucher.core.money import format_euro_amount
from wijkvoucher.initiatives.models import BudgetLine
from wijkvoucher.payments.services.claims import MAX_RECEIPTS


class DisputeForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this payment?"),
        help_text=_(
            "For example: you did not buy this, or the amount is not what you paid."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ReceiptsField(forms.FileField):
    """One to MAX_RECEIPTS files from one input."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        files = [f for f in files if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_RECEIPTS:
            raise ValidationError(
                _("Upload at most %(max)s files."),
                code="too_many_receipts",
                params={"max": MAX_RECEIPTS},
            )
        return [super(ReceiptsField, self).clean(f, initial) for f in files]


class BudgetLineField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.description} (€ {format_euro_amount(int(obj.amount_cents))})"


class ClaimForm(AccessibleFormMixin, forms.Form):
    budget_line = BudgetLineField(
        label=_("Cost line of your plan"),
        queryset=BudgetLine.objects.none(),
        empty_label=_("Choose a cost line"),
    )
    amount = EuroField(
        label=_("Amount in euros"), help_text=_("For example 45 or 12,50.")
    )
    description = forms.CharField(label=_("What was it for?"), max_length=300)
    payee_name = forms.CharField(
        label=_("Name of the account holder"),
        max_length=70,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    iban = forms.CharField(
        label=_("IBAN (bank account number)"),
        help_text=_("For example NL91 ABNA 0417 1643 00."),
        max_length=42,
    )
    receipts = ReceiptsField(
        label=_("Receipts or invoices"),
        help_text=_(
            "A photo (JPG or PNG) or a PDF, at most 10 MB each, at most 5 files. "
            "If the page shows an error, choose the files again."
        ),
    )

    def __init__(
        self, *args: Any, advance: bool = False, lines: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(BudgetLineField, self.fields["budget_line"])
        field.queryset = lines if lines is not None else BudgetLine.objects.none()
        if advance:
            field.required = False
            field.label = _("Cost line of your plan (if you know it)")
            self.fields["receipts"].required = False
            self.fields["receipts"].help_text = _(
                "Not needed for an advance. A quote or invoice helps. A photo (JPG "
                "or PNG) or a PDF, at most 10 MB each."
            )
            self.fields["description"].label = _("What do you need the advance for?")
        # The mixin validated a bound form already (for aria-invalid): do it again
        # with these fields.
        self._errors = None
        self._decorate()

    def clean_amount(self) -> int:
        value = self.cleaned_data.get("amount")
        if value is None or value <= 0:
            raise ValidationError(
                _("Enter an amount of more than € 0."), code="invalid_amount"
            )
        return int(value)
