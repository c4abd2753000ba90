"""Pages for the beschikking (read by initiators and officials, also as PDF), the
official's decision page, cancellation and objections. Thin views: parse → access →
service/selector → render; a POST that succeeds redirects with a message, a refused
one shows the form again with the error at its field and the entered text kept."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import add_refusal, error_text
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.document import decision_document, decision_pdf
from wijkvoucher.decisions.forms import (
    DECISION_ERROR_FIELDS,
    CancelForm,
    DecisionForm,
)
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.permissions import (
    access_decision_for_reader,
)
from wijkvoucher.decisions.selectors import (
    objections_for_decision,
)
from wijkvoucher.decisions.services import (
    BINDING_MODES,
    decision_issue,
    decision_preview,
    execution_start,
    initiative_cancel,
)
from wijkvoucher.decisions.workflow import OUTCOMES_FROM
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import access_own_initiative, is_wijk_official
from wijkvoucher.initiatives.permissions_official import (
    access_initiative_for_official,
)
from wijkvoucher.initiatives.workflow import CANCELLABLE
from wijkvoucher.neighbourhoods.models import BudgetPeriod
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.budgets import (
    budget_period_current,
    budget_summary,
)
from wijkvoucher.regiegroep.selectors import advice_latest

S = InitiativeStatus


def _to_plan(initiative: Initiative) -> HttpResponse:
    return redirect("initiatives:official_plan", initiative_uuid=initiative.uuid)


def _stale(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    messages.error(
        request,
        _(
            "This step is not possible in the current status (%(status)s). "
            "The page shows what you can do now."
        )
        % {"status": initiative.get_status_display()},
    )
    return _to_plan(initiative)


# --- The beschikking -------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def decision_detail(request: HttpRequest, decision_uuid: uuid.UUID) -> HttpResponse:
    decision = access_decision_for_reader(request, decision_uuid)
    user = signed_in_user(request)
    official = user.pk != decision.initiative.initiator_id and is_wijk_official(
        user=user, initiative=decision.initiative
    )
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "document": decision_document(decision=decision),
            "is_official": official,
            "objections": list(objections_for_decision(decision=decision))
            if official
            else [],
        },
    )


@require_http_methods(["GET", "HEAD"])
def decision_pdf_download(
    request: HttpRequest, decision_uuid: uuid.UUID
) -> HttpResponse:
    decision = access_decision_for_reader(request, decision_uuid)
    response = HttpResponse(
        decision_pdf(decision=decision), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="beschikking-{decision.number}.pdf"'
    )
    return response


# --- Taking the decision -------------------------------------------------------------


def _outcome_choices(initiative: Initiative) -> list[tuple[str, str]]:
    allowed = OUTCOMES_FROM.get(S(initiative.status), frozenset())
    return [(o.value, str(o.label)) for o in DecisionOutcome if o in allowed]


def _budget_left(initiative: Initiative) -> int | None:
    period: BudgetPeriod | None = budget_period_current(
        neighbourhood=initiative.neighbourhood, on=timezone.localdate()
    )
    if period is None:
        return None
    summary = budget_summary(budget_period=period)
    return summary.available_cents if summary.published else None


def _decision_page(
    request: HttpRequest, initiative: Initiative, form: DecisionForm
) -> HttpResponse:
    advice = advice_latest(initiative=initiative)
    version = initiative.regulation_version
    mode = (
        advice.authority_mode if advice else (version.authority_mode if version else "")
    )
    return render(
        request,
        "decisions/official/decision_new.html",
        {
            "initiative": initiative,
            "advice": advice if initiative.status == S.ADVISED else None,
            "mode": mode,
            "binding": mode in BINDING_MODES,
            "budget_left": _budget_left(initiative),
            "form": form,
        },
    )


def _initial(initiative: Initiative) -> dict[str, Any]:
    advice = advice_latest(initiative=initiative)
    if advice is None or initiative.status != S.ADVISED:
        return {"outcome": "reject"} if initiative.status == S.CHECKED else {}
    return {
        "outcome": advice.outcome,
        "amount": advice.amount_cents or None,
        "conditions": advice.conditions,
        "reason_code": advice.reason_code,
        "motivation": advice.motivation if advice.reason_code else "",
    }


def _decision_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "outcome": data.get("outcome") or "",
        "amount_cents": data.get("amount") or 0,
        "reason_code": data.get("reason_code") or "",
        "motivation": data.get("motivation") or "",
        "public_explanation": data.get("public_explanation") or "",
        "conditions": data.get("conditions") or "",
        "deviation_motivation": data.get("deviation_motivation") or "",
    }


def _service_problems_too(
    request: HttpRequest, initiative: Initiative, form: DecisionForm
) -> None:
    """A form with field errors also shows what the service would refuse in the
    fields that are fine, so every problem is reported at once."""
    try:
        decision_preview(
            actor=signed_in_user(request),
            initiative=initiative,
            **_decision_kwargs(form.cleaned_data),
        )
    except ValidationError as exc:
        for error in exc.error_list:
            field = DECISION_ERROR_FIELDS.get(error.code or "")
            if field and field not in form.errors:
                form.add_error(field, error)


def _preview_page(
    request: HttpRequest, initiative: Initiative, form: DecisionForm, draft: Decision
) -> HttpResponse:
    response = render(
        request,
        "decisions/official/decision_preview.html",
        {
            "initiative": initiative,
            "form": form,
            "draft": draft,
            "document": decision_document(decision=draft),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _preview_pdf(draft: Decision) -> HttpResponse:
    response = HttpResponse(
        decision_pdf(decision=draft), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="concept-beschikking.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# What the decision page's buttons ask for: look at the beschikking first (as a page
# or as the PDF), go back to change it, or send it.
DECISION_STEPS = frozenset({"preview", "pdf", "edit", "issue"})


@require_http_methods(["GET", "HEAD", "POST"])
def decision_new(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_initiative_for_official(request, initiative_uuid)
    outcomes = _outcome_choices(initiative)
    if not outcomes:
        return _stale(request, initiative)
    if request.method != "POST":
        form = DecisionForm(initial=_initial(initiative), outcomes=outcomes)
        return _decision_page(request, initiative, form)
    form = DecisionForm(request.POST, outcomes=outcomes)
    step = request.POST.get("step", "issue")
    if step not in DECISION_STEPS:
        step = "issue"
    if step == "edit":
        return _decision_page(request, initiative, form)
    if not form.is_valid():
        _service_problems_too(request, initiative, form)
        return _decision_page(request, initiative, form)
    kwargs = _decision_kwargs(form.cleaned_data)
    actor = signed_in_user(request)
    try:
        if step in ("preview", "pdf"):
            draft = decision_preview(actor=actor, initiative=initiative, **kwargs)
            if step == "pdf":
                return _preview_pdf(draft)
            return _preview_page(request, initiative, form, draft)
        decision = decision_issue(actor=actor, initiative=initiative, **kwargs)
    except ValidationError as exc:
        add_refusal(form, exc, DECISION_ERROR_FIELDS)
        return _decision_page(request, initiative, form)
    messages.success(
        request,
        _("Decision %(number)s has been issued and sent to the initiator.")
        % {"number": decision.number},
    )
    return redirect("decisions:decision_detail", decision_uuid=decision.uuid)


@require_POST
def start(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_initiative_for_official(request, initiative_uuid)
    if initiative.status not in (S.AWARDED, S.PARTLY_AWARDED):
        return _stale(request, initiative)
    try:
        execution_start(actor=signed_in_user(request), initiative=initiative)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The plan is now being carried out."))
    return _to_plan(initiative)


# --- Cancelling ----------------------------------------------------------------------


def _cancel(
    request: HttpRequest, initiative: Initiative, template: str, done_url: str
) -> HttpResponse:
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative_cancel(
                actor=signed_in_user(request),
                initiative=initiative,
                reason_code=form.cleaned_data["reason_code"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"reason_required": "motivation"})
        else:
            messages.success(request, _("The plan has been cancelled."))
            return redirect(done_url)
    return render(request, template, {"initiative": initiative, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def cancel_official(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_initiative_for_official(request, initiative_uuid)
    if initiative.status not in CANCELLABLE:
        return _stale(request, initiative)
    return _cancel(
        request,
        initiative,
        "decisions/official/cancel.html",
        initiative_plan_url(initiative),
    )


def initiative_plan_url(initiative: Initiative) -> str:
    return reverse(
        "initiatives:official_plan", kwargs={"initiative_uuid": initiative.uuid}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cancel_own(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    plan_url = reverse(
        "initiatives:plan_detail", kwargs={"initiative_uuid": initiative.uuid}
    )
    if initiative.status not in CANCELLABLE:
        messages.error(request, _("This plan cannot be cancelled (any more)."))
        return redirect(plan_url)
    return _cancel(request, initiative, "decisions/cancel_own.html", plan_url)
