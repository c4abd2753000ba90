"""The "My work" page: every page someone's roles let them use, in one place
(issue #9, point 11). Thin view: access → selector → render."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from wijkvoucher.accounts.selectors import user_names
from wijkvoucher.core.selectors import security_events_overview
from wijkvoucher.providers.selectors import api_token_labels
from wijkvoucher.work.permissions import access_security_events, access_work
from wijkvoucher.work.security import reason_label
from wijkvoucher.work.selectors import work_overview


@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    user = access_work(request)
    if user is None:
        return redirect("neighbourhoods:profile")
    return render(request, "work/home.html", {"work": work_overview(user=user)})


# The periods the security events page offers, in days, and the one it opens with.
SECURITY_PERIODS = (1, 7, 30)
SECURITY_DEFAULT_DAYS = 7


@require_http_methods(["GET", "HEAD"])
def security_events(request: HttpRequest) -> HttpResponse:
    """The coordinator's list of refused requests and bursts (issue #14 point 3)."""
    access_security_events(request)
    try:
        days = int(request.GET.get("dagen", SECURITY_DEFAULT_DAYS))
    except ValueError:
        days = SECURITY_DEFAULT_DAYS
    if days not in SECURITY_PERIODS:
        days = SECURITY_DEFAULT_DAYS
    overview = security_events_overview(
        since=timezone.now() - dt.timedelta(days=days),
        threshold=settings.SECURITY_BURST_THRESHOLD,
    )
    people = user_names(ids=[row.actor_id for row in overview.rows])
    keys = api_token_labels(
        ids=[row.key_id for row in overview.rows]
        + [int(b.subject) for b in overview.bursts if b.kind == "key"]
    )
    rows = [
        {
            "event": row,
            "reason": reason_label(row.reason),
            "person": people.get(row.actor_id, ""),
            "key": keys.get(row.key_id, ""),
        }
        for row in overview.rows
    ]
    bursts = [
        {
            "burst": burst,
            "subject": keys.get(int(burst.subject), burst.subject)
            if burst.kind == "key"
            else burst.subject,
        }
        for burst in overview.bursts
    ]
    return render(
        request,
        "work/security_events.html",
        {
            "overview": overview,
            "rows": rows,
            "bursts": bursts,
            "days": days,
            "periods": SECURITY_PERIODS,
            "threshold": settings.SECURITY_BURST_THRESHOLD,
        },
    )
