from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from wijkvoucher.core.origin import origin


def client_ip(request: HttpRequest) -> str:
    """The client address. Behind a proxy, configure it to set REMOTE_ADDR (see
    docs/configuration.md); X-Forwarded-For is not trusted here."""
    return str(request.META.get("REMOTE_ADDR", ""))


class RequestOriginMiddleware:
    """Records 'web <ip> <method> <path>' as the origin of every audit event written
    while handling the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with origin(f"web {client_ip(request)} {request.method} {request.path}"):
            return self.get_response(request)
