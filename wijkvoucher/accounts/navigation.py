"""Where to go after signing in: only same-site relative paths (ASVS 3.7.2)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

MAX_NEXT_LENGTH = 1000


def safe_next(value: str | None) -> str:
    """``value`` when it is a relative path on this site, else the empty string.
    Refuses other hosts, schemes, protocol-relative and backslash tricks."""
    if not value or len(value) > MAX_NEXT_LENGTH:
        return ""
    if not value.startswith("/") or value.startswith(("//", "/\\")):
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return ""
    return value


def url_with_next(viewname: str, next_url: str = "") -> str:
    url = reverse(viewname)
    next_url = safe_next(next_url)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url
