from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.participation.constants import SocialStep


class SocialLadderForm(AccessibleFormMixin, forms.Form):
    step = forms.TypedChoiceField(
        label=_("Which sentence fits you best now?"),
        choices=SocialStep.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the six steps.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I give permission to store this answer. The municipality only uses it "
            "counted together with at least ten other people."
        ),
        required=False,
        help_text=_("You can withdraw your permission at any time on this page."),
    )
