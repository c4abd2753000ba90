"""Input of the payout pages. The services check again and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.forms.official import TEXTAREA, OfficialActionForm

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]

# Which field a refusal of the service belongs to (by its code); others go on top.
PREPARE_ERROR_FIELDS = {
    "execution_date_past": "execution_date",
    "execution_date_far": "execution_date",
}


class PayoutPrepareForm(OfficialActionForm):
    execution_date = forms.DateField(
        label=_("Execution date"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the bank pays. Usually the next working day."),
        error_messages={
            "required": _("Fill in the execution date."),
            "invalid": _("Enter a date, such as 16-06-2026."),
        },
    )


class PayoutPaidForm(OfficialActionForm):
    confirm = forms.BooleanField(
        label=_("The bank has accepted the file of this batch"),
        help_text=_(
            "Only mark the batch paid after the bank has accepted it. This books the "
            "money as paid and cannot be undone."
        ),
        error_messages={"required": _("Confirm that the bank has accepted the file.")},
    )


class PayoutFailedForm(OfficialActionForm):
    """The bank did not pay out an approved batch (docs/adr/0013)."""

    reason = forms.CharField(
        label=_("What did the bank say?"),
        max_length=4000,
        help_text=_(
            "For example: the bank refused the file, or the file was never sent. "
            "The amounts are then owed again and can go into a new batch."
        ),
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": _("Write what the bank said.")},
    )
    confirm = forms.BooleanField(
        label=_("The bank has not paid out this batch"),
        error_messages={
            "required": _("Confirm that the bank has not paid out this batch.")
        },
    )
