"""Input validation for extending the decision term; the service checks again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin


class ExtendDecisionTermForm(AccessibleFormMixin, forms.Form):
    # No "required" attribute (see official.OfficialActionForm): the server
    # refuses an empty reason with a message at the field.
    use_required_attribute = False

    motivation = forms.CharField(
        label=_("Why do you need more time?"),
        max_length=2000,
        help_text=_(
            "The initiator receives this reason with the new date, in a message "
            "and by e-mail."
        ),
        widget=forms.Textarea(attrs={"rows": "4", "cols": "60"}),
    )
