"""The resident's plan wizard (issue #3, points 1–2): my plans, start a plan, four
short steps that save the draft, the summary with the full rule check, submission,
the plan page and withdrawal. Thin views: parse → access → service/selector → render.
Every page works without JavaScript."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.initiatives.checks import plan_checks
from wijkvoucher.initiatives.constants import Goal, InitiativeStatus
from wijkvoucher.initiatives.forms import (
    BudgetLineForm,
    ContributionForm,
    FoodDrinkForm,
    PlanStartForm,
    WhatForm,
    WhereWhenForm,
    WithdrawForm,
)
from wijkvoucher.initiatives.models import BudgetLine, Initiative, OwnContribution
from wijkvoucher.initiatives.permissions import access_own_initiative
from wijkvoucher.initiatives.rules import NOT_APPLICABLE, PASS, RuleCheck
from wijkvoucher.initiatives.selectors import (
    MISSING_LABELS,
    initiative_missing_for_submit,
    initiative_timeline,
    initiatives_of_initiator,
)
from wijkvoucher.initiatives.services import (
    budget_line_add,
    budget_line_remove,
    initiative_create,
    initiative_submit,
    initiative_update_draft,
    initiative_withdraw,
    own_contribution_add,
    own_contribution_remove,
)
from wijkvoucher.initiatives.workflow import WITHDRAWABLE
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods

S = InitiativeStatus
TEMPLATES = "initiatives/resident"

# The steps of the wizard: number → title. Step 4 leads to the summary.
STEP_TITLES = {
    1: gettext_lazy("What and why"),
    2: gettext_lazy("Where and when"),
    3: gettext_lazy("Costs"),
    4: gettext_lazy("Your own contribution"),
}
LAST_STEP = max(STEP_TITLES)

# Where the resident changes what a rule looks at (None: not in the wizard).
RULE_STEP = {
    "max_per_year": 3,
    "min_amount": 3,
    "max_per_voucher": 3,
    "excluded_categories": 3,
    "alcohol": 3,
    "food_drink": 3,
    "food_drink_cap": 3,
    "party_cap": 3,
    "hourly_fee_cap": 3,
    "lead_time": 2,
    "own_contribution": 4,
}
MISSING_STEP = {
    "title": 1,
    "description": 1,
    "starts_on": 2,
    "ends_on": 2,
    "budget_lines": 3,
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
    cannot be checked yet and what is fine."""

    blockers: list[PanelItem]
    warnings: list[PanelItem]
    open: list[PanelItem]
    passes: list[PanelItem]
    unavailable: str = ""


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(message) for message in exc.messages)


def _rule_panel(initiative: Initiative) -> RulePanel:
    try:
        checks = plan_checks(initiative=initiative)
    except ValidationError as exc:
        return RulePanel([], [], [], [], unavailable=_error_text(exc))
    items = [PanelItem(c, RULE_STEP.get(c.code)) for c in checks]
    return RulePanel(
        blockers=[i for i in items if i.check.blocks_submission],
        warnings=[
            i
            for i in items
            if i.check.outcome not in (PASS, NOT_APPLICABLE)
            and not i.check.blocks_submission
        ],
        open=[i for i in items if i.check.outcome == NOT_APPLICABLE],
        passes=[i for i in items if i.check.outcome == PASS],
    )


