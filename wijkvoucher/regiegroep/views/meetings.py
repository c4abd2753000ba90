"""The regiegroep workspace (issue #3 point 5). Thin views: parse → access →
service/selector → render. Every action is its own POST form on the meeting page; a
refused action shows the meeting page again with the error at the field and the
entered text kept."""

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
from wijkvoucher.regiegroep import forms as f
from wijkvoucher.regiegroep.constants import AgendaItemStatus, MeetingStatus
from wijkvoucher.regiegroep.models import (
    AgendaItem,
    Meeting,
)
from wijkvoucher.regiegroep.permissions import (
    Workspace,
    access_meeting,
    access_meeting_planning,
    access_meeting_to_lead,
    access_meeting_to_schedule,
    access_neighbourhood,
    require_workspace,
)
from wijkvoucher.regiegroep.selectors import (
    composition,
    meeting_advices,
    meeting_agenda,
    meeting_deferred,
    meeting_quorum,
    meetings_past,
    meetings_upcoming,
    members_on,
    plans_to_schedule,
)
from wijkvoucher.regiegroep.selectors_meeting import (
    agenda_facts,
    attendance_of,
    users_of,
)
from wijkvoucher.regiegroep.services import (
    agenda_item_add,
    attendance_record,
    meeting_close,
    meeting_open,
    meeting_plan,
    minutes_publish,
    minutes_save,
)

OUTCOME_LABELS = {
    "pass": gettext_lazy("Meets the rule"),
    "fail": gettext_lazy("Breaks the rule"),
    "warning": gettext_lazy("Warning"),
    "not_applicable": gettext_lazy("Cannot be checked yet"),
    "review": gettext_lazy("The regiegroep checks this"),
}

Bound = dict[str, forms.Form]


# --- Home and composition ----------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    workspace = require_workspace(request)
    neighbourhoods = list(workspace.neighbourhoods)
    rows = [
        {
            "wijk": wijk,
            "meetings": list(meetings_upcoming(neighbourhoods=[wijk])),
            "past": meetings_past(neighbourhoods=[wijk], limit=5),
            "plans": list(plans_to_schedule(neighbourhoods=[wijk])),
            "may_plan": workspace.is_leader(wijk) or workspace.is_coordinator(wijk),
            "is_member": workspace.is_member(wijk),
        }
        for wijk in neighbourhoods
    ]
    return render(request, "regiegroep/home.html", {"rows": rows})


