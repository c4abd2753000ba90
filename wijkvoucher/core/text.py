"""Comparing words the way a reader does: without capitals or accents."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``text`` in lower case without accents: "Glühwein" and "GLUHWEIN" both give
    "gluhwein", "Café" gives "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.casefold()
