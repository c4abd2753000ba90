"""Input validation for the cash manager's decisions. The services check again and
decide; these forms only parse and give each field its own error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import EuroField
from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.forms.official import TEXTAREA, OfficialActionForm

# Which field a refusal of the service belongs to (by its code); others go on top.
CLAIM_ERROR_FIELDS = {"reason_required": "reason"}
DISPUTE_ERROR_FIELDS = {
    "resolution_required": "resolution",
    "invalid_request": "amount",
    "refund_exceeds_redemption": "amount",
}


class ClaimApproveForm(OfficialActionForm):
    """No fields: approving is one button; the form carries the errors."""


class ClaimRejectForm(OfficialActionForm):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=4000,
        help_text=_("The initiator reads this. Explain it in plain words."),
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": _("Give the reason for the rejection.")},
    )


class DisputeUpholdForm(OfficialActionForm):
    amount = EuroField(
        label=_("Amount back to the voucher (euros)"),
        help_text=_("At most what can still be refunded of this payment."),
        error_messages={"required": _("Fill in the amount.")},
    )
    resolution = forms.CharField(
        label=_("Answer to the initiator and the provider"),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": _("Write an answer.")},
    )

    def __init__(self, *args: Any, refundable_cents: int = 0, **kwargs: Any) -> None:
        # Set before the mixin's __init__, which may already clean the form.
        self.refundable_cents = refundable_cents
        super().__init__(*args, **kwargs)

    def clean_amount(self) -> int:
        amount = self.cleaned_data["amount"]
        if amount is None or amount <= 0:
            raise forms.ValidationError(_("The amount must be more than € 0,00."))
        if amount > self.refundable_cents:
            raise forms.ValidationError(
                _("At most %(left)s of this payment can still be refunded."),
                params={"left": self.refundable_display},
            )
        return int(amount)

    @property
    def refundable_display(self) -> str:
        return format_euro(self.refundable_cents)


class DisputeRejectForm(OfficialActionForm):
    resolution = forms.CharField(
        label=_("Answer to the initiator and the provider"),
        max_length=4000,
        help_text=_("Explain why the payment stays."),
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": _("Write an answer.")},
    )
