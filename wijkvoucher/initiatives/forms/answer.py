from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.initiatives.services.answers import ANSWER_MAX_LENGTH


class AnswerForm(AccessibleFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX_LENGTH,
        help_text=_(
            "Answer the question of your contact person. Your answer is added to "
            "your plan."
        ),
        widget=forms.Textarea(attrs={"rows": "6"}),
    )
