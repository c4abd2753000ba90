"""Site-wide pages: accessibility statement, health check, error pages, rate-limit
and CSRF answers."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from wijkvoucher.core.security_events import refusal_note

logger = logging.getLogger(__name__)


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_safe
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """``/gezond/`` for the proxy and the monitoring (docs/deployment.md#monitoring):
    200 when the database answers ``SELECT 1``, 503 when it does not. No template, no
    session, nothing about anyone; one query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The class only: a driver's message can name the host or the role.
        logger.warning("health: database unavailable (%s)", type(error).__name__)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database.
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return render(request, "403.html", status=403)


def ratelimited(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    refusal_note("rate_limited")
    return render(request, "429.html", status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason only: Django's text may name the missing cookie or the origin.
    refusal_note("csrf")
    return render(request, "403_csrf.html", status=403)


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """``/.well-known/security.txt`` (RFC 9116; a Dutch government standard): where
    to report a vulnerability. The contact comes from the configuration; without one
    the file is missing (and ``check --deploy`` warns). Expires half a year ahead,
    so a file that is served always stays valid."""
    contact = str(settings.SECURITY_CONTACT)
    if not contact:
        raise Http404
    expires = (timezone.now() + dt.timedelta(days=182)).replace(microsecond=0)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
