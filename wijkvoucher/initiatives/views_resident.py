"""The resident's plan wizard (issue #3, points 1–2): my plans, start a plan, four
short steps that save the draft, the summary with the full rule check, submission,
the plan page and withdrawal. Thin views: parse → access → service/selector → render.
Every page works without JavaScript."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import error_text
from wijkvoucher.initiatives.checks import plan_checks, plan_has_food_drink
from wijkvoucher.initiatives.constants import Goal, InitiativeStatus
from wijkvoucher.initiatives.forms import (
    BudgetLineForm,
    CoInitiatorInviteForm,
    ContributionForm,
    FoodDrinkForm,
    PlanForm,
    PlanStartForm,
    StartAddressForm,
    WithdrawForm,
)
from wijkvoucher.initiatives.models import (
    BudgetLine,
    CoInitiator,
    Initiative,
    OwnContribution,
)
from wijkvoucher.initiatives.permissions import (
    access_own_initiative,
    access_participant_initiative,
)
from wijkvoucher.initiatives.rules import NOT_APPLICABLE, PASS, REVIEW, RuleCheck
from wijkvoucher.initiatives.selectors import (
    MISSING_LABELS,
    initiative_handovers,
    initiative_missing_for_submit,
    initiative_timeline,
    initiatives_of_initiator,
)
from wijkvoucher.initiatives.selectors_participation import (
    attachments_of,
    initiatives_as_co_initiator,
)
from wijkvoucher.initiatives.services import (
    budget_line_add,
    budget_line_remove,
    co_initiator_invite,
    co_initiator_revoke,
    initiative_create,
    initiative_create_with_address,
    initiative_point_set,
    initiative_submit,
    initiative_update_draft,
    initiative_withdraw,
    own_contribution_add,
    own_contribution_remove,
)
from wijkvoucher.initiatives.views_participation import participation_context
from wijkvoucher.initiatives.workflow import CANCELLABLE, WITHDRAWABLE
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods

S = InitiativeStatus
TEMPLATES = "initiatives/resident"

# The steps of the wizard: number → title. The last step leads to the summary. Two
# steps keep the way from the home page to a sent plan short on a phone (issue #3).
STEP_TITLES = {
    1: gettext_lazy("Your plan"),
    2: gettext_lazy("Costs and own contribution"),
}
PLAN_STEP = 1
MONEY_STEP = 2
LAST_STEP = max(STEP_TITLES)

# Where the resident changes what a rule looks at (None: not in the wizard).
RULE_STEP = {
    "max_per_year": MONEY_STEP,
    "min_amount": MONEY_STEP,
    "max_per_voucher": MONEY_STEP,
    "excluded_categories": MONEY_STEP,
    "alcohol": MONEY_STEP,
    "food_drink": MONEY_STEP,
    "food_drink_cap": MONEY_STEP,
    "party_cap": MONEY_STEP,
    "hourly_fee_cap": MONEY_STEP,
    "lead_time": PLAN_STEP,
    "public_space": PLAN_STEP,
    "execution_window": PLAN_STEP,
    "own_contribution": MONEY_STEP,
}
MISSING_STEP = {
    "title": PLAN_STEP,
    "description": PLAN_STEP,
    "starts_on": PLAN_STEP,
    "ends_on": PLAN_STEP,
    "budget_lines": MONEY_STEP,
}
# Step 2 holds two lists, each with its own add form: which one a POST is for.
LINE_PART = "line"
CONTRIBUTION_PART = "contribution"
ROW_FORMS: dict[str, type[forms.Form]] = {
    LINE_PART: BudgetLineForm,
    CONTRIBUTION_PART: ContributionForm,
}

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


@dataclass(frozen=True)
class PanelItem:
    check: RuleCheck
    step: int | None


@dataclass(frozen=True)
class RulePanel:
    """The rule check sorted for reading: what blocks first, then warnings, then what
    cannot be checked yet and what is fine; last the rules the regiegroep checks."""

    blockers: list[PanelItem]
    warnings: list[PanelItem]
    open: list[PanelItem]
    passes: list[PanelItem]
    unavailable: str = ""
    reviewed: list[PanelItem] = field(default_factory=list)


def _rule_panel(initiative: Initiative) -> RulePanel:
    try:
        checks = plan_checks(initiative=initiative)
    except ValidationError as exc:
        return RulePanel([], [], [], [], unavailable=error_text(exc))
    items = [PanelItem(c, RULE_STEP.get(c.code)) for c in checks]
    return RulePanel(
        blockers=[i for i in items if i.check.blocks_submission],
        warnings=[
            i
            for i in items
            if i.check.outcome not in (PASS, NOT_APPLICABLE, REVIEW)
            and not i.check.blocks_submission
        ],
        open=[i for i in items if i.check.outcome == NOT_APPLICABLE],
        passes=[i for i in items if i.check.outcome == PASS],
        reviewed=[i for i in items if i.check.outcome == REVIEW],
    )


def _plan_context(initiative: Initiative) -> dict[str, Any]:
    lines = list(initiative.budget_lines.order_by("created_at", "pk"))
    contributions = list(initiative.own_contributions.order_by("created_at", "pk"))
    return {
        "initiative": initiative,
        "lines": lines,
        "lines_total": sum(line.amount_cents for line in lines),
        "contributions": contributions,
        "attachments": attachments_of(initiative=initiative),
        "goal_labels": [Goal(g).label for g in initiative.goals if g in Goal.values],
        "steps": STEP_TITLES,
        "last_step": LAST_STEP,
    }


def _not_a_draft(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    messages.info(
        request,
        _("This plan has been sent in, so you can no longer change it."),
    )
    return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)


# --- My plans and a new plan --------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def my_plans(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    neighbourhoods = resident_neighbourhoods(user=user)
    start_form: forms.Form = (
        PlanStartForm(neighbourhoods=neighbourhoods)
        if neighbourhoods
        else StartAddressForm()
    )
    return render(
        request,
        f"{TEMPLATES}/my_plans.html",
        {
            "plans": initiatives_of_initiator(user=user),
            "co_plans": initiatives_as_co_initiator(user=user),
            "neighbourhoods": neighbourhoods,
            "form": start_form,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def plan_start(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    neighbourhoods = resident_neighbourhoods(user=user)
    if not neighbourhoods:
        # A first-time resident gives their address on this same screen.
        return _plan_start_with_address(request)
    form = PlanStartForm(
        request.POST if request.method == "POST" else None,
        neighbourhoods=neighbourhoods,
    )
    if form.is_valid():
        try:
            initiative = initiative_create(
                actor=user,
                neighbourhood=form.chosen_neighbourhood(),
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(
                "initiatives:plan_step", initiative_uuid=initiative.uuid, step=1
            )
    return render(request, f"{TEMPLATES}/plan_start.html", {"form": form})


def _plan_start_with_address(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = StartAddressForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            initiative = initiative_create_with_address(
                actor=user,
                title=data["title"],
                postcode=data["postcode"],
                house_number=data["house_number"],
                house_letter=data["house_letter"],
                house_number_addition=data["house_number_addition"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect(
                "initiatives:plan_step", initiative_uuid=initiative.uuid, step=1
            )
    return render(
        request, f"{TEMPLATES}/plan_start.html", {"form": form, "with_address": True}
    )


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's errors at the fields the form has; the rest above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- The steps ----------------------------------------------------------------------


def _after_save(
    request: HttpRequest, initiative: Initiative, step: int
) -> HttpResponse:
    if request.POST.get("action") == "next":
        if step >= LAST_STEP:
            return redirect("initiatives:plan_submit", initiative_uuid=initiative.uuid)
        return redirect(
            "initiatives:plan_step", initiative_uuid=initiative.uuid, step=step + 1
        )
    messages.success(request, _("Saved."))
    return redirect("initiatives:plan_step", initiative_uuid=initiative.uuid, step=step)


def _fields_form(
    request: HttpRequest, initiative: Initiative, step: int
) -> tuple[forms.Form, HttpResponse | None]:
    """Step 1: a form over fields of the initiative itself."""
    form_class: type[forms.Form] = PlanForm
    if request.method != "POST":
        initial = {name: getattr(initiative, name) for name in form_class.base_fields}
        return form_class(initial=initial), None
    form = form_class(request.POST)
    if form.is_valid():
        fields = dict(form.cleaned_data)
        point = {name: fields.pop(name) for name in POINT_FIELDS if name in fields}
        user = signed_in_user(request)
        try:
            initiative_update_draft(actor=user, initiative=initiative, **fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            try:
                if point:
                    initiative_point_set(actor=user, initiative=initiative, **point)
            except ValidationError as exc:
                form.add_error("latitude", exc)
            else:
                return form, _after_save(request, initiative, step)
    return form, None


POINT_FIELDS = ("latitude", "longitude")


def _is_empty(request: HttpRequest, form_class: type[forms.Form]) -> bool:
    return not any(
        request.POST.get(name, "").strip() for name in form_class.base_fields
    )


def _remove_row(request: HttpRequest, initiative: Initiative, part: str) -> None:
    user = signed_in_user(request)
    try:
        pk = int(request.POST["remove"])
    except ValueError:
        raise Http404 from None
    try:
        if part == LINE_PART:
            line = get_object_or_404(BudgetLine, pk=pk, initiative=initiative)
            budget_line_remove(actor=user, budget_line=line)
        else:
            contribution = get_object_or_404(
                OwnContribution, pk=pk, initiative=initiative
            )
            own_contribution_remove(actor=user, contribution=contribution)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Removed."))


def _add_row(form: forms.Form, initiative: Initiative, user: Any, part: str) -> None:
    data = form.cleaned_data
    if part == LINE_PART:
        budget_line_add(
            actor=user,
            initiative=initiative,
            description=data["description"],
            category=data["category"],
            amount_cents=data["amount"],
            hours=data["hours"],
            provider_name=data["provider_name"],
        )
    else:
        own_contribution_add(
            actor=user,
            initiative=initiative,
            kind=data["kind"],
            description=data["description"],
            amount_cents=data["amount"],
            hours=data["hours"],
        )


def _posted_part(request: HttpRequest) -> str:
    part = request.POST.get("part", LINE_PART)
    if part not in ROW_FORMS:
        raise Http404
    return part


def _rows_form(
    request: HttpRequest, initiative: Initiative, step: int
) -> tuple[forms.Form, HttpResponse | None]:
    """Step 2: two lists of rows (costs, own contribution), each with remove buttons
    and a form to add one. The form returned is the one that was posted."""
    if request.method != "POST":
        return BudgetLineForm(), None
    part = _posted_part(request)
    form_class = ROW_FORMS[part]
    again = redirect(
        "initiatives:plan_step", initiative_uuid=initiative.uuid, step=step
    )
    if "remove" in request.POST:
        _remove_row(request, initiative, part)
        return form_class(), again
    if _is_empty(request, form_class):
        # Nothing typed in the add form: just move on (or stay).
        if request.POST.get("action") == "next":
            return form_class(), _after_save(request, initiative, step)
        return form_class(), again
    form = form_class(request.POST)
    if form.is_valid():
        try:
            _add_row(form, initiative, signed_in_user(request), part)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return form, _after_save(request, initiative, step)
    return form, None


FOOD_DRINK_ACTION = "food_drink"


def _food_drink_form(
    request: HttpRequest, initiative: Initiative
) -> tuple[FoodDrinkForm, HttpResponse | None]:
    """Step 3, its own small form under the costs: why the plan needs food and
    drink. Saves and stays on the step."""
    form = FoodDrinkForm(request.POST)
    if form.is_valid():
        try:
            initiative_update_draft(
                actor=signed_in_user(request),
                initiative=initiative,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return form, _after_save(request, initiative, MONEY_STEP)
    return form, None


def _shows_food_drink(initiative: Initiative) -> bool:
    """Only a plan with food or drink (booked so, or named in a cost) is asked why; a
    reason already given stays visible so that it can be emptied after the food line
    is gone."""
    return bool(initiative.food_drink_motivation) or plan_has_food_drink(
        initiative=initiative
    )


@require_http_methods(["GET", "HEAD", "POST"])
def plan_step(
    request: HttpRequest, initiative_uuid: uuid.UUID, step: int
) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    if step not in STEP_TITLES:
        raise Http404
    if initiative.status != S.DRAFT:
        return _not_a_draft(request, initiative)
    food_form: FoodDrinkForm | None = None
    if step == MONEY_STEP and request.POST.get("action") == FOOD_DRINK_ACTION:
        form: forms.Form = BudgetLineForm()
        food_form, response = _food_drink_form(request, initiative)
    else:
        handler = _fields_form if step == PLAN_STEP else _rows_form
        form, response = handler(request, initiative, step)
    if response is not None:
        return response
    initiative.refresh_from_db()
    context = _plan_context(initiative)
    if step == MONEY_STEP:
        # Both add forms are on the page; the one that was posted keeps its input.
        context["line_form"] = (
            form if isinstance(form, BudgetLineForm) else (BudgetLineForm())
        )
        context["contribution_form"] = (
            form if isinstance(form, ContributionForm) else ContributionForm()
        )
    if step == MONEY_STEP and food_form is None and _shows_food_drink(initiative):
        food_form = FoodDrinkForm(
            initial={"food_drink_motivation": initiative.food_drink_motivation}
        )
    panel = _rule_panel(initiative)
    context.update(
        {
            "form": form,
            "food_form": food_form,
            "step": step,
            "step_title": STEP_TITLES[step],
            "panel": panel,
            # On the last step a complete plan that fits the rules can be sent at
            # once; the summary page stays one link away.
            "can_submit": step == LAST_STEP and _can_submit(initiative, panel),
        }
    )
    return render(request, f"{TEMPLATES}/plan_step.html", context)


def _can_submit(initiative: Initiative, panel: RulePanel) -> bool:
    return (
        not initiative_missing_for_submit(initiative=initiative)
        and not panel.blockers
        and not panel.unavailable
    )


# --- Submit, the plan page, withdraw ------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def plan_submit(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    if initiative.status != S.DRAFT:
        return _not_a_draft(request, initiative)
    error = ""
    if request.method == "POST":
        try:
            initiative_submit(actor=signed_in_user(request), initiative=initiative)
        except ValidationError as exc:
            error = error_text(exc)
        else:
            messages.success(
                request,
                _("Thank you. We have received your plan %(title)s.")
                % {"title": initiative.title},
            )
            return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
        initiative.refresh_from_db()
    missing = [
        {"label": MISSING_LABELS[key], "step": MISSING_STEP[key]}
        for key in initiative_missing_for_submit(initiative=initiative)
    ]
    panel = _rule_panel(initiative)
    context = _plan_context(initiative)
    context.update(
        {
            "panel": panel,
            "missing": missing,
            "error": error,
            "can_submit": _can_submit(initiative, panel),
        }
    )
    return render(request, f"{TEMPLATES}/plan_submit.html", context)


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
            or initiative.budget_lines.aggregate(total=Sum("amount_cents"))["total"]
            or 0,
            "is_draft": initiative.status == S.DRAFT,
            "is_initiator": is_initiator,
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
    row = get_object_or_404(
        CoInitiator, pk=co_initiator_id, initiative=initiative, revoked_at__isnull=True
    )
    try:
        co_initiator_revoke(actor=signed_in_user(request), co_initiator=row)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The invitation has been withdrawn."))
    return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
