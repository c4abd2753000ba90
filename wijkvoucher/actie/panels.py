"""The ACTIE part of the official's plan file. The page belongs to initiatives,
which may not import this app: ``wijkvoucher.work.plan_pages`` puts the panel in
the page's slot (``wijkvoucher.initiatives.panels``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from wijkvoucher.accounts.models import User
from wijkvoucher.actie.permissions import may_assess_initiative, takes_part
from wijkvoucher.actie.selectors import latest_for_initiative
from wijkvoucher.initiatives.models import Initiative


def official_plan_panel(request: HttpRequest, initiative: Initiative) -> str:
    """The latest ACTIE assessment of the plan, with the way to its history and to
    a new one; nothing for someone who takes part in the plan."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or takes_part(user=user, initiative=initiative):
        return ""
    return render_to_string(
        "actie/_plan_panel.html",
        {
            "initiative": initiative,
            "latest": latest_for_initiative(initiative=initiative),
            "may_assess": may_assess_initiative(user=user, initiative=initiative),
        },
    )
