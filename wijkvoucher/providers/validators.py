"""Checks of a provider's details that both the forms and the services use."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_KVK = re.compile(r"[0-9]{8}")


def kvk_check(kvk_number: str) -> str:
    """The KvK number without spaces; empty stays empty. Refused with code
    ``invalid_kvk`` unless it has 8 digits."""
    kvk = re.sub(r"\s+", "", kvk_number or "")
    if kvk and _KVK.fullmatch(kvk) is None:
        raise ValidationError(
            _("A KvK number has 8 digits."), code="invalid_kvk", params={"value": kvk}
        )
    return kvk
