"""Step 2 of the plan wizard: the costs and the own contribution, as rows the resident
adds, changes and removes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wijkvoucher.core.forms import ErrorItem, error_items, error_text
from wijkvoucher.initiatives.checks import plan_has_food_drink
from wijkvoucher.initiatives.forms.resident import (
    BudgetLineForm,
    ContributionForm,
    FoodDrinkForm,
)
from wijkvoucher.initiatives.models import (
    BudgetLine,
    Initiative,
    OwnContribution,
)
from wijkvoucher.initiatives.permissions import (
    access_plan_part,
)
from wijkvoucher.initiatives.requirements import (
    MONEY_STEP,
)
from wijkvoucher.initiatives.services import (
    initiative_money_save,
)
from wijkvoucher.initiatives.services.drafts import ContributionInput, LineInput
from wijkvoucher.initiatives.views.steps import (
    TEMPLATES,
    _here,
    _next_page,
    _wizard_context,
)
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.permissions import signed_in_user

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


def _shows_food_drink(initiative: Initiative) -> bool:
    """Only a plan with food or drink (booked so, or named in a cost) is asked why; a
    reason already given stays visible so that it can be emptied after the food line
    is gone."""
    return bool(initiative.food_drink_motivation) or plan_has_food_drink(
        initiative=initiative
    )


def _row_to_remove(
    request: HttpRequest, initiative: Initiative
) -> BudgetLine | OwnContribution | None:
    """The row of a Remove button of step 2 (``line-<pk>`` or ``contribution-<pk>``),
    or None when no Remove button was pressed."""
    if "remove" not in request.POST:
        return None
    kind, _sep, number = request.POST["remove"].partition("-")
    if kind not in (LINE_PREFIX, CONTRIBUTION_PREFIX) or not number.isdigit():
        raise Http404
    if kind == LINE_PREFIX:
        return access_plan_part(BudgetLine, initiative=initiative, pk=int(number))
    return access_plan_part(OwnContribution, initiative=initiative, pk=int(number))


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


def _money_save(
    request: HttpRequest,
    initiative: Initiative,
    lines: LineRows,
    contributions: ContributionRows,
    food_form: FoodDrinkForm,
) -> HttpResponse | None:
    """Save step 2 as posted, in one service call: the removed row and, when the
    forms are valid, the typed rows. None when the step is shown again."""
    remove = _row_to_remove(request, initiative)
    valid = lines.is_valid() and contributions.is_valid()
    valid = food_form.is_valid() and valid
    if not valid and remove is None:
        return None
    new_lines, new_contributions = (
        _typed_rows(lines, contributions) if valid else ([], [])
    )
    food = (
        food_form.cleaned_data["food_drink_motivation"]
        if valid and "food_drink_motivation" in request.POST
        else None
    )
    try:
        initiative_money_save(
            actor=signed_in_user(request),
            initiative=initiative,
            remove=remove,
            lines=new_lines,
            contributions=new_contributions,
            food_drink_motivation=food,
        )
    except ValidationError as exc:
        if "remove" in exc.error_dict:
            messages.error(
                request, error_text(ValidationError(exc.error_dict["remove"]))
            )
        _put_row_errors(exc, lines, contributions, food_form)
        return None
    if remove is not None:
        messages.success(request, _("Removed."))
    if not valid:
        return None
    if request.POST.get("action") == "next":
        return redirect(_next_page(initiative, MONEY_STEP))
    if new_lines or new_contributions or remove is None:
        messages.success(request, _("Your costs have been saved."))
    return redirect(_here(initiative, MONEY_STEP))


def _money_step(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    lines = LineFormSet(data, prefix=LINE_PREFIX)
    contributions = ContributionFormSet(data, prefix=CONTRIBUTION_PREFIX)
    food_form = FoodDrinkForm(
        data, initial={"food_drink_motivation": initiative.food_drink_motivation}
    )
    if request.method == "POST":
        done = _money_save(request, initiative, lines, contributions, food_form)
        if done is not None:
            return done
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
