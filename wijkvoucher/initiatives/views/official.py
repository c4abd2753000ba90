"""The contact official's work list and plan file (issue #3, points 3 and 4). Thin
views: parse → access → service/selector → render. Every action is its own POST form
on the plan file; a refused action re-renders the plan file with the entered text."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.initiatives.checks import plan_checks
from wijkvoucher.initiatives.constants import Goal, InitiativeStatus
from wijkvoucher.initiatives.forms.official import (
    CheckForm,
    HandoverForm,
    InformationRequestForm,
    WorkListFilterForm,
)
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.panels import OFFICIAL_PLAN
from wijkvoucher.initiatives.permissions_official import (
    access_initiative_for_official,
)
from wijkvoucher.initiatives.selectors.initiatives import (
    budget_lines_of,
    budget_total_cents,
    handover_candidates,
    information_request_due_on,
    initiative_days_paused,
    initiative_handovers,
    initiative_is_overdue,
    initiative_timeline,
    initiative_work_list,
)
from wijkvoucher.initiatives.services import (
    initiative_contact_change,
    initiative_request_information,
    initiative_transition,
)
from wijkvoucher.initiatives.services.transitions import pause_refusal_error
from wijkvoucher.initiatives.workflow import ALLOWED_TRANSITIONS, TERMINAL
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.permissions import require_official, signed_in_user
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
)

S = InitiativeStatus

# Outcomes and severities of the rule check, in words (never colour only).
OUTCOME_LABELS = {
    "pass": gettext_lazy("Meets the rule"),
    "fail": gettext_lazy("Breaks the rule"),
    "warning": gettext_lazy("Warning"),
    "not_applicable": gettext_lazy("Cannot be checked yet"),
    "review": gettext_lazy("The regiegroep checks this"),
}
SEVERITY_LABELS = {
    "hard": gettext_lazy("Hard rule"),
    "soft": gettext_lazy("Soft rule"),
}

# The status each action moves to: the action is offered only when the workflow table
# allows that step from the current status.
ACTION_TARGETS = {
    "request": S.INFORMATION_REQUESTED,
    "check": S.CHECKED,
}


@require_http_methods(["GET", "HEAD"])
def worklist(request: HttpRequest) -> HttpResponse:
    neighbourhoods = require_official(request)
    user = signed_in_user(request)
    coordinated = neighbourhoods_where_user_has_role(
        user=user, roles=[Role.COORDINATOR]
    )
    search = WorkListFilterForm(request.GET if "status" in request.GET else None)
    status = search.cleaned_data["status"] if search.is_valid() else ""
    rows = list(
        initiative_work_list(official=user, coordinated=coordinated, status=status)
    )
    return render(
        request,
        "initiatives/official/worklist.html",
        {
            "neighbourhoods": neighbourhoods,
            "is_coordinator": coordinated.exists(),
            "search": search,
            "status": status,
            "rows": rows,
            "overdue_count": len([r for r in rows if getattr(r, "is_overdue", False)]),
        },
    )


# Refusals of a hand-over → the field they are about.
HANDOVER_ERROR_FIELDS = {
    "required": "note",
    "same_official": "to_official",
    "not_an_official": "to_official",
    "self_handover": "to_official",
}


def _handover_form(
    request: HttpRequest, initiative: Initiative, data: Any = None
) -> HandoverForm:
    """The hand-over form, offering the wijk's other contact officials and those of
    the whole municipality (never the person handing over)."""
    return HandoverForm(
        data,
        prefix="handover",
        candidates=handover_candidates(
            initiative=initiative, actor=signed_in_user(request)
        ),
        wijk_name=initiative.neighbourhood.name,
    )


def _forms_for(
    request: HttpRequest, initiative: Initiative, bound: dict[str, forms.Form]
) -> dict[str, forms.Form]:
    """The action forms the current status allows, unbound unless just posted."""
    user = signed_in_user(request)
    if user.pk == initiative.initiator_id:
        return {}
    allowed = ALLOWED_TRANSITIONS[S(initiative.status)]
    makers: dict[str, Any] = {
        "request": InformationRequestForm,
        "check": CheckForm,
    }
    refused = pause_refusal_error(initiative, timezone.localdate()) is not None
    result: dict[str, forms.Form] = {}
    for name, form_class in makers.items():
        if name == "request" and refused and name not in bound:
            continue  # the plan file says why instead
        if ACTION_TARGETS[name] in allowed:
            result[name] = bound.get(name) or form_class(prefix=name)
    if S(initiative.status) not in TERMINAL:
        result["handover"] = bound.get("handover") or _handover_form(
            request, initiative
        )
    return result


def _plan_file(
    request: HttpRequest,
    initiative: Initiative,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    lines = budget_lines_of(initiative=initiative)
    checks = [
        {
            "check": check,
            "outcome": OUTCOME_LABELS[check.outcome],
            "severity": SEVERITY_LABELS[check.severity],
        }
        for check in plan_checks(initiative=initiative)
    ]
    version = initiative.regulation_version
    today = timezone.localdate()
    refusal = None
    if _step_allowed(initiative, "request"):
        refusal = pause_refusal_error(initiative, today)
    return render(
        request,
        "initiatives/official/plan.html",
        {
            "initiative": initiative,
            "budget_lines": lines,
            "budget_total": budget_total_cents(initiative=initiative),
            "contributions": list(initiative.own_contributions.order_by("pk")),
            "checks": checks,
            "timeline": list(initiative_timeline(initiative=initiative)),
            "handovers": list(initiative_handovers(initiative=initiative)),
            "days_paused": initiative_days_paused(initiative=initiative),
            "term_due_on": information_request_due_on(initiative=initiative),
            "term_days": version.information_request_days if version else None,
            "today": today,
            "is_overdue": initiative_is_overdue(initiative=initiative, on=today),
            "goals": [str(Goal(g).label) for g in initiative.goals if g in Goal.values],
            "panels": OFFICIAL_PLAN.render(request, initiative),
            "actions": _forms_for(request, initiative, bound or {}),
            "request_refusal": refusal.messages[0] if refusal is not None else "",
        },
    )


@require_http_methods(["GET", "HEAD"])
def plan(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_initiative_for_official(request, initiative_uuid)
    return _plan_file(request, initiative)


def _done(request: HttpRequest, initiative: Initiative, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("initiatives:official_plan", initiative_uuid=initiative.uuid)


def _step_allowed(initiative: Initiative, action: str) -> bool:
    return ACTION_TARGETS[action] in ALLOWED_TRANSITIONS[S(initiative.status)]


def _stale(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Refuse an action the current status does not allow (a page left open)."""
    messages.error(
        request,
        _(
            "This step is not possible in the current status (%(status)s). "
            "The page shows what you can do now."
        )
        % {"status": initiative.get_status_display()},
    )
    return redirect("initiatives:official_plan", initiative_uuid=initiative.uuid)


