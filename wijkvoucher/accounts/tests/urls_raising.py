"""A test-only urlconf: the site's own URLs plus pages that need sign-in or a
second factor, as the other apps' access helpers demand them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from config.urls import urlpatterns as site_urlpatterns
from wijkvoucher.accounts.permissions import require_second_factor, require_signed_in


def needs_sign_in(request: HttpRequest) -> HttpResponse:
    require_signed_in(request)
    return HttpResponse("signed in")


def needs_second_factor(request: HttpRequest) -> HttpResponse:
    require_second_factor(request)
    return HttpResponse("verified")


urlpatterns: list[URLPattern | URLResolver] = [
    path("test/ingelogd/", needs_sign_in),
    path("test/tweede-stap/", needs_second_factor),
    *site_urlpatterns,
]
