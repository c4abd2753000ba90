"""Showing integer euro cents the Dutch way: "€ 5.000", "€ 12,50", "-€ 5".

Money is stored and computed in integer cents everywhere (docs/adr/0005); this module
only formats. The space after the euro sign is a non-breaking space so that the sign
never ends up alone at the end of a line.
"""

from __future__ import annotations

from django.utils.translation import get_language

NBSP = "\u00a0"


def _group_thousands(euros: int) -> str:
    digits = str(euros)
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_euro_amount(cents: int) -> str:
    """The amount without the euro sign, as a form shows it: "5.000", "12,50", "-5"."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("format_euro takes whole cents as an int")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    amount = _group_thousands(euros)
    if rest:
        amount += f",{rest:02d}"
    return f"{sign}{amount}"


def format_euro(cents: int) -> str:
    """Whole euros without decimals ("€ 5.000"), otherwise two ("€ 12,50")."""
    amount = format_euro_amount(cents)
    sign, amount = ("-", amount[1:]) if amount.startswith("-") else ("", amount)
    return f"{sign}€{NBSP}{amount}"


def format_euro_cents(cents: int, language: str | None = None) -> str:
    """An amount as a letter writes it, always with cents: "€ 1.250,00" in Dutch,
    "€1,250.00" in English (``language`` defaults to the active one). The
    beschikking and the voucher use it, on paper and on screen."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("format_euro_cents takes whole cents as an int")
    english = (language or get_language() or "nl").startswith("en")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    whole = _group_thousands(euros)
    if english:
        return f"{sign}€{whole.replace('.', ',')}.{rest:02d}"
    return f"{sign}€{NBSP}{whole},{rest:02d}"
