"""Forms of the provider portal's voucher pages: a voucher code, an amount to spend,
a refund. They only validate input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin, EuroField

# Refusals of a redemption that are about the code (back to step 1) and those about
# the amount or the text (stay on step 2).
CODE_REFUSALS = frozenset(
    {"unknown_voucher", "provider_not_allowed", "blocked", "voided", "expired"}
)


class VoucherCodeForm(AccessibleFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Voucher code"),
        max_length=40,
        help_text=_("16 letters and digits, for example ABCD-EFGH-JKMN-PQRS."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "data-voucher-code": "",
            }
        ),
    )


class RedeemForm(AccessibleFormMixin, forms.Form):
    code = forms.CharField(max_length=40, widget=forms.HiddenInput)
    amount = EuroField(label=_("Amount"), help_text=_("In euros, for example 12,50."))
    description = forms.CharField(label=_("What was bought"), max_length=300)
    reference = forms.CharField(
        label=_("Invoice or receipt number"), max_length=100, required=False
    )


class RefundForm(AccessibleFormMixin, forms.Form):
    amount = EuroField(
        label=_("Amount to give back"), help_text=_("In euros, for example 12,50.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