def _plan_context(initiative: Initiative) -> dict[str, Any]:
    lines = list(initiative.budget_lines.order_by("created_at", "pk"))
    contributions = list(initiative.own_contributions.order_by("created_at", "pk"))
    return {
        "initiative": initiative,
        "lines": lines,
        "lines_total": sum(line.amount_cents for line in lines),
        "contributions": contributions,
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
    return render(
        request,
        f"{TEMPLATES}/my_plans.html",
        {
            "plans": initiatives_of_initiator(user=user),
            "neighbourhoods": neighbourhoods,
            "form": PlanStartForm(neighbourhoods=neighbourhoods)
            if neighbourhoods
            else None,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def plan_start(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    neighbourhoods = resident_neighbourhoods(user=user)
    if not neighbourhoods:
        # my_plans explains why and how to add an address.
        return redirect("initiatives:my_plans")
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
    """Steps 1 and 2: a form over fields of the initiative itself."""
    form_class: type[forms.Form] = WhatForm if step == 1 else WhereWhenForm
    if request.method != "POST":
        initial = {name: getattr(initiative, name) for name in form_class.base_fields}
        return form_class(initial=initial), None
    form = form_class(request.POST)
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
            return form, _after_save(request, initiative, step)
    return form, None


def _is_empty(request: HttpRequest, form_class: type[forms.Form]) -> bool:
    return not any(
        request.POST.get(name, "").strip() for name in form_class.base_fields
    )


def _remove_row(request: HttpRequest, initiative: Initiative, step: int) -> None:
    user = signed_in_user(request)
    try:
        pk = int(request.POST["remove"])
    except ValueError:
        raise Http404 from None
    try:
        if step == 3:
            line = get_object_or_404(BudgetLine, pk=pk, initiative=initiative)
            budget_line_remove(actor=user, budget_line=line)
        else:
            contribution = get_object_or_404(
                OwnContribution, pk=pk, initiative=initiative
            )
            own_contribution_remove(actor=user, contribution=contribution)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Removed."))


def _add_row(form: forms.Form, initiative: Initiative, user: Any, step: int) -> None:
    data = form.cleaned_data
    if step == 3:
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


def _rows_form(
    request: HttpRequest, initiative: Initiative, step: int
) -> tuple[forms.Form, HttpResponse | None]:
    """Steps 3 and 4: a list of rows with remove buttons and a form to add one."""
    form_class: type[forms.Form] = BudgetLineForm if step == 3 else ContributionForm
    if request.method != "POST":
        return form_class(), None
    again = redirect(
        "initiatives:plan_step", initiative_uuid=initiative.uuid, step=step
    )
    if "remove" in request.POST:
        _remove_row(request, initiative, step)
        return form_class(), again
    if _is_empty(request, form_class):
        # Nothing typed in the add form: just move on (or stay).
        if request.POST.get("action") == "next":
            return form_class(), _after_save(request, initiative, step)
        return form_class(), again
    form = form_class(request.POST)
    if form.is_valid():
        try:
            _add_row(form, initiative, signed_in_user(request), step)
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
            return form, _after_save(request, initiative, 3)
    return form, None


def _shows_food_drink(initiative: Initiative, lines: list[BudgetLine]) -> bool:
    """Only a plan with food or drink is asked why; a reason already given stays
    visible so that it can be emptied after the food line is gone."""
    return bool(initiative.food_drink_motivation) or any(
        line.category == CostCategory.FOOD_DRINK for line in lines
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
    if step == 3 and request.POST.get("action") == FOOD_DRINK_ACTION:
        form: forms.Form = BudgetLineForm()
        food_form, response = _food_drink_form(request, initiative)
    else:
        handler = _fields_form if step in (1, 2) else _rows_form
        form, response = handler(request, initiative, step)
    if response is not None:
        return response
    initiative.refresh_from_db()
    context = _plan_context(initiative)
    if (
        step == 3
        and food_form is None
        and _shows_food_drink(initiative, context["lines"])
    ):
        food_form = FoodDrinkForm(
            initial={"food_drink_motivation": initiative.food_drink_motivation}
        )
    context.update(
        {
            "form": form,
            "food_form": food_form,
            "step": step,
            "step_title": STEP_TITLES[step],
            "panel": _rule_panel(initiative),
        }
    )
    return render(request, f"{TEMPLATES}/plan_step.html", context)


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
            error = _error_text(exc)
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
            "can_submit": not missing and not panel.blockers and not panel.unavailable,
        }
    )
    return render(request, f"{TEMPLATES}/plan_submit.html", context)


@require_http_methods(["GET", "HEAD"])
def plan_detail(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    context = _plan_context(initiative)
    context.update(
        {
            "timeline": initiative_timeline(initiative=initiative),
            "explanation": STATUS_EXPLANATIONS.get(S(initiative.status), ""),
            "can_withdraw": initiative.status in WITHDRAWABLE,
            "withdraw_form": WithdrawForm(),
            "requested_cents": initiative.requested_amount_cents
            or initiative.budget_lines.aggregate(total=Sum("amount_cents"))["total"]
            or 0,
            "is_draft": initiative.status == S.DRAFT,
        }
    )
    return render(request, f"{TEMPLATES}/plan_detail.html", context)


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
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("You have withdrawn your plan."))
    return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
