"""Voucher codes: 80 random bits (``secrets``) written as 16 Crockford base32
characters in four groups, ``7KQ2-M9XD-R4TB-HW3E``. Whoever holds the code can spend
the voucher, like a gift card; it never travels in a URL. Typing mistakes that
Crockford base32 forgives (O for 0, I or L for 1, lower case, spaces, dashes) are
forgiven here too."""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
GROUPS = 4
GROUP_LENGTH = 4
CODE_BITS = 5 * GROUPS * GROUP_LENGTH  # 80
_FORGIVE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def code_generate() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return code_format(raw)


def code_format(raw: str) -> str:
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def code_normalise(value: object) -> str | None:
    """The stored form of a typed or scanned code, or None when it cannot be a code."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    raw = _SEPARATORS.sub("", value).upper().translate(_FORGIVE)
    if len(raw) != GROUPS * GROUP_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return code_format(raw)
