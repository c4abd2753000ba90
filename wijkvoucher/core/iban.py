"""Bank account numbers: one place that normalises and checks an IBAN (schwifty:
country, length, check digits, bank code) and finds its bank's BIC. Providers,
initiators' claims, the municipality's paying account and the SEPA export use it."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException


def iban_normalise(value: str) -> str:
    """Spaces out, capitals: ``'nl91 abna 0417 1643 00'`` → ``'NL91ABNA0417164300'``."""
    return re.sub(r"\s+", "", value or "").upper()


def iban_valid(value: str) -> bool:
    if not value:
        return False
    try:
        IBAN(iban_normalise(value))
    except (SchwiftyException, ValueError):
        return False
    return True


def iban_check(value: str) -> str:
    """The normalised IBAN when it is valid; empty stays empty. Refused with code
    ``invalid_iban``."""
    iban = iban_normalise(value)
    if not iban:
        return ""
    if not iban_valid(iban):
        raise ValidationError(
            _("%(iban)s is not a valid IBAN. Check the number on your bank card."),
            code="invalid_iban",
            params={"iban": iban},
        )
    return iban


def iban_bic(value: str) -> str:
    """The BIC of the IBAN's bank when schwifty knows it, else ''."""
    try:
        bic = IBAN(iban_normalise(value)).bic
    except (SchwiftyException, ValueError):
        return ""
    return str(bic) if bic else ""
