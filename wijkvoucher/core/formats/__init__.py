"""Date formats per interface language (``FORMAT_MODULE_PATH``).

Dates are written the way the interface language writes them, through Django's named
formats (``date_format(value)``, ``|date:"DATE_FORMAT"``, ``"SHORT_DATE_FORMAT"``...),
never through a hand-made format string: Dutch "6 oktober 2026" and "6 okt. 2026",
English "6 October 2026" and "6 Oct 2026".

The Dutch short date uses Django's "N" (the month abbreviated). Django's own Dutch
catalogue abbreviates without a full stop ("okt"); the entries below put the Dutch
abbreviations with a full stop into this project's catalogue, which takes precedence
("okt.", but "mei" in full)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

MONTH_ABBREVIATIONS = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)
