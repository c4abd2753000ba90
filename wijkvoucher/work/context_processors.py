from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from wijkvoucher.work.navigation import nav_facts


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``NAV`` for the header: unread messages and which work pages to show. Lazy, so
    a page that does not render the header asks nothing; one query otherwise."""
    return {"NAV": SimpleLazyObject(lambda: nav_facts(request.user))}
