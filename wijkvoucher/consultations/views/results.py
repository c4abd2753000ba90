"""After the vote: the count before certification (for the organisers to check),
certifying it with a confirmation, and the harvesting report."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.consultations.chart import POINTS, VOTES, ChartOption, result_table
from wijkvoucher.consultations.constants import (
    HARVEST_THRESHOLD,
    BallotType,
    ConsultationKind,
)
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.permissions_manage import (
    access_consultation,
    access_consultation_to_organise,
)
from wijkvoucher.consultations.rule_texts import RULE_EXPLANATIONS, RULE_NAMES
from wijkvoucher.consultations.selectors import (
    consultation_options,
    harvest_signals,
    turnout,
)
from wijkvoucher.consultations.selectors_manage import result_preview
from wijkvoucher.consultations.services import consultation_certify
from wijkvoucher.consultations.views.manage import is_closed, public_result_url


@dataclass(frozen=True)
class PollRow:
    title: str
    support: int
    oppose: int
    neutral: int
    comments: int


def _budget_table(
    consultation: Consultation,
    options: list[ConsultationOption],
    result: dict[str, Any],
) -> Any:
    selected = set(result.get("selected", []))
    votes = result.get("votes", {})
    rows = [
        ChartOption(
            id=option.pk,
            title=option.title,
            cost_cents=option.cost_cents or 0,
            votes=int(votes.get(str(option.pk), 0)),
            selected=option.pk in selected,
        )
        for option in options
    ]
    measure = POINTS if consultation.ballot_type == BallotType.CUMULATIVE else VOTES
    return result_table(rows, budget_cents=consultation.budget_cents, measure=measure)


def _poll_rows(
    options: list[ConsultationOption], result: dict[str, Any]
) -> list[PollRow]:
    counts = result.get("options", {})
    comments = result.get("comments", {})
    return [
        PollRow(
            title=option.title,
            support=counts.get(str(option.pk), {}).get("support", 0),
            oppose=counts.get(str(option.pk), {}).get("oppose", 0),
            neutral=counts.get(str(option.pk), {}).get("neutral", 0),
            comments=len(comments.get(str(option.pk), [])),
        )
        for option in options
    ]


def result_context(
    consultation: Consultation, result: dict[str, Any]
) -> dict[str, Any]:
    options = consultation_options(consultation=consultation)
    if consultation.kind == ConsultationKind.ADVISORY:
        return {"poll_rows": _poll_rows(options, result), "result": result}
    return {
        "table": _budget_table(consultation, options, result),
        "result": result,
        "rule_name": RULE_NAMES.get(consultation.rule, consultation.rule),
        "rule_text": RULE_EXPLANATIONS.get(consultation.rule, ""),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def certify(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    desk = access_consultation_to_organise(request, consultation_uuid)
    consultation = desk.consultation
    context: dict[str, Any] = {
        "consultation": consultation,
        "closed": is_closed(consultation),
        "result_url": public_result_url(consultation),
    }
    if request.method == "POST":
        try:
            consultation_certify(actor=desk.user, consultation=consultation)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _(
                    "The result is certified. The ballots can no longer be traced "
                    "to anyone."
                ),
            )
            return redirect(
                "consultations_manage:certify", consultation_uuid=consultation.uuid
            )
    consultation.refresh_from_db()
    if consultation.result is not None:
        context.update(result_context(consultation, consultation.result))
        context["certified"] = True
    else:
        try:
            preview = result_preview(consultation=consultation)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            preview = None
        if preview is not None:
            context.update(result_context(consultation, preview))
    context["turnout"] = turnout(consultation=consultation)
    context["consultation"] = consultation
    context["result_url"] = public_result_url(consultation)
    return render(request, "consultations/manage/certify.html", context)


@require_http_methods(["GET", "HEAD"])
def harvest(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    desk = access_consultation(request, consultation_uuid)
    consultation = desk.consultation
    return render(
        request,
        "consultations/manage/harvest.html",
        {
            "consultation": consultation,
            "signals": harvest_signals(consultation=consultation),
            "threshold": HARVEST_THRESHOLD,
        },
    )
