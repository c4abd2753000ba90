"""Crockford base32, the alphabet of the codes people type from paper (voucher codes,
letter codes, ballot receipts): no I, L, O or U, so that nothing looks like
something else, and the mistakes it forgives (O for 0, I or L for 1, lower case,
spaces, dashes, dots and underscores between groups)."""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FORGIVE = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile(r"[\s\-_.]+")


def random_string(length: int) -> str:
    """``length`` random characters of the alphabet (5 bits each, from ``secrets``)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def group(raw: str, sizes: tuple[int, ...]) -> str:
    """``raw`` in dash-separated groups of ``sizes``: ``XXXX-XXXX-XXXXX``."""
    parts, start = [], 0
    for size in sizes:
        parts.append(raw[start : start + size])
        start += size
    return "-".join(parts)


def normalise(value: object, *, length: int, max_typed: int = 64) -> str | None:
    """The ``length`` characters a typed or scanned value stands for, or None when it
    cannot be such a code."""
    if not isinstance(value, str) or len(value) > max_typed:
        return None
    raw = SEPARATORS.sub("", value).upper().translate(_FORGIVE)
    if len(raw) != length or any(c not in ALPHABET for c in raw):
        return None
    return raw
