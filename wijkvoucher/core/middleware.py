from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from wijkvoucher.core import security_events
from wijkvoucher.core.addresses import client_ip
from wijkvoucher.core.origin import origin


class RequestOriginMiddleware:
    """Records 'web <ip> <method> <path>' as the origin of every audit event written
    while handling the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with origin(f"web {client_ip(request)} {request.method} {request.path}"):
            return self.get_response(request)


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose otherwise (the language switch sets a cookie; a
    signed-in user's preference counts too). Unlike Django's LocaleMiddleware, the
    browser's Accept-Language is not used: a Dutch municipality's site speaks Dutch
    first, also to a visitor whose browser happens to be set to English."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _language_for(self, request: HttpRequest) -> str:
        available = {code for code, _name in settings.LANGUAGES}
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen in available:
            return chosen
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", "") if user is not None else ""
        if user is not None and user.is_authenticated and preferred in available:
            return str(preferred)
        return str(settings.LANGUAGE_CODE)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self._language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


# The answers that are refusals when the code said nothing more specific.
_STATUS_REASONS = {
    401: "not_authenticated",
    403: "denied",
    409: "refused",
    413: "too_large",
    422: "refused",
    429: "rate_limited",
}


def _status_reason(request: HttpRequest, status: int) -> str:
    if status == 404:
        # Only on an object's URL: a 404 there is a refusal to show (or a probe for)
        # someone else's object. A mistyped address is no security event.
        match = request.resolver_match
        return "not_found" if match is not None and match.kwargs else ""
    return _STATUS_REASONS.get(status, "")


class SecurityEventMiddleware:
    """Records one security event per refused request (core.security_events): the
    reason the code noted, or else the one its answer's status implies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = security_events.trace_start()
        try:
            response = self.get_response(request)
        finally:
            trace = security_events.trace_end(token)
        reason = trace.reason or _status_reason(request, response.status_code)
        if reason:
            user = getattr(request, "user", None)
            actor_id = user.pk if user is not None and user.is_authenticated else 0
            security_events.security_event_record(
                security_events.Refusal(
                    reason=reason,
                    client=client_ip(request)[:45] or "-",
                    actor_id=int(actor_id or 0),
                    key_id=trace.key_id,
                    method=str(request.method or ""),
                    path=request.path,
                )
            )
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every answer to a signed-in person and on every
    API answer (ASVS 14.2): no shared or browser cache keeps a page with personal
    data. Anonymous public pages keep their own caching (docs/caching.md)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response
        if request.path.startswith("/api/") or _signed_in(request):
            response["Cache-Control"] = "no-store"
        return response


def _signed_in(request: HttpRequest) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # no session, so nobody signed in: no query
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
