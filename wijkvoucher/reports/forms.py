"""The report's filter (a GET form): one wijk or all the reader may see, a year and
optionally a quarter. Only validates; the view builds the scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.neighbourhoods.models import Neighbourhood

ALL = ""


class ReportFilterForm(AccessibleFormMixin, forms.Form):
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)
    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int)
    kwartaal = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            (0, _("The whole year")),
            (1, _("1st quarter")),
            (2, _("2nd quarter")),
            (3, _("3rd quarter")),
            (4, _("4th quarter")),
        ],
    )

    def __init__(
        self,
        *args: Any,
        wijken: Sequence[Neighbourhood],
        years: Sequence[int],
        **kwargs: Any,
    ) -> None:
        self.wijken = {w.slug: w for w in wijken}
        self.years = list(years)
        super().__init__(*args, **kwargs)

    def configure_fields(self) -> None:
        wijk_field: Any = self.fields["wijk"]
        wijk_field.choices = [
            (ALL, _("All wijken")),
            *((slug, w.name) for slug, w in self.wijken.items()),
        ]
        year_field: Any = self.fields["jaar"]
        year_field.choices = [(year, str(year)) for year in self.years]

    def period(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the chosen year or quarter."""
        year: int = self.cleaned_data["jaar"]
        quarter: int = self.cleaned_data.get("kwartaal") or 0
        if not quarter:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        start = dt.date(year, 3 * quarter - 2, 1)
        end = (
            dt.date(year, 12, 31)
            if quarter == 4
            else dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)
        )
        return start, end

    def chosen(self) -> Neighbourhood | None:
        return self.wijken.get(self.cleaned_data.get("wijk") or ALL)
