"""Input validation of the sign-in pages; the work is done by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.services import email_normalise
from wijkvoucher.core.forms import AccessibleFormMixin

_NO_AUTOFIX = {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}


class LoginForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("For example: name@example.nl"),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _(
                "Enter an e-mail address in the right form, like name@example.nl."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", **_NO_AUTOFIX}),
    )

    def clean_email(self) -> str:
        return email_normalise(self.cleaned_data["email"])


class LoginLinkForm(forms.Form):
    token = forms.CharField(max_length=500, widget=forms.HiddenInput)
    next = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)


class OTPCodeForm(AccessibleFormMixin, forms.Form):
    """The code from the authenticator app. Pasting is allowed (WCAG 3.3.8)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6 digits your authenticator app shows now."),
        error_messages={"required": _("Enter the code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                **_NO_AUTOFIX,
            }
        ),
    )


class BackupCodeForm(AccessibleFormMixin, forms.Form):
    """One of the backup codes (letters and digits), for when the phone is lost."""

    code = forms.CharField(
        label=_("Backup code"),
        max_length=32,
        help_text=_("One of the 10 backup codes you saved. Each code works once."),
        error_messages={"required": _("Enter the code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", **_NO_AUTOFIX}),
    )
