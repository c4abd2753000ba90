"""The initiator's notice of default (Awb 4:17): a confirmation and, if they like, a
few words of their own. The service checks everything else."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.initiatives.services.notices import NOTICE_MESSAGE_MAX_LENGTH


class NoticeOfDefaultForm(AccessibleFormMixin, forms.Form):
    # No "required" attribute: the server says what is missing, in words.
    use_required_attribute = False

    message = forms.CharField(
        label=_("Anything you want to add"),
        required=False,
        max_length=NOTICE_MESSAGE_MAX_LENGTH,
        help_text=_("Your contact person and the coordinators read this."),
        widget=forms.Textarea(attrs={"rows": "4"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I give the municipality notice of default because it is late with its "
            "decision on my plan"
        ),
        error_messages={
            "required": _("Tick the box to confirm that you send the notice.")
        },
    )
