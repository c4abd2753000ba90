"""The resident's plan wizard (issues #3 and #9): my plans, a new plan, two steps
that save the draft, the page that checks and sends it, the plan page and withdrawal.
Thin views: parse → access → service/selector → render. Every page works without
JavaScript; every form lands the resident back at the form with its message in view."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import ErrorItem, error_items, error_text, errors_to_forms
from wijkvoucher.initiatives.checks import plan_checks, plan_has_food_drink
from wijkvoucher.initiatives.constants import Goal, InitiativeStatus
from wijkvoucher.initiatives.forms.participation import CoInitiatorInviteForm
from wijkvoucher.initiatives.forms.resident import (
    AGE_NO,
    AGE_YES,
    BudgetLineForm,
    ContributionForm,
    FoodDrinkForm,
    NeighbourhoodChoiceForm,
    PlanForm,
    SendForm,
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
    access_plan_part,
)
from wijkvoucher.initiatives.requirements import (
    MONEY_STEP,
    PLAN_STEP,
    SEND_STEP,
    age_answered,
    age_threshold,
    requirements_missing,
    version_for_sending,
)
from wijkvoucher.initiatives.rules import NOT_APPLICABLE, PASS, REVIEW, RuleCheck
from wijkvoucher.initiatives.selectors.initiatives import (
    budget_total_cents,
    initiative_handovers,
    initiative_timeline,
    initiatives_of_initiator,
    initiatives_of_initiator_count,
    initiator_confirmed_age,
)
from wijkvoucher.initiatives.selectors.participation import (
    attachments_of,
    initiatives_as_co_initiator,
    support_link,
    support_summary,
)
from wijkvoucher.initiatives.services import (
    budget_line_remove,
    co_initiator_invite,
    co_initiator_revoke,
    initiative_money_save,
    initiative_plan_save,
    initiative_send,
    initiative_start,
    initiative_withdraw,
    own_contribution_remove,
)
from wijkvoucher.initiatives.services.drafts import ContributionInput, LineInput
from wijkvoucher.initiatives.services.sending import SendAnswers
from wijkvoucher.initiatives.views.participation import participation_context
from wijkvoucher.initiatives.workflow import CANCELLABLE, WITHDRAWABLE
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.models import Neighbourhood, RegulationVersion
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods

S = InitiativeStatus
TEMPLATES = "initiatives/resident"

# The steps of the wizard: number → title. Step 3 checks the plan and sends it. The
# way from the home page to a sent plan stays short on a phone (issue #9: at most
# eight page loads, see tests/browser/test_resident_path.py).
STEP_TITLES = {
    PLAN_STEP: gettext_lazy("Your plan"),
    MONEY_STEP: gettext_lazy("Costs and own contribution"),
    SEND_STEP: gettext_lazy("Check and send"),
}

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
    "min_age": SEND_STEP,
    "parental_consent": SEND_STEP,
}
# Step 2 lists the costs and contributions so far and has empty rows to add more
# (one of each; with JavaScript the resident can add rows without a page load).
LINE_PREFIX = "line"
CONTRIBUTION_PREFIX = "contribution"
MAX_NEW_ROWS = 20
LineFormSet = forms.formset_factory(
    BudgetLineForm, extra=1, max_num=MAX_NEW_ROWS, absolute_max=MAX_NEW_ROWS
)
ContributionFormSet = forms.formset_factory(
    ContributionForm, extra=1, max_num=MAX_NEW_ROWS, absolute_max=MAX_NEW_ROWS
)
LineRows = forms.BaseFormSet[BudgetLineForm]
ContributionRows = forms.BaseFormSet[ContributionForm]
# Each page of the wizard has one form with this id. After a save or a refusal the
# message or the error summary at the top of that form takes the focus when the page
# loads (autofocus, no JavaScript needed), so it is in view (issue #9, point 2).
FORM_ANCHOR = "plan-form"

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


@dataclass(frozen=True)
class TodoItem:
    """One thing to do before the plan can be sent: ``text`` says what, ``step``
    where (None: outside the wizard) and ``field`` which input to jump to."""

    text: str
    step: int | None
    field: str = ""


@dataclass(frozen=True)
class Readiness:
    """The one list of what stands between a draft and sending it (issue #9,
    point 3): missing answers (requirements.py) and hard rule breaches. The panel,
    the banner on every step and the send page show this same list."""

    panel: RulePanel
    todo: list[TodoItem]

    @property
    def can_send(self) -> bool:
        return not self.todo


def _readiness(initiative: Initiative, version: RegulationVersion | None) -> Readiness:
    panel = _rule_panel(initiative)
    todo = [
        TodoItem(
            _("Fill in %(what)s.") % {"what": requirement.label},
            requirement.step,
            requirement.field,
        )
        for requirement in requirements_missing(initiative=initiative, version=version)
    ]
    todo.extend(
        TodoItem(f"{item.check.title}: {item.check.message}", item.step)
        for item in panel.blockers
    )
    if panel.unavailable:
        todo.append(TodoItem(panel.unavailable, None))
    return Readiness(panel=panel, todo=todo)


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
        "last_step": SEND_STEP,
        "form_anchor": FORM_ANCHOR,
    }


def _wizard_context(initiative: Initiative, step: int) -> dict[str, Any]:
    """What every page of the wizard shows beside its form: the steps, the to-do
    list and the rule check, and the link that neighbours use to support the plan."""
    version = version_for_sending(initiative=initiative)
    readiness = _readiness(initiative, version)
    context = _plan_context(initiative)
    context.update(
        {
            "step": step,
            "step_title": STEP_TITLES[step],
            "panel": readiness.panel,
            "todo": readiness.todo,
            "can_submit": readiness.can_send,
            "support": support_summary(initiative=initiative),
            "support_url": support_link(initiative),
            "support_needed": version.min_supporters
            if version is not None and version.support_evidence_required
            else 0,
            "decision_term_weeks": version.decision_term_weeks if version else 0,
        }
    )
    return context


def _here(initiative: Initiative, step: int) -> str:
    """The page of ``step`` after a save. Its message sits at the form and takes
    the focus when the page loads (autofocus), which also scrolls it into view. No
    fragment: a page opened at a fragment skips autofocus."""
    if step == SEND_STEP:
        return reverse("initiatives:plan_submit", args=[initiative.uuid])
    return reverse("initiatives:plan_step", args=[initiative.uuid, step])


def _next_page(initiative: Initiative, step: int) -> str:
    """The next step, from its top."""
    return _here(initiative, min(step + 1, SEND_STEP))


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
    return render(
        request,
        f"{TEMPLATES}/my_plans.html",
        {
            "plans": initiatives_of_initiator(user=user),
            "co_plans": initiatives_as_co_initiator(user=user),
            "neighbourhoods": resident_neighbourhoods(user=user),
        },
    )


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


# --- Step 1: the plan ---------------------------------------------------------------

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


# --- Step 2: costs and own contribution ---------------------------------------------


def _shows_food_drink(initiative: Initiative) -> bool:
    """Only a plan with food or drink (booked so, or named in a cost) is asked why; a
    reason already given stays visible so that it can be emptied after the food line
    is gone."""
    return bool(initiative.food_drink_motivation) or plan_has_food_drink(
        initiative=initiative
    )


def _remove_row(request: HttpRequest, initiative: Initiative) -> None:
    """A Remove button of step 2 (``line-<pk>`` or ``contribution-<pk>``)."""
    user = signed_in_user(request)
    kind, _sep, number = request.POST["remove"].partition("-")
    if kind not in (LINE_PREFIX, CONTRIBUTION_PREFIX) or not number.isdigit():
        raise Http404
    try:
        if kind == LINE_PREFIX:
            line = access_plan_part(BudgetLine, initiative=initiative, pk=int(number))
            budget_line_remove(actor=user, budget_line=line)
        else:
            row = access_plan_part(
                OwnContribution, initiative=initiative, pk=int(number)
            )
            own_contribution_remove(actor=user, contribution=row)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Removed."))


def _typed_rows(
    lines: LineRows, contributions: ContributionRows
) -> tuple[list[LineInput], list[ContributionInput]]:
    """The rows the resident filled in; untouched empty rows are skipped."""
    new_lines = [
        LineInput(
            description=f.cleaned_data["description"],
            category=f.cleaned_data["category"],
            amount_cents=f.cleaned_data["amount"],
            hours=f.cleaned_data["hours"],
            provider_name=f.cleaned_data["provider_name"],
        )
        for f in lines.forms
        if f.has_changed() and f.cleaned_data
    ]
    new_contributions = [
        ContributionInput(
            kind=f.cleaned_data["kind"],
            description=f.cleaned_data["description"],
            amount_cents=f.cleaned_data["amount"],
            hours=f.cleaned_data["hours"],
        )
        for f in contributions.forms
        if f.has_changed() and f.cleaned_data
    ]
    return new_lines, new_contributions


def _changed_forms(formset: LineRows | ContributionRows) -> list[forms.Form]:
    return [f for f in formset.forms if f.has_changed()]


def _put_row_errors(
    exc: ValidationError,
    lines: LineRows,
    contributions: ContributionRows,
    food_form: FoodDrinkForm,
) -> None:
    """A service's errors keyed ``line-<n>``/``contribution-<n>`` (the n-th typed
    row) onto the row they belong to."""
    targets = {
        LINE_PREFIX: _changed_forms(lines),
        CONTRIBUTION_PREFIX: _changed_forms(contributions),
    }
    for key, errors in exc.error_dict.items():
        kind, _sep, number = key.partition("-")
        if key == "food_drink_motivation":
            food_form.add_error(key, errors)
        elif kind in targets and number.isdigit():
            targets[kind][int(number)].add_error(None, errors)


def _money_errors(
    lines: LineRows,
    contributions: ContributionRows,
    food_form: FoodDrinkForm,
) -> list[ErrorItem]:
    errors: list[ErrorItem] = []
    for number, line in enumerate(lines.forms, start=1):
        prefix = _("New cost %(number)s") % {"number": number}
        errors.extend(error_items(line, prefix=f"{prefix} – "))
    for number, row in enumerate(contributions.forms, start=1):
        prefix = _("New contribution %(number)s") % {"number": number}
        errors.extend(error_items(row, prefix=f"{prefix} – "))
    errors.extend(error_items(food_form))
    return errors


def _money_step(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    lines = LineFormSet(data, prefix=LINE_PREFIX)
    contributions = ContributionFormSet(data, prefix=CONTRIBUTION_PREFIX)
    food_form = FoodDrinkForm(
        data, initial={"food_drink_motivation": initiative.food_drink_motivation}
    )
    if request.method == "POST":
        if "remove" in request.POST:
            _remove_row(request, initiative)
        valid = lines.is_valid() and contributions.is_valid()
        valid = food_form.is_valid() and valid
        if valid:
            new_lines, new_contributions = _typed_rows(lines, contributions)
            food = (
                food_form.cleaned_data["food_drink_motivation"]
                if "food_drink_motivation" in request.POST
                else None
            )
            try:
                initiative_money_save(
                    actor=signed_in_user(request),
                    initiative=initiative,
                    lines=new_lines,
                    contributions=new_contributions,
                    food_drink_motivation=food,
                )
            except ValidationError as exc:
                _put_row_errors(exc, lines, contributions, food_form)
            else:
                if request.POST.get("action") == "next":
                    return redirect(_next_page(initiative, MONEY_STEP))
                if new_lines or new_contributions or "remove" not in request.POST:
                    messages.success(request, _("Your costs have been saved."))
                return redirect(_here(initiative, MONEY_STEP))
    initiative.refresh_from_db()
    context = _wizard_context(initiative, MONEY_STEP)
    context.update(
        {
            "line_forms": lines,
            "contribution_forms": contributions,
            "food_form": food_form,
            "shows_food_drink": _shows_food_drink(initiative),
            "food_drink_category": CostCategory.FOOD_DRINK.value,
            "errors": _money_errors(lines, contributions, food_form),
        }
    )
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


# --- Step 3: check and send ---------------------------------------------------------


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
