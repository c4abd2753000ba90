"""Input of the public pages: only the filters of the plan list (GET, no JS)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.transparency.selectors.plans import STATUS_FILTERS


class PlanFilterForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All plans"))]
        + [(value, label) for value, label in STATUS_FILTERS.items()],
    )
    year = forms.TypedChoiceField(
        label=_("Year submitted"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All years"))],
    )

    def __init__(self, *args: object, years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        if isinstance(year, forms.ChoiceField):
            year.choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        # The mixin validated the bound form in its __init__, before the years were
        # known: validate (and decorate) again with them.
        self._errors = None
        self._decorate()