@require_http_methods(["GET", "HEAD"])
def composition_view(request: HttpRequest, slug: str) -> HttpResponse:
    _workspace, neighbourhood = access_neighbourhood(request, slug)
    return render(
        request,
        "regiegroep/composition.html",
        {
            "wijk": neighbourhood,
            "composition": composition(neighbourhood=neighbourhood),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    workspace, neighbourhood = access_meeting_planning(request, slug)
    form = f.MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_plan(
                actor=workspace.user,
                neighbourhood=neighbourhood,
                held_on=form.cleaned_data["held_on"],
                starts_at_time=form.cleaned_data["starts_at_time"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as exc:
            form.add_error("held_on", exc)
        else:
            messages.success(request, _("The meeting is planned."))
            return redirect("regiegroep:meeting", meeting_uuid=meeting.uuid)
    return render(
        request,
        "regiegroep/meeting_form.html",
        {"wijk": neighbourhood, "form": form},
    )


# --- The meeting page --------------------------------------------------------------


def _key(item: AgendaItem, action: str) -> str:
    return f"{item.uuid}-{action}"


def _item_forms(
    meeting: Meeting,
    item: AgendaItem,
    bound: Bound,
    *,
    is_member: bool,
    is_leader: bool,
) -> dict[str, forms.Form]:
    """The forms this person (a member, a leader) may use on this item now."""
    live = item.status in (AgendaItemStatus.WAITING, AgendaItemStatus.OPEN)
    result: dict[str, forms.Form] = {}
    makers: list[tuple[str, bool, Any]] = [
        ("declare", is_member and live, f.DeclarationForm),
        ("assess", is_member and live, f.AssessmentForm),
        ("vote", is_member and item.status == AgendaItemStatus.OPEN, f.VoteForm),
        (
            "open",
            is_leader
            and meeting.status == MeetingStatus.OPEN
            and item.status == AgendaItemStatus.WAITING,
            f.ActionForm,
        ),
        ("advice", is_leader and item.status == AgendaItemStatus.OPEN, f.AdviceForm),
        (
            "defer",
            is_leader and live and meeting.status == MeetingStatus.OPEN,
            f.DeferForm,
        ),
    ]
    for action, allowed, form_class in makers:
        if allowed:
            key = _key(item, action)
            result[action] = bound.get(key) or form_class(prefix=key)
    return result


def _item_row(
    meeting: Meeting,
    item: AgendaItem,
    facts: dict[str, Any],
    bound: Bound,
    **roles: bool,
) -> dict[str, Any]:
    return {
        "item": item,
        "initiative": item.initiative,
        **facts,
        # Names only (never addresses): members need them to see their interests.
        "initiators": [p.full_name or p.display_name for p in facts["initiators"]],
        "checks": [
            {"check": check, "outcome": OUTCOME_LABELS[check.outcome]}
            for check in facts["checks"]
        ],
        "advice": getattr(item, "advice", None),
        "forms": _item_forms(meeting, item, bound, **roles),
    }


def _meeting_page(
    request: HttpRequest,
    workspace: Workspace,
    meeting: Meeting,
    bound: Bound | None = None,
) -> HttpResponse:
    bound = bound or {}
    wijk = meeting.neighbourhood
    is_leader = workspace.is_leader(wijk)
    is_member = workspace.is_member(wijk)
    members = members_on(neighbourhood=wijk, on=meeting.held_on)
    attendance = attendance_of(meeting=meeting)
    live = meeting.status != MeetingStatus.CLOSED
    items = list(meeting_agenda(meeting=meeting))
    facts = agenda_facts(items=items, user=workspace.user)
    context: dict[str, Any] = {
        "meeting": meeting,
        "wijk": wijk,
        "is_leader": is_leader,
        "is_member": is_member,
        "members": [
            {"member": m, "present": attendance.get(m.user.pk)} for m in members
        ],
        "quorum": meeting_quorum(meeting=meeting),
        "items": [
            _item_row(
                meeting,
                item,
                facts[item.pk],
                bound,
                is_member=is_member,
                is_leader=is_leader,
            )
            for item in items
        ],
        "today": timezone.localdate(),
    }
    if is_leader and live:
        context["attendance_form"] = bound.get("attendance") or f.AttendanceForm(
            prefix="attendance",
            members=users_of(members),
            initial={"present": [pk for pk, present in attendance.items() if present]},
        )
    if live and (is_leader or workspace.is_official(wijk)):
        context["agenda_form"] = bound.get("agenda") or f.AgendaAddForm(
            prefix="agenda", plans=plans_to_schedule(neighbourhoods=[wijk])
        )
    if "meeting" in bound:
        context["meeting_form"] = bound["meeting"]
    return render(request, "regiegroep/meeting.html", context)


@require_http_methods(["GET", "HEAD"])
def meeting_view(request: HttpRequest, meeting_uuid: uuid.UUID) -> HttpResponse:
    workspace, meeting = access_meeting(request, meeting_uuid)
    return _meeting_page(request, workspace, meeting)


def _back(request: HttpRequest, meeting: Meeting, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("regiegroep:meeting", meeting_uuid=meeting.uuid)


def _meeting_action(
    request: HttpRequest,
    workspace: Workspace,
    meeting: Meeting,
    *,
    key: str,
    form: forms.Form,
    perform: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate ``form``, call the service; on refusal show the page again with the
    error and the entered values."""
    if form.is_valid():
        try:
            perform(form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            return _back(request, meeting, done)
    return _meeting_page(request, workspace, meeting, {key: form})


@require_POST
def agenda_add(request: HttpRequest, meeting_uuid: uuid.UUID) -> HttpResponse:
    workspace, meeting = access_meeting_to_schedule(request, meeting_uuid)
    form = f.AgendaAddForm(
        request.POST,
        prefix="agenda",
        plans=plans_to_schedule(neighbourhoods=[meeting.neighbourhood]),
    )
    return _meeting_action(
        request,
        workspace,
        meeting,
        key="agenda",
        form=form,
        perform=lambda data: agenda_item_add(
            actor=workspace.user, meeting=meeting, initiative=data["initiative"]
        ),
        done=_("The plan is on the agenda. The initiator has been told the date."),
    )


@require_POST
def attendance(request: HttpRequest, meeting_uuid: uuid.UUID) -> HttpResponse:
    workspace, meeting = access_meeting_to_lead(request, meeting_uuid)
    members = members_on(neighbourhood=meeting.neighbourhood, on=meeting.held_on)
    form = f.AttendanceForm(
        request.POST,
        prefix="attendance",
        members=users_of(members),
    )
    return _meeting_action(
        request,
        workspace,
        meeting,
        key="attendance",
        form=form,
        perform=lambda data: attendance_record(
            actor=workspace.user, meeting=meeting, present=data["present"]
        ),
        done=_("Attendance is saved."),
    )


@require_POST
def meeting_start(request: HttpRequest, meeting_uuid: uuid.UUID) -> HttpResponse:
    workspace, meeting = access_meeting_to_lead(request, meeting_uuid)
    return _meeting_action(
        request,
        workspace,
        meeting,
        key="meeting",
        form=f.ActionForm(request.POST),
        perform=lambda data: meeting_open(actor=workspace.user, meeting=meeting),
        done=_("The meeting has started."),
    )


@require_POST
def meeting_end(request: HttpRequest, meeting_uuid: uuid.UUID) -> HttpResponse:
    workspace, meeting = access_meeting_to_lead(request, meeting_uuid)
    return _meeting_action(
        request,
        workspace,
        meeting,
        key="meeting",
        form=f.ActionForm(request.POST),
        perform=lambda data: meeting_close(actor=workspace.user, meeting=meeting),
        done=_("The meeting is closed."),
    )


# --- Minutes -----------------------------------------------------------------------


def _minutes_page(
    request: HttpRequest,
    workspace: Workspace,
    meeting: Meeting,
    form: forms.Form | None = None,
) -> HttpResponse:
    is_leader = workspace.is_leader(meeting.neighbourhood)
    editable = (
        is_leader
        and meeting.status != MeetingStatus.PLANNED
        and meeting.minutes_published_at is None
    )
    return render(
        request,
        "regiegroep/minutes.html",
        {
            "meeting": meeting,
            "wijk": meeting.neighbourhood,
            "advices": list(meeting_advices(meeting=meeting)),
            "deferred": list(meeting_deferred(meeting=meeting)),
            "form": (form or f.MinutesForm(initial={"minutes": meeting.minutes}))
            if editable
            else None,
            "may_publish": editable and meeting.status == MeetingStatus.CLOSED,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def minutes(request: HttpRequest, meeting_uuid: uuid.UUID) -> HttpResponse:
    if request.method != "POST":
        workspace, meeting = access_meeting(request, meeting_uuid)
        return _minutes_page(request, workspace, meeting)
    workspace, meeting = access_meeting_to_lead(request, meeting_uuid)
    form = f.MinutesForm(request.POST)
    if form.is_valid():
        try:
            minutes_save(
                actor=workspace.user,
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
            )
        except ValidationError as exc:
            form.add_error("minutes", exc)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect("regiegroep:minutes", meeting_uuid=meeting.uuid)
    return _minutes_page(request, workspace, meeting, form)


@require_POST
def minutes_publish_view(request: HttpRequest, meeting_uuid: uuid.UUID) -> HttpResponse:
    workspace, meeting = access_meeting_to_lead(request, meeting_uuid)
    try:
        minutes_publish(actor=workspace.user, meeting=meeting)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The decision list is published on the wijk page."))
    return redirect("regiegroep:minutes", meeting_uuid=meeting.uuid)
