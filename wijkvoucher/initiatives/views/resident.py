"""The resident's plans (issues #3 and #9): my plans, the plan page, withdrawal and
inviting co-initiators. The wizard that writes and sends a plan is in ``wizard`` (a new
plan, steps 1 and 3) and ``costs`` (step 2); what its pages share is in ``steps``.
Thin views: parse → access → service/selector → render. Every page works without
JavaScript; every form lands the resident back at the form with its message in view."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import error_text
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.forms.participation import CoInitiatorInviteForm
from wijkvoucher.initiatives.forms.resident import (
    WithdrawForm,
)
from wijkvoucher.initiatives.models import (
    CoInitiator,
    Initiative,
)
from wijkvoucher.initiatives.panels import RESIDENT_PLAN
from wijkvoucher.initiatives.permissions import (
    access_own_initiative,
    access_participant_initiative,
    access_plan_part,
)
from wijkvoucher.initiatives.selectors.initiatives import (
    budget_total_cents,
    initiative_handovers,
    initiative_timeline,
    initiatives_of_initiator,
)
from wijkvoucher.initiatives.selectors.participation import (
    initiatives_as_co_initiator,
)
from wijkvoucher.initiatives.services import (
    co_initiator_invite,
    co_initiator_revoke,
    initiative_withdraw,
)
from wijkvoucher.initiatives.views.participation import participation_context
from wijkvoucher.initiatives.views.steps import (
    TEMPLATES,
    _plan_context,
)
from wijkvoucher.initiatives.workflow import CANCELLABLE, WITHDRAWABLE
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods

S = InitiativeStatus

STATUS_EXPLANATIONS = {
    S.DRAFT: gettext_lazy(
        "You are still writing this plan. Nobody at the municipality can see it yet."
    ),
    S.SUBMITTED: gettext_lazy(
        "We have received your plan. Your contact person checks it and tells you "
        "what happens next."
    ),
    S.INFORMATION_REQUESTED: gettext_lazy(
        "The municipality needs more information from you. Your contact person has "
        "told you what is missing."
    ),
    S.AWARDED: gettext_lazy("Your plan gets money."),
    S.PARTLY_AWARDED: gettext_lazy("Your plan gets part of the money you asked for."),
    S.REJECTED: gettext_lazy("Your plan does not get money. The decision says why."),
    S.WITHDRAWN: gettext_lazy("You have withdrawn this plan."),
}


# --- My plans -----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def my_plans(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(
        request,
        f"{TEMPLATES}/my_plans.html",
        {
            "plans": initiatives_of_initiator(user=user),
            "co_plans": initiatives_as_co_initiator(user=user),
            "neighbourhoods": resident_neighbourhoods(user=user),
        },
    )


# --- The plan page, withdraw --------------------------------------------------------


def plan_detail_page(
    request: HttpRequest,
    initiative: Initiative,
    *,
    invite_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    """The plan page, for the initiator and (read-only) for co-initiators. Also
    rendered by the invite view to show a form with its errors."""
    user = signed_in_user(request)
    is_initiator = user.pk == initiative.initiator_id
    context = _plan_context(initiative)
    context.update(
        {
            "timeline": initiative_timeline(initiative=initiative),
            "explanation": STATUS_EXPLANATIONS.get(S(initiative.status), ""),
            "can_withdraw": is_initiator and initiative.status in WITHDRAWABLE,
            "can_cancel": is_initiator and initiative.status in CANCELLABLE,
            "handovers": initiative_handovers(initiative=initiative),
            "withdraw_form": WithdrawForm(),
            "requested_cents": initiative.requested_amount_cents
            or budget_total_cents(initiative=initiative),
            "is_draft": initiative.status == S.DRAFT,
            "is_initiator": is_initiator,
            "panels": RESIDENT_PLAN.render(request, initiative),
            **participation_context(
                request, initiative, is_initiator=is_initiator, invite_form=invite_form
            ),
        }
    )
    return render(request, f"{TEMPLATES}/plan_detail.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def plan_detail(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_participant_initiative(request, initiative_uuid)
    return plan_detail_page(request, initiative)


@require_POST
def plan_withdraw(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    form = WithdrawForm(request.POST)
    motivation = form.cleaned_data["motivation"] if form.is_valid() else ""
    try:
        initiative_withdraw(
            actor=signed_in_user(request), initiative=initiative, motivation=motivation
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("You have withdrawn your plan."))
    return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)


# --- Co-initiators ------------------------------------------------------------------


@require_POST
def co_initiator_invite_view(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    form = CoInitiatorInviteForm(request.POST)
    if form.is_valid():
        try:
            co_initiator_invite(
                actor=signed_in_user(request),
                initiative=initiative,
                email=form.cleaned_data["email"],
            )
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(
                request,
                _("We have sent an invitation to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(
                f"{reverse('initiatives:plan_detail', args=[initiative.uuid])}"
                "#co-initiators-heading"
            )
    return plan_detail_page(request, initiative, invite_form=form)


@require_POST
def co_initiator_revoke_view(
    request: HttpRequest, initiative_uuid: uuid.UUID, co_initiator_id: int
) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    row = access_plan_part(
        CoInitiator,
        initiative=initiative,
        pk=co_initiator_id,
        revoked_at__isnull=True,
    )
    try:
        co_initiator_revoke(actor=signed_in_user(request), co_initiator=row)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The invitation has been withdrawn."))
    return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
