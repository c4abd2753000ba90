"""Where a write came from (BIO2 8.15.01 'oorsprong'): set once per request or command.

A context variable rather than an argument on every service: the origin is a fact
about the surrounding request, not a business input.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

_origin: contextvars.ContextVar[str] = contextvars.ContextVar(
    "wijkvoucher_origin", default="system"
)


def current_origin() -> str:
    return _origin.get()


@contextmanager
def origin(value: str) -> Iterator[None]:
    token = _origin.set(value[:200])
    try:
        yield
    finally:
        _origin.reset(token)
