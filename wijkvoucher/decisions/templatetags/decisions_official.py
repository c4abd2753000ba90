"""The decisions part of the official's plan file, as an inclusion tag: the plan file
belongs to the initiatives app, which may not import the decisions app (dependency
direction in docs/architecture.md), so the template asks for it by name."""

from __future__ import annotations

from typing import Any

from django import template

from wijkvoucher.decisions.selectors import decisions_for_initiative
from wijkvoucher.decisions.workflow import OUTCOMES_FROM
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.workflow import CANCELLABLE
from wijkvoucher.regiegroep.selectors import advice_latest

register = template.Library()
S = InitiativeStatus


@register.inclusion_tag("decisions/official/_panel.html", takes_context=True)
def decisions_panel(context: dict[str, Any], initiative: Initiative) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    status = S(initiative.status)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
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
    }
