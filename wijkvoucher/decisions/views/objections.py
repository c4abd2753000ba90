"""Objections (bezwaar) against a beschikking: the official's list, registering one, and deciding or extending it."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.decisions.constants import ObjectionStatus
from wijkvoucher.decisions.forms import (
    DecisionSearchForm,
    ObjectionDecideForm,
    ObjectionExtendForm,
    ObjectionRegisterForm,
)
from wijkvoucher.decisions.models import Objection
from wijkvoucher.decisions.permissions import (
    access_decision_for_official,
    access_objection_for_official,
)
from wijkvoucher.decisions.selectors import (
    decisions_in,
    objections_in,
)
from wijkvoucher.decisions.services import (
    objection_decide,
    objection_extend,
    objection_register,
)
from wijkvoucher.neighbourhoods.permissions import require_official, signed_in_user

DECISIONS_SHOWN = 50


@require_http_methods(["GET", "HEAD"])
def objections_list(request: HttpRequest) -> HttpResponse:
    """The objections in the official's wijken, and the beschikkingen to register a
    new one against (found by the number the objection letter names)."""
    neighbourhoods = require_official(request)
    search = DecisionSearchForm(request.GET or None)
    number = search.cleaned_data["number"] if search.is_valid() else ""
    return render(
        request,
        "decisions/official/objections.html",
        {
            "open_objections": list(
                objections_in(neighbourhoods=neighbourhoods, open_=True)
            ),
            "decided_objections": list(
                objections_in(neighbourhoods=neighbourhoods, open_=False)[
                    :DECISIONS_SHOWN
                ]
            ),
            "decisions": list(
                decisions_in(neighbourhoods=neighbourhoods, number=number)[
                    :DECISIONS_SHOWN
                ]
            ),
            "search": search,
            "number": number,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def objection_new(request: HttpRequest, decision_uuid: uuid.UUID) -> HttpResponse:
    decision = access_decision_for_official(request, decision_uuid)
    form = ObjectionRegisterForm(
        request.POST if request.method == "POST" else None,
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            objection = objection_register(
                actor=signed_in_user(request),
                decision=decision,
                received_on=data["received_on"],
                objector_name=data["objector_name"],
                grounds=data["grounds"],
                advisory_committee=data["advisory_committee"],
            )
        except ValidationError as exc:
            add_refusal(
                form,
                exc,
                {
                    "received_in_future": "received_on",
                    "received_before_decision": "received_on",
                },
            )
        else:
            messages.success(request, _("The objection has been registered."))
            return redirect("decisions:objection_detail", objection_uuid=objection.uuid)
    return render(
        request,
        "decisions/official/objection_new.html",
        {"decision": decision, "form": form},
    )


def _objection_page(
    request: HttpRequest,
    objection: Objection,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    bound = bound or {}
    open_ = objection.status == ObjectionStatus.RECEIVED
    today = timezone.localdate()
    # Postponing is possible once, before the term ends (Awb 7:10 lid 3).
    may_extend = not objection.extended and today <= objection.decision_due_on
    return render(
        request,
        "decisions/official/objection_detail.html",
        {
            "objection": objection,
            "decision": objection.decision,
            "today": today,
            "decide_form": (bound.get("decide") or ObjectionDecideForm(prefix="decide"))
            if open_
            else None,
            "extend_form": (bound.get("extend") or ObjectionExtendForm(prefix="extend"))
            if open_ and (may_extend or "extend" in bound)
            else None,
        },
    )


@require_http_methods(["GET", "HEAD"])
def objection_detail(request: HttpRequest, objection_uuid: uuid.UUID) -> HttpResponse:
    objection = access_objection_for_official(request, objection_uuid)
    return _objection_page(request, objection)


def _objection_done(
    request: HttpRequest, objection: Objection, text: str
) -> HttpResponse:
    messages.success(request, text)
    return redirect("decisions:objection_detail", objection_uuid=objection.uuid)


@require_POST
def objection_decide_view(
    request: HttpRequest, objection_uuid: uuid.UUID
) -> HttpResponse:
    objection = access_objection_for_official(request, objection_uuid)
    form = ObjectionDecideForm(request.POST, prefix="decide")
    if form.is_valid():
        data = form.cleaned_data
        try:
            objection_decide(
                actor=signed_in_user(request),
                objection=objection,
                status=data["status"],
                motivation=data["motivation"],
                decided_on=data["decided_on"],
            )
        except ValidationError as exc:
            add_refusal(
                form,
                exc,
                {
                    "unknown_outcome": "status",
                    "reason_required": "motivation",
                    "invalid_date": "decided_on",
                },
            )
        else:
            return _objection_done(
                request, objection, _("The decision on the objection is recorded.")
            )
    return _objection_page(request, objection, {"decide": form})


@require_POST
def objection_extend_view(
    request: HttpRequest, objection_uuid: uuid.UUID
) -> HttpResponse:
    objection = access_objection_for_official(request, objection_uuid)
    form = ObjectionExtendForm(request.POST, prefix="extend")
    if form.is_valid():
        try:
            objection_extend(
                actor=signed_in_user(request),
                objection=objection,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"reason_required": "reason"})
        else:
            return _objection_done(
                request,
                objection,
                _("The decision term has been postponed by 6 weeks."),
            )
    return _objection_page(request, objection, {"extend": form})
