"""The participation part of the resident's profile page. The page belongs to
neighbourhoods, which may not import this app: ``wijkvoucher.work.plan_pages``
puts the panel in the page's slot (``wijkvoucher.neighbourhoods.panels``). It
shows the signed-in person's own step only."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from wijkvoucher.accounts.models import User
from wijkvoucher.participation.selectors import ladder_step_of


def profile_panel(request: HttpRequest, user: User) -> str:
    return render_to_string(
        "participation/_profile_panel.html", {"ladder": ladder_step_of(user=user)}
    )
