"""A number of days, weeks, months or years in words, in the active language.

Dutch and English share the one/other plural rule, so a separate msgid for "1" is
enough and keeps every msgid a plain string."""

from __future__ import annotations

from django.utils.translation import gettext as _


def days_text(count: int) -> str:
    if count == 1:
        return _("1 day")
    return _("%(count)s days") % {"count": count}


def weeks_text(count: int) -> str:
    if count == 1:
        return _("1 week")
    return _("%(count)s weeks") % {"count": count}


def months_text(count: int) -> str:
    if count == 1:
        return _("1 month")
    return _("%(count)s months") % {"count": count}


def years_text(count: int) -> str:
    if count == 1:
        return _("1 year")
    return _("%(count)s years") % {"count": count}
