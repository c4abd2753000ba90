"""The execution and accountability parts of initiatives' plan pages, put in the
pages' slots by ``wijkvoucher.work.plan_pages`` (initiatives may not import this
app)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from wijkvoucher.accountability.selectors import report_due_on
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative

SHOWN = frozenset({InitiativeStatus.IN_EXECUTION, InitiativeStatus.SETTLED})


def official_plan_panel(request: HttpRequest, initiative: Initiative) -> str:
    """The way to the plan's execution file, once it is carried out."""
    if initiative.status not in SHOWN:
        return ""
    return render_to_string(
        "accountability/official/_panel.html", {"initiative": initiative}
    )


def initiator_plan_panel(request: HttpRequest, initiative: Initiative) -> str:
    """The way to progress updates, changes and the report."""
    if initiative.status not in SHOWN:
        return ""
    return render_to_string(
        "accountability/_for_initiator.html",
        {
            "initiative": initiative,
            "due_on": report_due_on(initiative=initiative),
            "is_initiator": getattr(request.user, "pk", None)
            == initiative.initiator_id,
        },
    )
