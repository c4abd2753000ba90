from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
