"""The public pages of the wijkraadplegingen of a wijk: the list, a consultation (its
question, options, dates and, while open, how many ballots so far; never the
choices), and after certification the result and the published ballot list with
its CSV and Pabulib downloads."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.chart import (
    POINTS,
    VOTES,
    ChartOption,
    result_chart,
    result_table,
)
from wijkvoucher.consultations.constants import (
    BallotType,
    ConsultationKind,
    ConsultationStatus,
    Stance,
)
from wijkvoucher.consultations.forms import ReceiptForm
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.published import (
    ballots_csv,
    ballots_pb,
    published_rows,
)
from wijkvoucher.consultations.rule_texts import MEASURE_TEXTS, rule_text
from wijkvoucher.consultations.selectors import ballot_count, ballots_published
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current

TEMPLATES = "consultations/public"
BALLOTS_PER_PAGE = 250
VISIBLE = (ConsultationStatus.PUBLISHED, ConsultationStatus.CERTIFIED)


def _phase(consultation: Consultation, now: dt.datetime) -> str:
    """upcoming, open, counting (closed, not yet certified) or certified."""
    if consultation.status == ConsultationStatus.CERTIFIED:
        return "certified"
    if now < consultation.opens_at:
        return "upcoming"
    if now < consultation.closes_at:
        return "open"
    return "counting"


@require_safe
def consultation_list(request: HttpRequest, slug: str) -> HttpResponse:
    wijk = get_object_or_404(Neighbourhood, slug=slug)
    now = timezone.now()
    consultations = list(
        Consultation.objects.filter(neighbourhood=wijk, status__in=VISIBLE).order_by(
            "-closes_at", "pk"
        )
    )
    groups: dict[str, list[Consultation]] = {
        "open": [],
        "upcoming": [],
        "counting": [],
        "certified": [],
    }
    for consultation in consultations:
        groups[_phase(consultation, now)].append(consultation)
    return render(request, f"{TEMPLATES}/list.html", {"wijk": wijk, "groups": groups})


def _visible(slug: str, consultation_uuid: uuid.UUID) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("neighbourhood"),
        uuid=consultation_uuid,
        neighbourhood__slug=slug,
        status__in=VISIBLE,
    )


def _options(consultation: Consultation) -> list[ConsultationOption]:
    return list(
        ConsultationOption.objects.filter(consultation=consultation).order_by(
            "position"
        )
    )


@dataclass(frozen=True)
class AccountVote:
    """What a signed-in visitor sees about voting with the account: the button, or
    why not."""

    can_try: bool
    reason: str = ""


def _account_vote(
    request: HttpRequest, consultation: Consultation
) -> AccountVote | None:
    user = request.user
    if not isinstance(user, User):
        return None
    confirmed = (
        addresses_current(user=user)
        .filter(
            neighbourhood_id=consultation.neighbourhood_id,
            residency_confirmed_at__isnull=False,
        )
        .exists()
    )
    if confirmed:
        return AccountVote(True)
    return AccountVote(False, "not_confirmed")


@dataclass(frozen=True)
class PollRow:
    option: ConsultationOption
    support: int
    oppose: int
    neutral: int
    comments: list[str]


def _budget_result(
    consultation: Consultation,
    options: list[ConsultationOption],
    result: dict[str, Any],
) -> dict[str, Any]:
    selected = {int(i) for i in result.get("selected", [])}
    unsupported = {int(i) for i in result.get("unsupported", [])}
    votes = {str(k): int(v) for k, v in result.get("votes", {}).items()}
    measure = (
        POINTS
        if consultation.ballot_type in (BallotType.CUMULATIVE, BallotType.ORDINAL)
        else VOTES
    )
    chart_options = [
        ChartOption(
            o.pk, o.title, o.cost_cents or 0, votes.get(str(o.pk), 0), o.pk in selected
        )
        for o in options
    ]
    by_id = {o.pk: o for o in options}
    return {
        "chart": result_chart(
            chart_options, budget_cents=consultation.budget_cents, measure=measure
        ),
        "table": result_table(
            chart_options, budget_cents=consultation.budget_cents, measure=measure
        ),
        "funded": [by_id[i] for i in result.get("selected", []) if i in by_id],
        "unsupported": [o for o in options if o.pk in unsupported],
        "cost": int(result.get("cost", 0)),
        "budget": int(result.get("budget", consultation.budget_cents or 0)),
        "left": int(result.get("budget", 0)) - int(result.get("cost", 0)),
        "ballots": int(result.get("ballots", 0)),
        "rule_text": rule_text(str(result.get("rule", consultation.rule))),
        "measure_text": MEASURE_TEXTS.get(BallotType(consultation.ballot_type), ""),
        "tie_break_matters": bool(result.get("tie_break_matters")),
    }


def _poll_result(
    options: list[ConsultationOption], result: dict[str, Any]
) -> dict[str, Any]:
    counts = result.get("options", {})
    comments = result.get("comments", {})
    rows = []
    for o in options:
        own = counts.get(str(o.pk), {})
        rows.append(
            PollRow(
                o,
                int(own.get(Stance.SUPPORT, 0)),
                int(own.get(Stance.OPPOSE, 0)),
                int(own.get(Stance.NEUTRAL, 0)),
                list(comments.get(str(o.pk), [])),
            )
        )
    return {"poll_rows": rows, "ballots": int(result.get("ballots", 0))}


@require_safe
def consultation_detail(
    request: HttpRequest, slug: str, consultation_uuid: uuid.UUID
) -> HttpResponse:
    consultation = _visible(slug, consultation_uuid)
    now = timezone.now()
    phase = _phase(consultation, now)
    options = _options(consultation)
    context: dict[str, Any] = {
        "consultation": consultation,
        "wijk": consultation.neighbourhood,
        "options": options,
        "phase": phase,
        "is_budget": consultation.kind == ConsultationKind.BUDGET_VOTE,
    }
    if phase in ("open", "counting"):
        context["ballots_so_far"] = ballot_count(consultation=consultation)
    if phase == "open":
        context["account_vote"] = _account_vote(request, consultation)
    if phase == "certified" and consultation.result:
        if consultation.kind == ConsultationKind.BUDGET_VOTE:
            context.update(_budget_result(consultation, options, consultation.result))
        else:
            context.update(_poll_result(options, consultation.result))
    return render(request, f"{TEMPLATES}/detail.html", context)


def _certified(slug: str, consultation_uuid: uuid.UUID) -> Consultation:
    consultation = _visible(slug, consultation_uuid)
    if consultation.status != ConsultationStatus.CERTIFIED:
        raise Http404
    return consultation


@require_safe
def ballot_list(
    request: HttpRequest, slug: str, consultation_uuid: uuid.UUID
) -> HttpResponse:
    """The anonymised ballots by receipt, with a search for one's own receipt."""
    consultation = _certified(slug, consultation_uuid)
    options = _options(consultation)
    rows = published_rows(
        consultation, options, ballots_published(consultation=consultation)
    )
    form = ReceiptForm(request.GET if "bon" in request.GET else None)
    found = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        wanted = form.cleaned_data["bon"]
        found = next((row for row in rows if row.raw == wanted), None)
    page = Paginator(rows, BALLOTS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        f"{TEMPLATES}/ballots.html",
        {
            "consultation": consultation,
            "wijk": consultation.neighbourhood,
            "form": form,
            "found": found,
            "searched": searched,
            "page": page,
            "total": len(rows),
            "is_budget": consultation.kind == ConsultationKind.BUDGET_VOTE,
        },
    )


def _download(content: str, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_name(consultation: Consultation, extension: str) -> str:
    day = timezone.localdate(consultation.closes_at).isoformat()
    return f"stembiljetten-{consultation.neighbourhood.slug}-{day}.{extension}"


@require_safe
def ballot_csv(
    request: HttpRequest, slug: str, consultation_uuid: uuid.UUID
) -> HttpResponse:
    consultation = _certified(slug, consultation_uuid)
    text = ballots_csv(
        consultation,
        _options(consultation),
        ballots_published(consultation=consultation),
    )
    return _download(text, _file_name(consultation, "csv"), "text/csv")


@require_safe
def ballot_pb(
    request: HttpRequest, slug: str, consultation_uuid: uuid.UUID
) -> HttpResponse:
    consultation = _certified(slug, consultation_uuid)
    if consultation.kind != ConsultationKind.BUDGET_VOTE or not consultation.result:
        raise Http404
    text = ballots_pb(
        consultation,
        _options(consultation),
        ballots_published(consultation=consultation),
        consultation.result,
    )
    return _download(text, _file_name(consultation, "pb"), "text/plain")
