"""Forms around a plan: inviting a co-initiator, supporting a plan, adding a file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.initiatives.constants import (
    AttachmentKind,
    SupportStance,
)


class CoInitiatorInviteForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person you invite"),
        max_length=254,
        help_text=_("We send them a link. The link works for 14 days."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class SupportForm(AccessibleFormMixin, forms.Form):
    stance = forms.ChoiceField(
        label=_("What do you think of this plan?"),
        choices=SupportStance.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Your comment"),
        max_length=1000,
        required=False,
        help_text=_("Optional. The initiator and the regiegroep can read it."),
        widget=forms.Textarea(attrs={"rows": "3"}),
    )


class AttachmentForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you add?"),
        choices=AttachmentKind.choices,
        initial=AttachmentKind.PHOTO,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A photo (JPG, PNG or WebP) or a PDF. At most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )
    declared_signatures = forms.IntegerField(
        label=_("How many households signed the list?"),
        required=False,
        min_value=1,
        max_value=10_000,
        help_text=_("Only for a signed list. Your contact person checks the list."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": "6"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("kind") == AttachmentKind.SUPPORT_LIST
            and data.get("declared_signatures") is None
            and "declared_signatures" not in self.errors
        ):
            self.add_error(
                "declared_signatures", _("Enter how many households signed the list.")
            )
        return data
