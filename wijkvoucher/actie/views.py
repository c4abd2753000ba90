"""The ACTIE pages: the plan form and its history, the wijk form and its history,
one assessment (radar, table, ACTIE-punten, PDF) and the report. Thin views:
parse → access → service or selector → render; a refused form comes back with
everything entered."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.actie.chart import radar_chart, radar_table
from wijkvoucher.actie.constants import Letter, Variant
from wijkvoucher.actie.document import actie_pdf
from wijkvoucher.actie.forms import (
    UNKNOWN,
    ActieForm,
    InitiativeActieForm,
    WijkActieForm,
)
from wijkvoucher.actie.models import ActieAssessment
from wijkvoucher.actie.permissions import (
    access_assessment,
    access_initiative_actie,
    access_wijk_actie,
    may_assess_initiative,
    may_assess_wijk,
    require_report_reader,
)
from wijkvoucher.actie.scoring import letter_scores
from wijkvoucher.actie.selectors import (
    HistoryRow,
    actie_averages,
    assessment_result,
    initiative_history,
    latest_for_initiative,
    previous_of,
    scores_of,
    support_needs_frequency,
    wijk_history,
)
from wijkvoucher.actie.services import actie_initiative_record, actie_wijk_record
from wijkvoucher.core.forms import add_refusal
from wijkvoucher.neighbourhoods.permissions import signed_in_user


def _initial_from(assessment: ActieAssessment | None) -> dict[str, Any]:
    """The previous answers as the start of a new assessment (a new row is recorded;
    the old one stays in the history)."""
    if assessment is None:
        return {}
    initial: dict[str, Any] = {}
    for answer in assessment.answers.all():
        initial[f"score_{answer.item}"] = (
            UNKNOWN if answer.score is None else str(answer.score)
        )
        initial[f"note_{answer.item}"] = answer.note
    for letter in Letter:
        initial[f"points_{letter.value}"] = assessment.points.get(letter.value, "")
    initial["role_chosen"] = assessment.role_chosen
    return initial


def _form_page(
    request: HttpRequest, form: ActieForm, context: dict[str, Any]
) -> HttpResponse:
    return render(request, "actie/form.html", {"form": form, **context})


def _history_page(
    request: HttpRequest, history: list[HistoryRow], may_assess: bool, **subject: Any
) -> HttpResponse:
    return render(
        request,
        "actie/history.html",
        {
            **subject,
            "history": history,
            "may_assess": may_assess,
            "letters": list(Letter),
        },
    )


def _save(
    request: HttpRequest,
    form: ActieForm,
    context: dict[str, Any],
    record: Callable[[], ActieAssessment],
) -> HttpResponse:
    """The POST of either form: the service's assessment page, or the form again
    with the refusal and everything entered."""
    try:
        assessment = record()
    except ValidationError as exc:
        add_refusal(form, exc)
        return _form_page(request, form, context)
    messages.success(request, _("The ACTIE form is saved."))
    return redirect("actie:assessment", assessment_uuid=assessment.uuid)


@require_http_methods(["GET", "HEAD"])
def initiative_actie(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_initiative_actie(request, initiative_uuid)
    user = signed_in_user(request)
    return _history_page(
        request,
        initiative_history(initiative=initiative),
        may_assess_initiative(user=user, initiative=initiative),
        initiative=initiative,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def initiative_actie_new(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> HttpResponse:
    initiative = access_initiative_actie(request, initiative_uuid, write=True)
    context = {"initiative": initiative, "variant": Variant.FRONTLINE}
    if request.method != "POST":
        latest = latest_for_initiative(initiative=initiative)
        form = InitiativeActieForm(initial=_initial_from(latest))
        return _form_page(request, form, context)
    form = InitiativeActieForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, context)
    return _save(
        request,
        form,
        context,
        lambda: actie_initiative_record(
            actor=signed_in_user(request),
            initiative=initiative,
            answers=form.answers(),
            points=form.points(),
            role_chosen=form.cleaned_data["role_chosen"],
        ),
    )


@require_http_methods(["GET", "HEAD"])
def wijk_actie(request: HttpRequest, slug: str) -> HttpResponse:
    user, neighbourhood = access_wijk_actie(request, slug)
    return _history_page(
        request,
        wijk_history(neighbourhood=neighbourhood),
        may_assess_wijk(user=user, neighbourhood=neighbourhood),
        neighbourhood=neighbourhood,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def wijk_actie_new(request: HttpRequest, slug: str) -> HttpResponse:
    user, neighbourhood = access_wijk_actie(request, slug, write=True)
    context = {"neighbourhood": neighbourhood, "variant": Variant.ORGANISATION}
    if request.method != "POST":
        history = wijk_history(neighbourhood=neighbourhood)
        initial = _initial_from(history[0].assessment if history else None)
        initial.update(WijkActieForm.default_period(timezone.localdate()))
        return _form_page(request, WijkActieForm(initial=initial), context)
    form = WijkActieForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, context)
    return _save(
        request,
        form,
        context,
        lambda: actie_wijk_record(
            actor=user,
            neighbourhood=neighbourhood,
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            answers=form.answers(),
            points=form.points(),
            role_chosen=form.cleaned_data["role_chosen"],
        ),
    )


@require_http_methods(["GET", "HEAD"])
def assessment_view(request: HttpRequest, assessment_uuid: uuid.UUID) -> HttpResponse:
    assessment = access_assessment(request, assessment_uuid)
    result = assessment_result(assessment)
    previous = previous_of(assessment)
    previous_letters = (
        letter_scores(previous.variant, scores_of(previous)) if previous else None
    )
    return render(
        request,
        "actie/assessment.html",
        {
            "assessment": assessment,
            "result": result,
            "previous": previous,
            "chart": radar_chart(
                result.letters,
                previous=previous_letters,
                title=_("ACTIE scores per letter"),
            ),
            "table": radar_table(result.letters, previous_letters),
        },
    )


@require_http_methods(["GET", "HEAD"])
def assessment_pdf(request: HttpRequest, assessment_uuid: uuid.UUID) -> HttpResponse:
    assessment = access_assessment(request, assessment_uuid)
    response = HttpResponse(
        actie_pdf(result=assessment_result(assessment)), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="actie-{assessment.assessed_on.isoformat()}.pdf"'
    )
    return response


def _year(request: HttpRequest, today: dt.date) -> int:
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


@require_http_methods(["GET", "HEAD"])
def report(request: HttpRequest) -> HttpResponse:
    _user, wijken = require_report_reader(request)
    today = timezone.localdate()
    year = _year(request, today)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    wijk_list = list(wijken.select_related("municipality"))
    municipality = wijk_list[0].municipality
    readable = {w.pk for w in wijk_list}
    frontline = [
        row
        for row in actie_averages(municipality=municipality, start=start, end=end)
        if row.neighbourhood.pk in readable
    ]
    organisation = [
        row
        for row in actie_averages(
            municipality=municipality,
            start=start,
            end=end,
            variant=Variant.ORGANISATION,
        )
        if row.neighbourhood.pk in readable
    ]
    return render(
        request,
        "actie/report.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - 5, -1)),
            "letters": list(Letter),
            "frontline": frontline,
            "organisation": organisation,
            "needs": support_needs_frequency(
                municipality=municipality, start=start, end=end
            )[:10],
            "wijken": wijk_list,
        },
    )
