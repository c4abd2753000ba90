"""The decisions parts of initiatives' plan pages. The pages belong to the
initiatives app, which may not import this app (dependency direction in
docs/architecture.md): ``wijkvoucher.work.plan_pages`` puts these panels in the
pages' slots (``wijkvoucher.initiatives.panels``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from wijkvoucher.decisions.selectors import decisions_for_initiative
from wijkvoucher.decisions.workflow import OUTCOMES_FROM
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.workflow import CANCELLABLE
from wijkvoucher.regiegroep.selectors import advice_latest

S = InitiativeStatus


def official_plan_panel(request: HttpRequest, initiative: Initiative) -> str:
    """The official's plan file: the regiegroep's advice, the beschikkingen with
    their objections, and the steps after the advice."""
    user = getattr(request, "user", None)
    status = S(initiative.status)
    return render_to_string(
        "decisions/official/_panel.html",
        {
            "initiative": initiative,
            "advice": advice_latest(initiative=initiative),
            "decisions": list(
                decisions_for_initiative(initiative=initiative).prefetch_related(
                    "objections"
                )
            ),
            # An official never takes the official steps on their own plan.
            "may_act": user is not None and user.pk != initiative.initiator_id,
            # Not processing a plan (no answer within the hersteltermijn) is a
            # beschikking too, with the objection clause (Awb 4:5).
            "may_decide": status in OUTCOMES_FROM,
            "is_information_requested": status == S.INFORMATION_REQUESTED,
            "is_checked": status == S.CHECKED,
            "may_start": status in (S.AWARDED, S.PARTLY_AWARDED),
            "may_cancel": status in CANCELLABLE,
        },
    )


def initiator_plan_panel(request: HttpRequest, initiative: Initiative) -> str:
    """The resident's plan page: the beschikkingen, with the page, the PDF and
    until when they can object."""
    return render_to_string("decisions/_for_initiator.html", {"initiative": initiative})
