"""Voucher codes: 80 random bits (``secrets``) written as 16 Crockford base32
characters in four groups, ``7KQ2-M9XD-R4TB-HW3E``. Whoever holds the code can spend
the voucher, like a gift card; it never travels in a URL. Typing mistakes that
Crockford base32 forgives (O for 0, I or L for 1, lower case, spaces, dashes) are
forgiven here too."""

from __future__ import annotations

from wijkvoucher.core.crockford import group, normalise, random_string

GROUPS = 4
GROUP_LENGTH = 4
CODE_BITS = 5 * GROUPS * GROUP_LENGTH  # 80


def code_generate() -> str:
    return code_format(random_string(GROUPS * GROUP_LENGTH))


def code_format(raw: str) -> str:
    return group(raw, (GROUP_LENGTH,) * GROUPS)


def code_normalise(value: object) -> str | None:
    """The stored form of a typed or scanned code, or None when it cannot be a code."""
    raw = normalise(value, length=GROUPS * GROUP_LENGTH)
    return None if raw is None else code_format(raw)
