"""The plan wizard: starting a plan (step 1 of a new plan), the step pages and checking
and sending the plan (step 3); step 2 is in ``costs``."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.core.forms import error_items, errors_to_forms
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.forms.resident import (
    AGE_NO,
    AGE_YES,
    NeighbourhoodChoiceForm,
    PlanForm,
    SendForm,
    StartAddressForm,
)
from wijkvoucher.initiatives.models import (
    Initiative,
)
from wijkvoucher.initiatives.permissions import (
    access_own_initiative,
)
from wijkvoucher.initiatives.requirements import (
    PLAN_STEP,
    SEND_STEP,
    age_answered,
    age_threshold,
    version_for_sending,
)
from wijkvoucher.initiatives.selectors.initiatives import (
    initiatives_of_initiator_count,
    initiator_confirmed_age,
)
from wijkvoucher.initiatives.services import (
    initiative_plan_save,
    initiative_send,
    initiative_start,
)
from wijkvoucher.initiatives.services.sending import SendAnswers
from wijkvoucher.initiatives.views.costs import _money_step
from wijkvoucher.initiatives.views.steps import (
    FORM_ANCHOR,
    STEP_TITLES,
    TEMPLATES,
    _here,
    _next_page,
    _not_a_draft,
    _wizard_context,
)
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods

S = InitiativeStatus


def _start_forms(
    request: HttpRequest, neighbourhoods: list[Neighbourhood]
) -> tuple[PlanForm, forms.Form | None]:
    """Step 1 for a plan that does not exist yet: the plan itself, and where it is
    for: the address of someone we have none of, or a choice of wijk for someone who
    lives in more than one."""
    data = request.POST if request.method == "POST" else None
    where: forms.Form | None = None
    if not neighbourhoods:
        where = StartAddressForm(data)
    elif len(neighbourhoods) > 1:
        where = NeighbourhoodChoiceForm(data, neighbourhoods=neighbourhoods)
    return PlanForm(data), where


def _start(
    request: HttpRequest,
    plan_form: PlanForm,
    where: forms.Form | None,
    neighbourhoods: list[Neighbourhood],
) -> Initiative | None:
    """Create the plan from valid start forms, or put the service's errors on them."""
    fields = dict(plan_form.cleaned_data)
    point = {name: fields.pop(name) for name in POINT_FIELDS}
    title = fields.pop("title")
    address: dict[str, Any] | None = None
    neighbourhood = neighbourhoods[0] if len(neighbourhoods) == 1 else None
    if isinstance(where, StartAddressForm):
        address = {name: where.cleaned_data[name] for name in where.fields}
    elif isinstance(where, NeighbourhoodChoiceForm):
        neighbourhood = where.cleaned_data["neighbourhood"]
    try:
        return initiative_start(
            actor=signed_in_user(request),
            title=title,
            neighbourhood=neighbourhood,
            address=address,
            fields=fields,
            **point,
        )
    except ValidationError as exc:
        errors_to_forms(exc, *([where] if where is not None else []), plan_form)
        return None


@require_http_methods(["GET", "HEAD", "POST"])
def plan_start(request: HttpRequest) -> HttpResponse:
    """Step 1 of a new plan: its name and everything about it on one screen, and the
    first time also the resident's postcode and house number (issue #9: fewer page
    loads). Nothing is stored until the whole screen is valid."""
    user = signed_in_user(request)
    neighbourhoods = list(resident_neighbourhoods(user=user))
    plan_form, where = _start_forms(request, neighbourhoods)
    if request.method == "POST":
        # Check both parts, so that every error shows at once.
        valid = where is None or where.is_valid()
        valid = plan_form.is_valid() and valid
        initiative = (
            _start(request, plan_form, where, neighbourhoods) if valid else None
        )
        if initiative is not None:
            if request.POST.get("action") == "next":
                return redirect(_next_page(initiative, PLAN_STEP))
            messages.success(request, _("Your plan has been saved."))
            return redirect(_here(initiative, PLAN_STEP))
    errors = [
        *(error_items(where) if where is not None else []),
        *error_items(plan_form),
    ]
    return render(
        request,
        f"{TEMPLATES}/plan_start.html",
        {
            "form": plan_form,
            "where": where,
            "with_address": isinstance(where, StartAddressForm),
            "errors": errors,
            "steps": STEP_TITLES,
            "step": PLAN_STEP,
            "step_title": STEP_TITLES[PLAN_STEP],
            "last_step": SEND_STEP,
            "form_anchor": FORM_ANCHOR,
            "plans_count": initiatives_of_initiator_count(user=user),
        },
    )


