"""The officials' pages: a plan's execution file (spending, report, changes,
settling and reclaiming), deciding a change (also the regiegroep's chair or
secretary under MANDAAT), recording a payment back, and the wijk's random sample."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.accountability.forms import (
    ChangeDecisionForm,
    RecoveryForm,
    RecoveryPaymentForm,
    RecoveryWaiveForm,
    SettleForm,
)
from wijkvoucher.accountability.models import Recovery
from wijkvoucher.accountability.permissions import (
    access_change_to_decide,
    access_plan_for_official,
    access_recovery_payment,
    access_recovery_waive,
)
from wijkvoucher.accountability.selectors import (
    changes_waiting,
    execution_file,
    plans_to_settle,
    recoveries_open,
    sample_candidates,
    sample_draws,
    sample_pick,
    spending_for,
)
from wijkvoucher.accountability.services import (
    plan_change_decide,
    recovery_open,
    recovery_payment_record,
    recovery_waive,
    sample_draw_make,
    settlement_make,
)
from wijkvoucher.core.forms import add_refusal
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.permissions import require_official, signed_in_user


def _waive_prefix(recovery: Recovery) -> str:
    return f"waive-{recovery.pk}"


def _file_page(
    request: HttpRequest,
    initiative: Initiative,
    settle_form: SettleForm | None = None,
    recovery_form: RecoveryForm | None = None,
    waive_form: RecoveryWaiveForm | None = None,
) -> HttpResponse:
    file = execution_file(initiative=initiative)
    for recovery in file.recoveries:
        # Each open recovery has its own waiver form (its own field ids); a refused
        # one comes back with what was typed.
        recovery.waive_form = (  # type: ignore[attr-defined]
            waive_form
            if waive_form is not None and waive_form.prefix == _waive_prefix(recovery)
            else RecoveryWaiveForm(prefix=_waive_prefix(recovery))
        )
    return render(
        request,
        "accountability/official/execution.html",
        {
            "initiative": initiative,
            "file": file,
            "spending": spending_for(initiative=initiative),
            "settle_form": settle_form or SettleForm(),
            "recovery_form": recovery_form or RecoveryForm(),
            "payment_form": RecoveryPaymentForm(),
        },
    )


@require_http_methods(["GET", "HEAD"])
def official_execution(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> HttpResponse:
    initiative = access_plan_for_official(request, initiative_uuid)
    return _file_page(request, initiative)


@require_http_methods(["POST"])
def settle(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_plan_for_official(request, initiative_uuid)
    form = SettleForm(request.POST)
    if form.is_valid():
        try:
            settlement_make(
                actor=signed_in_user(request),
                initiative=initiative,
                motivation=form.cleaned_data["motivation"],
                sample_check=form.cleaned_data["sample_check"],
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"sample_check_required": "sample_check"})
        else:
            messages.success(
                request,
                _(
                    "The plan is settled. Money that was not spent has gone back "
                    "to the wijk budget."
                ),
            )
            return redirect(
                "accountability:official_execution", initiative_uuid=initiative.uuid
            )
    return _file_page(request, initiative, settle_form=form)


@require_http_methods(["POST"])
def recover(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_plan_for_official(request, initiative_uuid)
    form = RecoveryForm(request.POST)
    if form.is_valid():
        try:
            recovery_open(
                actor=signed_in_user(request),
                initiative=initiative,
                reason=form.cleaned_data["reason"],
                amount_cents=form.cleaned_data["amount"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as exc:
            add_refusal(
                form,
                exc,
                {"amount_invalid": "amount", "motivation_required": "motivation"},
            )
        else:
            messages.success(request, _("The beschikking to reclaim has been sent."))
            return redirect(
                "accountability:official_execution", initiative_uuid=initiative.uuid
            )
    return _file_page(request, initiative, recovery_form=form)


@require_http_methods(["POST"])
def recovery_payment(request: HttpRequest, recovery_uuid: uuid.UUID) -> HttpResponse:
    recovery = access_recovery_payment(request, recovery_uuid)
    form = RecoveryPaymentForm(request.POST)
    if form.is_valid():
        try:
            recovery_payment_record(
                actor=signed_in_user(request),
                recovery=recovery,
                amount_cents=form.cleaned_data["amount"],
                received_on=form.cleaned_data["received_on"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The payment has been recorded."))
    else:
        messages.error(request, _("Enter the amount and the date of the payment."))
    return redirect(
        "accountability:official_execution", initiative_uuid=recovery.initiative.uuid
    )


@require_http_methods(["POST"])
def waive(request: HttpRequest, recovery_uuid: uuid.UUID) -> HttpResponse:
    recovery = access_recovery_waive(request, recovery_uuid)
    initiative = recovery.initiative
    form = RecoveryWaiveForm(request.POST, prefix=_waive_prefix(recovery))
    if form.is_valid():
        try:
            recovery_waive(
                actor=signed_in_user(request),
                recovery=recovery,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"reason_required": "reason", "too_long": "reason"})
        else:
            messages.success(
                request,
                _(
                    "The rest of the amount is waived. The initiator receives the "
                    "decision."
                ),
            )
            return redirect(
                "accountability:official_execution", initiative_uuid=initiative.uuid
            )
    return _file_page(request, initiative, waive_form=form)


@require_http_methods(["GET", "HEAD", "POST"])
def change_decide(request: HttpRequest, change_uuid: uuid.UUID) -> HttpResponse:
    change = access_change_to_decide(request, change_uuid)
    initiative = change.initiative
    form = ChangeDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_change_decide(
                actor=signed_in_user(request),
                change=change,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"note_required": "note"})
        else:
            messages.success(request, _("Your decision has been sent."))
            return redirect("accountability:change_decide", change_uuid=change.uuid)
    file = execution_file(initiative=initiative)
    return render(
        request,
        "accountability/official/change_decide.html",
        {"change": change, "initiative": initiative, "file": file, "form": form},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def overview(request: HttpRequest) -> HttpResponse:
    """The official's list: changes to decide, plans to settle, the sample per
    wijk (with a button to draw), open recoveries."""
    neighbourhoods = list(require_official(request))
    if request.method == "POST":
        chosen = next(
            (n for n in neighbourhoods if n.slug == request.POST.get("wijk")), None
        )
        if chosen is None:
            raise Http404
        try:
            draw = sample_draw_make(actor=signed_in_user(request), neighbourhood=chosen)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The sample has been drawn: %(count)s of %(total)s plans.")
                % {"count": len(draw.drawn), "total": len(draw.population)},
            )
        return redirect("accountability:overview")
    draws = list(sample_draws(neighbourhoods=neighbourhoods)[:20])
    for draw in draws:
        # Anyone can re-run the draw from its seed: show that it gives the same list.
        draw.reproduced = (  # type: ignore[attr-defined]
            sample_pick(draw.population, draw.seed, len(draw.drawn)) == draw.drawn
        )
    return render(
        request,
        "accountability/official/overview.html",
        {
            "changes": list(changes_waiting(neighbourhoods=neighbourhoods)),
            "plans": list(plans_to_settle(neighbourhoods=neighbourhoods)),
            "draws": draws,
            "candidates": [
                (n, len(sample_candidates(neighbourhood=n))) for n in neighbourhoods
            ],
            "recoveries": list(recoveries_open(neighbourhoods=neighbourhoods)),
        },
    )
