"""The "My work" page: every page someone's roles let them use, in one place
(issue #9, point 11). Thin view: access → selector → render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from wijkvoucher.work.permissions import access_work
from wijkvoucher.work.selectors import work_overview


@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    user = access_work(request)
    if user is None:
        return redirect("neighbourhoods:profile")
    return render(request, "work/home.html", {"work": work_overview(user=user)})