POINT_FIELDS = ("latitude", "longitude")


def _plan_step(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    if request.method != "POST":
        initial = {name: getattr(initiative, name) for name in PlanForm.base_fields}
        form = PlanForm(initial=initial)
    else:
        form = PlanForm(request.POST)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            point = {name: fields.pop(name) for name in POINT_FIELDS}
            try:
                initiative_plan_save(
                    actor=signed_in_user(request),
                    initiative=initiative,
                    fields=fields,
                    **point,
                )
            except ValidationError as exc:
                errors_to_forms(exc, form)
            else:
                if request.POST.get("action") == "next":
                    return redirect(_next_page(initiative, PLAN_STEP))
                messages.success(request, _("Your plan has been saved."))
                return redirect(_here(initiative, PLAN_STEP))
    initiative.refresh_from_db()
    context = _wizard_context(initiative, PLAN_STEP)
    context.update({"form": form, "errors": error_items(form)})
    return render(request, f"{TEMPLATES}/plan_step.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def plan_step(
    request: HttpRequest, initiative_uuid: uuid.UUID, step: int
) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    if step == SEND_STEP:
        return redirect("initiatives:plan_submit", initiative_uuid=initiative.uuid)
    if step not in STEP_TITLES:
        raise Http404
    if initiative.status != S.DRAFT:
        return _not_a_draft(request, initiative)
    if step == PLAN_STEP:
        return _plan_step(request, initiative)
    return _money_step(request, initiative)


def _send_form(request: HttpRequest, initiative: Initiative) -> SendForm:
    version = version_for_sending(initiative=initiative)
    threshold = age_threshold(version)
    consent_below = version.parental_consent_below if version else 0
    if request.method == "POST":
        return SendForm(request.POST, threshold=threshold, consent_below=consent_below)
    initial: dict[str, Any] = {
        "full_name": initiative.initiator.full_name,
        "publish_initiator_name": initiative.publish_initiator_name
        or initiative.initiator.consent_publish_name,
        "publish_text_if_not_awarded": initiative.publish_text_if_not_awarded,
        "parental_consent": initiative.parental_consent,
        "parental_consent_name": initiative.parental_consent_name,
    }
    if initiative.applicant_age is not None:
        initial.update(age_band=AGE_NO, age=initiative.applicant_age)
    elif age_answered(initiative, threshold) or initiator_confirmed_age(
        user=initiative.initiator, threshold=threshold
    ):
        # Someone who said they are old enough, here or on an earlier plan, stays so.
        initial["age_band"] = AGE_YES
    return SendForm(initial=initial, threshold=threshold, consent_below=consent_below)


def _send(request: HttpRequest, initiative: Initiative, form: SendForm) -> bool:
    """Send the plan with the form's answers; on a refusal put every error on the
    form and return False."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    answers = SendAnswers(
        full_name=data["full_name"],
        of_age=form.of_age() if "age_band" in form.fields else None,
        age=data.get("age"),
        parental_consent=bool(data.get("parental_consent")),
        parental_consent_name=data.get("parental_consent_name", ""),
        publish_initiator_name=data["publish_initiator_name"],
        publish_text_if_not_awarded=data["publish_text_if_not_awarded"],
    )
    try:
        initiative_send(
            actor=signed_in_user(request), initiative=initiative, answers=answers
        )
    except ValidationError as exc:
        errors_to_forms(exc, form)
        return False
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def plan_submit(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    if initiative.status != S.DRAFT:
        return _not_a_draft(request, initiative)
    form = _send_form(request, initiative)
    if request.method == "POST" and _send(request, initiative, form):
        messages.success(
            request,
            _("Thank you. We have received your plan %(title)s.")
            % {"title": initiative.title},
        )
        return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
    initiative.refresh_from_db()
    context = _wizard_context(initiative, SEND_STEP)
    context.update({"form": form, "errors": error_items(form)})
    return render(request, f"{TEMPLATES}/plan_submit.html", context)
