"""The organisers' pages of a wijkraadpleging (issue #12): the list per wijk, making
and changing a draft, its options, publishing and cancelling with a confirmation.
Thin views: parse → access → service/selector → render; a refusal shows the form
again with the service's message at its field and nothing typed lost."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.consultations import forms_manage as f
from wijkvoucher.consultations.constants import ConsultationKind, ConsultationStatus
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.permissions import may_organise_consultation
from wijkvoucher.consultations.permissions_manage import (
    Desk,
    access_consultation,
    access_consultation_to_organise,
    access_wijk_to_organise,
    require_reader,
)
from wijkvoucher.consultations.rule_texts import RULE_EXPLANATIONS, RULE_NAMES
from wijkvoucher.consultations.selectors import (
    ballot_count,
    consultation_options,
)
from wijkvoucher.consultations.selectors_manage import (
    consultations_in,
    plans_for_ballot,
    roll_size,
)
from wijkvoucher.consultations.services import (
    consultation_cancel,
    consultation_create,
    consultation_option_add,
    consultation_option_remove,
    consultation_publish,
    consultation_update,
)
from wijkvoucher.core.forms import add_refusal

OPTION_ERROR_FIELDS = {
    "plan_not_on_agenda": "initiative",
    "other_wijk": "initiative",
    "plan_twice": "initiative",
    "plan_needed": "initiative",
    "cost_needed": "cost",
}


def _detail(consultation: Consultation) -> HttpResponse:
    return redirect("consultations_manage:detail", consultation_uuid=consultation.uuid)


def public_result_url(consultation: Consultation) -> str | None:
    """The public page of the consultation (the voters' side, with the result once
    certified), when the site has one: the voters' pages are built beside these."""
    try:
        return reverse(
            "consultations:detail",
            kwargs={
                "slug": consultation.neighbourhood.slug,
                "consultation_uuid": consultation.uuid,
            },
        )
    except NoReverseMatch:
        return None


def is_accepting(consultation: Consultation) -> bool:
    now = timezone.now()
    return (
        consultation.status == ConsultationStatus.PUBLISHED
        and consultation.opens_at <= now < consultation.closes_at
    )


def is_closed(consultation: Consultation) -> bool:
    return (
        consultation.status == ConsultationStatus.PUBLISHED
        and timezone.now() >= consultation.closes_at
    )


# --- The list --------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    user, wijken = require_reader(request)
    by_wijk: dict[int, list[Consultation]] = {}
    for consultation in consultations_in(neighbourhoods=wijken):
        by_wijk.setdefault(consultation.neighbourhood_id, []).append(consultation)
    rows = [
        {
            "wijk": wijk,
            "consultations": by_wijk.get(wijk.pk, []),
            "may_organise": may_organise_consultation(user=user, neighbourhood=wijk),
        }
        for wijk in wijken
    ]
    return render(request, "consultations/manage/home.html", {"rows": rows})


