"""The cache of anonymous public pages (docs/caching.md,
docs/adr/0011-cache-anonymous-public-pages.md).

A public page that an anonymous visitor asks for is rendered once and kept in
Django's cache (Redis in production, local memory in the demo) under a key made of
the page's path, query, language and day, together with the *versions* of what
the page shows at the time it was read. A service that changes what public pages
show calls ``public_pages_changed`` inside its transaction, which, after the
commit, gives the version a new random value; a kept page whose versions are no
longer the current ones is rendered again. The page and the versions come in one
cache read.

Two kinds of version:

- the wijk version (``public_pages_changed(neighbourhood=wijk)``, keyed by its
  slug, which is in the page's path): what one wijk's pages show (its plans, decisions,
  meetings, besluitenlijsten, regiegroep);
- the site version (``public_pages_changed()``): everything, for
  changes that several wijken show (money moving in the ledger, providers, the
  regeling, the wijken themselves).

What is kept is the rendered body with the CSRF token of its forms replaced by a
placeholder; every answer gets the visitor's own token and goes through the
middleware as a freshly rendered page does (cookies, CSP, Vary). Only requests
without a session or messages cookie are served from and stored in the cache, so a
signed-in user's page is never stored and never served to anyone.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, Protocol

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

SITE_SCOPE = "site"
_VERSION_PREFIX = "pages:version:"
_PAGE_PREFIX = "pages:body:"
_TOKEN_PLACEHOLDER = "__wijkvoucher_csrf_token__"  # noqa: S105 - a marker, no secret
# What ``{% csrf_token %}`` renders; the token is 64 letters and digits.
_TOKEN_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
_KEPT_HEADERS = ("Content-Type", "Content-Disposition")

ScopeOf = Callable[..., Sequence[str]]


class WijkLike(Protocol):
    """Anything with a wijk's slug (the ledger passes its caller's wijk on)."""

    slug: str


def wijk_scope(slug: str) -> str:
    return f"wijk:{slug}"


def _timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def _bump(scopes: Sequence[str]) -> None:
    cache.set_many(
        {_VERSION_PREFIX + scope: uuid.uuid4().hex for scope in scopes}, timeout=None
    )


def public_pages_changed(*, neighbourhood: WijkLike | None = None) -> None:
    """What the public pages of ``neighbourhood`` show (of every wijk when None)
    changes in the current transaction: after the commit, the cached pages are no
    longer served. Nothing happens when the transaction rolls back."""
    scope = SITE_SCOPE if neighbourhood is None else wijk_scope(neighbourhood.slug)
    # Robust: the change is committed; a cache that cannot be reached must not turn
    # its answer into an error (the kept pages then expire after their timeout).
    transaction.on_commit(lambda: _bump([scope]), robust=True)


def _anonymous_visit(request: HttpRequest) -> bool:
    """A GET or HEAD without a session (so nobody signed in) and without messages
    waiting: what every anonymous visitor of this path would see."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
    )


def _page_key(request: HttpRequest) -> str:
    query = sorted(
        (name, value) for name, values in request.GET.lists() for value in values
    )
    raw = "|".join(
        [
            request.path,
            repr(query),
            translation.get_language() or "",
            # Pages show what holds today: a new day is a new page.
            timezone.localdate().isoformat(),
        ]
    )
    return _PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _stored(response: HttpResponse, versions: list[Any]) -> dict[str, Any]:
    body = response.content.decode(response.charset)
    return {
        "versions": versions,
        "body": _TOKEN_INPUT.sub(rf"\g<1>{_TOKEN_PLACEHOLDER}\g<2>", body),
        "headers": {h: response[h] for h in _KEPT_HEADERS if h in response},
    }


def _answer(request: HttpRequest, page: dict[str, Any]) -> HttpResponse:
    body = str(page["body"])
    if _TOKEN_PLACEHOLDER in body:
        body = body.replace(_TOKEN_PLACEHOLDER, get_token(request))
    response = HttpResponse(body)
    for header, value in page["headers"].items():
        response[header] = value
    return response


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def cache_public_page(
    scope_of: ScopeOf, *, query: Sequence[str] = ()
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Serve the view's page to anonymous visitors from the cache.

    ``scope_of(**view_kwargs)`` names the scopes the page shows besides the site
    (``[wijk_scope(slug)]``). ``query`` names the query parameters the page reads;
    a request with any other parameter is rendered and not stored.

    A scope without a version yet (never changed since the cache started, or
    evicted) gets one after a page that exists (200) was rendered, and that page is
    not stored: it may have been read before a change whose new version came in
    between. The next visitor's page is stored. So a version is never made up
    for a path that does not exist, and a page is never kept under a version
    older than what it shows."""
    allowed = frozenset(query)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                _timeout() <= 0
                or not _anonymous_visit(request)
                or not set(request.GET) <= allowed
            ):
                return view(request, *args, **kwargs)
            scopes = [SITE_SCOPE, *scope_of(**kwargs)]
            return _through_cache(
                request, scopes, lambda: view(request, *args, **kwargs)
            )

        return wrapper

    return decorate


def _through_cache(
    request: HttpRequest, scopes: Sequence[str], render: Callable[[], HttpResponse]
) -> HttpResponse:
    """One cache read for the kept page and the versions it must have been kept
    under; a render otherwise. A cache that cannot be reached only costs the
    render."""
    keys = [_VERSION_PREFIX + scope for scope in scopes]
    key = _page_key(request)
    try:
        found = cache.get_many([key, *keys])
    except Exception:
        logger.warning("page cache unreachable, rendering", exc_info=True)
        return render()
    versions = [found.get(k) for k in keys]
    page = found.get(key)
    if page is not None and None not in versions and page["versions"] == versions:
        return _answer(request, page)
    response = render()
    if _storable(response):
        _keep(key, keys, found, versions, response)
    return response


def _keep(
    key: str,
    keys: list[str],
    found: dict[str, Any],
    versions: list[Any],
    response: HttpResponse,
) -> None:
    try:
        if None in versions:
            for missing in set(keys) - set(found):
                cache.add(missing, uuid.uuid4().hex, timeout=None)
        else:
            cache.set(key, _stored(response, versions), timeout=_timeout())
    except Exception:
        logger.warning("page cache unreachable, page not kept", exc_info=True)
