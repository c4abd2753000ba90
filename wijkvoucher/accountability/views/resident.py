"""The initiator's pages while the plan is carried out and after: progress updates,
changes to the plan, and the accountability form. Thin views: parse → access →
service/selector → render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.accountability.forms import (
    PlanChangeForm,
    ProgressUpdateForm,
    ReportForm,
)
from wijkvoucher.accountability.permissions import access_own_plan, access_plan_to_read
from wijkvoucher.accountability.selectors import execution_file, spending_for
from wijkvoucher.accountability.services import (
    plan_change_request,
    progress_update_post,
    report_submit,
)
from wijkvoucher.core.forms import add_refusal
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.permissions import signed_in_user

PHOTO_ERRORS = {
    "too_many_photos": "photos",
    "not_an_image": "photos",
    "too_big": "photos",
    "empty": "photos",
}


def _photos(form: ProgressUpdateForm | ReportForm) -> list[tuple[object, str]]:
    return [(f, "") for f in form.cleaned_data["photos"]]


def _page(
    request: HttpRequest,
    initiative: Initiative,
    update_form: ProgressUpdateForm | None = None,
    change_form: PlanChangeForm | None = None,
) -> HttpResponse:
    file = execution_file(initiative=initiative)
    is_initiator = initiative.initiator_id == signed_in_user(request).pk
    return render(
        request,
        "accountability/execution.html",
        {
            "initiative": initiative,
            "file": file,
            "is_initiator": is_initiator,
            "in_execution": initiative.status == InitiativeStatus.IN_EXECUTION,
            "update_form": update_form or ProgressUpdateForm(),
            "change_form": change_form or PlanChangeForm(lines=file.lines),
        },
    )


@require_http_methods(["GET", "HEAD"])
def execution(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_plan_to_read(request, initiative_uuid)
    return _page(request, initiative)


@require_http_methods(["POST"])
def update_post(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_plan(request, initiative_uuid)
    form = ProgressUpdateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            progress_update_post(
                actor=signed_in_user(request),
                initiative=initiative,
                text=form.cleaned_data["text"],
                public=form.cleaned_data["public"],
                photos=_photos(form),  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"text_required": "text", **PHOTO_ERRORS})
        else:
            messages.success(request, _("Your message has been added."))
            return redirect("accountability:execution", initiative_uuid=initiative.uuid)
    return _page(request, initiative, update_form=form)


@require_http_methods(["POST"])
def change_request(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_plan(request, initiative_uuid)
    lines = execution_file(initiative=initiative).lines
    form = PlanChangeForm(request.POST, lines=lines)
    if form.is_valid():
        try:
            change = plan_change_request(
                actor=signed_in_user(request),
                initiative=initiative,
                lines=form.lines(),
                ends_on=form.cleaned_data["ends_on"],
                explanation=form.cleaned_data["explanation"],
            )
        except ValidationError as exc:
            add_refusal(
                form,
                exc,
                {"explanation_required": "explanation", "ends_before_start": "ends_on"},
            )
        else:
            messages.success(
                request,
                _("The change has been applied.")
                if change.status == "accepted"
                else _(
                    "The change is bigger than the regeling allows without approval. "
                    "It has been sent for approval; you get a message."
                ),
            )
            return redirect("accountability:execution", initiative_uuid=initiative.uuid)
    return _page(request, initiative, change_form=form)


@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_plan(request, initiative_uuid)
    file = execution_file(initiative=initiative)
    if file.report is not None:
        return render(
            request,
            "accountability/report_sent.html",
            {"initiative": initiative, "report": file.report},
        )
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_submit(
                actor=signed_in_user(request),
                initiative=initiative,
                what_happened=form.cleaned_data["what_happened"],
                participants=form.cleaned_data["participants"],
                learned=form.cleaned_data["learned"],
                public=form.cleaned_data["public"],
                photos=_photos(form),  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_refusal(
                form,
                exc,
                {
                    "what_happened_required": "what_happened",
                    "participants_invalid": "participants",
                    **PHOTO_ERRORS,
                },
            )
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your report has been sent. The municipality sets "
                    "the final amount; you get a message."
                ),
            )
            return redirect("accountability:report", initiative_uuid=initiative.uuid)
    return render(
        request,
        "accountability/report.html",
        {
            "initiative": initiative,
            "form": form,
            "spending": spending_for(initiative=initiative),
            "due_on": file.report_due_on,
            "in_execution": initiative.status == InitiativeStatus.IN_EXECUTION,
        },
    )
