"""``{% load money %}{{ cents|euro }}``: integer cents as Dutch euro text."""

from __future__ import annotations

from django import template

from wijkvoucher.core.money import format_euro

register = template.Library()


@register.filter(name="euro")
def euro(cents: object) -> str:
    """Empty for None or an empty string, so that an unset amount shows nothing."""
    if cents is None or cents == "":
        return ""
    if isinstance(cents, str):
        cents = int(cents)
    if not isinstance(cents, int) or isinstance(cents, bool):
        return ""
    return format_euro(cents)