# --- Making and changing a draft ---------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    user, neighbourhood = access_wijk_to_organise(request, slug)
    form = f.ConsultationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = consultation_create(
                actor=user, neighbourhood=neighbourhood, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_refusal(form, exc, f.CONSULTATION_ERROR_FIELDS)
        else:
            messages.success(
                request, _("The draft is saved. Now put the options on the ballot.")
            )
            return _detail(consultation)
    return render(
        request,
        "consultations/manage/form.html",
        {"wijk": neighbourhood, "form": form, "consultation": None},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    desk = access_consultation_to_organise(request, consultation_uuid)
    consultation = desk.consultation
    if consultation.status != ConsultationStatus.DRAFT:
        messages.error(request, _("Only a draft wijkraadpleging can be changed."))
        return _detail(consultation)
    form = f.ConsultationForm(
        request.POST if request.method == "POST" else None,
        initial=f.ConsultationForm.initial_of(consultation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            consultation_update(
                actor=desk.user, consultation=consultation, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_refusal(form, exc, f.CONSULTATION_ERROR_FIELDS)
        else:
            messages.success(request, _("The changes are saved."))
            return _detail(consultation)
    return render(
        request,
        "consultations/manage/form.html",
        {
            "wijk": consultation.neighbourhood,
            "form": form,
            "consultation": consultation,
        },
    )


# --- One consultation --------------------------------------------------------------


def _option_forms(
    consultation: Consultation, data: Any = None, which: str = ""
) -> dict[str, Any]:
    budget = consultation.kind == ConsultationKind.BUDGET_VOTE
    plans = plans_for_ballot(consultation=consultation)
    forms: dict[str, Any] = {
        "plan_form": f.PlanOptionForm(
            data if which == "plan" else None,
            plans=plans,
            budget=budget,
            prefix="plan",
        ),
        "plans": plans,
    }
    if budget:
        forms["free_form"] = f.FreeOptionForm(
            data if which == "free" else None, prefix="free"
        )
    return forms


def _detail_page(
    request: HttpRequest, desk: Desk, extra: dict[str, Any] | None = None
) -> HttpResponse:
    consultation = desk.consultation
    context: dict[str, Any] = {
        "consultation": consultation,
        "desk": desk,
        "options": consultation_options(consultation=consultation),
        "roll": roll_size(consultation=consultation),
        "ballots": ballot_count(consultation=consultation),
        "accepting": is_accepting(consultation),
        "closed": is_closed(consultation),
        "rule_name": RULE_NAMES.get(consultation.rule, consultation.rule),
        "rule_text": RULE_EXPLANATIONS.get(consultation.rule, ""),
        "result_url": public_result_url(consultation),
        "is_draft": consultation.status == ConsultationStatus.DRAFT,
        "is_running": consultation.status
        in (ConsultationStatus.DRAFT, ConsultationStatus.PUBLISHED),
    }
    if context["is_draft"] and desk.may_organise:
        context.update(extra or _option_forms(consultation))
    elif extra:
        context.update(extra)
    return render(request, "consultations/manage/detail.html", context)


@require_http_methods(["GET", "HEAD"])
def detail(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    return _detail_page(request, access_consultation(request, consultation_uuid))


@require_POST
def option_add(
    request: HttpRequest, consultation_uuid: uuid.UUID, which: str
) -> HttpResponse:
    desk = access_consultation_to_organise(request, consultation_uuid)
    consultation = desk.consultation
    if consultation.status != ConsultationStatus.DRAFT:
        messages.error(request, _("Only a draft wijkraadpleging can be changed."))
        return _detail(consultation)
    forms = _option_forms(consultation, request.POST, which)
    form = forms.get(f"{which}_form")
    if form is None:
        return _detail(consultation)
    if form.is_valid():
        data = form.cleaned_data
        try:
            consultation_option_add(
                actor=desk.user,
                consultation=consultation,
                initiative=data.get("initiative"),
                title=data.get("title", ""),
                summary=data.get("summary", ""),
                cost_cents=data.get("cost"),
            )
        except ValidationError as exc:
            add_refusal(form, exc, OPTION_ERROR_FIELDS)
        else:
            messages.success(request, _("The option is on the ballot."))
            return _detail(consultation)
    return _detail_page(request, desk, forms)


@require_POST
def option_remove(
    request: HttpRequest, consultation_uuid: uuid.UUID, option_id: int
) -> HttpResponse:
    desk = access_consultation_to_organise(request, consultation_uuid)
    option = get_object_or_404(
        ConsultationOption, pk=option_id, consultation=desk.consultation
    )
    try:
        consultation_option_remove(actor=desk.user, option=option)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(option)s is taken off the ballot.") % {"option": option.title},
        )
    return _detail(desk.consultation)


# --- Publishing and cancelling, each after a confirmation ---------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def publish(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    desk = access_consultation_to_organise(request, consultation_uuid)
    consultation = desk.consultation
    error = ""
    if request.method == "POST":
        try:
            consultation_publish(actor=desk.user, consultation=consultation)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("The wijkraadpleging is published. Residents can vote from %(when)s.")
                % {"when": _when(consultation.opens_at)},
            )
            return _detail(consultation)
    return render(
        request,
        "consultations/manage/publish.html",
        {
            "consultation": consultation,
            "options": consultation_options(consultation=consultation),
            "roll": roll_size(consultation=consultation),
            "error": error,
        },
    )


def _when(moment: Any) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    desk = access_consultation_to_organise(request, consultation_uuid)
    consultation = desk.consultation
    form = f.CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation_cancel(
                actor=desk.user,
                consultation=consultation,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"required": "reason"})
        else:
            messages.success(request, _("The wijkraadpleging is cancelled."))
            return _detail(consultation)
    return render(
        request,
        "consultations/manage/cancel.html",
        {
            "consultation": consultation,
            "form": form,
            "ballots": ballot_count(consultation=consultation),
        },
    )