def _take_step(
    request: HttpRequest,
    initiative_uuid: uuid.UUID,
    *,
    action: str,
    form_class: type[forms.Form],
    perform: Callable[[Initiative, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """One workflow action from the plan file: refuse it when the status moved on,
    validate its form (prefixed with the action's name), call the service, and show
    the plan file again with the form's errors and entered text when refused."""
    initiative = access_initiative_for_official(request, initiative_uuid)
    if not _step_allowed(initiative, action):
        return _stale(request, initiative)
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            perform(initiative, form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            return _done(request, initiative, done)
    return _plan_file(request, initiative, {action: form})


@require_POST
def request_information(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> HttpResponse:
    return _take_step(
        request,
        initiative_uuid,
        action="request",
        form_class=InformationRequestForm,
        perform=lambda initiative, data: initiative_request_information(
            actor=signed_in_user(request),
            initiative=initiative,
            message=data["message"],
        ),
        done=_("You have asked the initiator for more information."),
    )


@require_POST
def mark_checked(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    return _take_step(
        request,
        initiative_uuid,
        action="check",
        form_class=CheckForm,
        perform=lambda initiative, data: initiative_transition(
            actor=signed_in_user(request),
            initiative=initiative,
            to=S.CHECKED,
            motivation=data["note"],
        ),
        done=_("The plan is marked as checked."),
    )


@require_POST
def hand_over(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_initiative_for_official(request, initiative_uuid)
    form = _handover_form(request, initiative, request.POST)
    if form.is_valid():
        colleague = form.cleaned_data["to_official"]
        try:
            initiative_contact_change(
                actor=signed_in_user(request),
                initiative=initiative,
                to_official=colleague,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_refusal(form, exc, HANDOVER_ERROR_FIELDS)
        else:
            return _done(
                request,
                initiative,
                _("%(name)s is now the contact official for this plan.")
                % {"name": colleague.display_name},
            )
    return _plan_file(request, initiative, {"handover": form})
