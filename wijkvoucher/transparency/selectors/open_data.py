"""Open data (issue #13, point 6; docs/open-data.md): what the public API and the
downloads of a municipality give, read through the public selectors of the wijk
pages, so that open data never shows more than the pages do, and less: no names at
all (not even of initiators who agreed to be named on the plan page), no plan texts,
no motivations, no comments from a consultation.

Every list costs a fixed number of queries per wijk, however many plans there are."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.models import Consultation
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.selectors.budgets import budget_summaries
from wijkvoucher.transparency.selectors.neighbourhoods import neighbourhoods_public
from wijkvoucher.transparency.selectors.plans import (
    AWARDED_STATUSES,
    PUBLIC_STATUSES,
    PublicPlan,
    public_plans,
)

S = InitiativeStatus
# The open list of awarded plans: those that got money, also when they were
# cancelled later (then with the reason they were not carried out).
OPEN_LIST_STATUSES: tuple[str, ...] = (*AWARDED_STATUSES, S.CANCELLED)
# A consultation is public once published; a draft is not.
PUBLIC_CONSULTATIONS = (ConsultationStatus.PUBLISHED, ConsultationStatus.CERTIFIED)


@dataclass(frozen=True)
class OpenPlan:
    """One row of the open list: exactly the documented columns."""

    uuid: uuid.UUID
    wijk: str
    wijk_name: str
    title: str
    status: str
    status_label: str
    amount_cents: int | None
    requested_cents: int
    submitted_on: dt.date | None
    decided_on: dt.date | None
    decision_number: str
    # Only for a plan that was not (fully) realised: the coded reason and its label.
    reason_code: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "uuid": str(self.uuid),
            "wijk": self.wijk,
            "wijk_name": self.wijk_name,
            "title": self.title,
            "status": self.status,
            "status_label": self.status_label,
            "amount_cents": self.amount_cents,
            "requested_cents": self.requested_cents,
            "submitted_on": _iso(self.submitted_on),
            "decided_on": _iso(self.decided_on),
            "decision_number": self.decision_number,
            "reason_code": self.reason_code,
            "reason": self.reason,
        }


# The columns of the CSV and the keys of the JSON, in order (docs/open-data.md).
OPEN_PLAN_COLUMNS: tuple[str, ...] = (
    "uuid",
    "wijk",
    "wijk_name",
    "title",
    "status",
    "status_label",
    "amount_cents",
    "requested_cents",
    "submitted_on",
    "decided_on",
    "decision_number",
    "reason_code",
    "reason",
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _open_plan(plan: PublicPlan, wijk: Neighbourhood) -> OpenPlan:
    realised = plan.status in AWARDED_STATUSES and plan.outcome != S.PARTLY_AWARDED
    return OpenPlan(
        uuid=plan.uuid,
        wijk=wijk.slug,
        wijk_name=wijk.name,
        title=plan.title,
        status=plan.status,
        status_label=plan.status_label,
        amount_cents=plan.awarded_cents,
        requested_cents=plan.requested_cents,
        submitted_on=plan.submitted_on,
        decided_on=plan.decided_on,
        decision_number=plan.decision_number,
        reason_code="" if realised else plan.reason_code,
        reason="" if realised else plan.reason_label,
    )


def open_wijken(
    *, municipality: Municipality | None = None, on: dt.date | None = None
) -> QuerySet[Neighbourhood]:
    """The designated wijken (of ``municipality``), by municipality and name."""
    wijken = neighbourhoods_public(on=on or timezone.localdate())
    if municipality is not None:
        wijken = wijken.filter(municipality=municipality)
    return wijken


def open_plans(
    *, wijken: Iterable[Neighbourhood], statuses: Iterable[str] = OPEN_LIST_STATUSES
) -> list[OpenPlan]:
    """The plans of ``wijken`` in ``statuses`` (at most the public ones), by wijk
    and then newest decision first."""
    wanted = [s for s in statuses if s in PUBLIC_STATUSES]
    rows: list[OpenPlan] = []
    for wijk in wijken:
        plans = public_plans(neighbourhood=wijk, statuses=wanted)
        plans.sort(key=lambda p: (p.sort_date, p.title), reverse=True)
        rows.extend(_open_plan(plan, wijk) for plan in plans)
    return rows


def open_plan(
    *, initiative_uuid: uuid.UUID, on: dt.date | None = None
) -> OpenPlan | None:
    """One public plan by its uuid (any public status), or None."""
    for wijk in open_wijken(on=on).filter(initiatives__uuid=initiative_uuid):
        for plan in public_plans(neighbourhood=wijk, statuses=PUBLIC_STATUSES):
            if plan.uuid == initiative_uuid:
                return _open_plan(plan, wijk)
    return None


@dataclass(frozen=True)
class OpenBudget:
    period: BudgetPeriod
    ceiling_cents: int
    awarded_cents: int
    available_cents: int


def open_budget_periods(*, wijken: Iterable[Neighbourhood]) -> list[OpenBudget]:
    """The published budget periods of ``wijken``, newest first per wijk; their
    money in one query (``budget_summaries``)."""
    periods = list(
        BudgetPeriod.objects.filter(
            neighbourhood__in=list(wijken), published_at__isnull=False
        )
        .select_related("neighbourhood", "account")
        .order_by("neighbourhood__name", "-starts_on", "pk")
    )
    summaries = budget_summaries(budget_periods=periods)
    return [
        OpenBudget(
            period=p,
            ceiling_cents=summaries[p.pk].ceiling_cents,
            awarded_cents=summaries[p.pk].awarded_cents,
            available_cents=summaries[p.pk].available_cents,
        )
        for p in periods
    ]


def open_consultations(*, wijken: Iterable[Neighbourhood]) -> QuerySet[Consultation]:
    """The published and certified consultations of ``wijken`` with their options."""
    return (
        Consultation.objects.filter(
            neighbourhood__in=list(wijken), status__in=PUBLIC_CONSULTATIONS
        )
        .select_related("neighbourhood")
        .prefetch_related("options__initiative")
        .order_by("-opens_at", "-pk")
    )


def open_consultation_result(consultation: Consultation) -> dict[str, Any] | None:
    """The certified result as counts per option, without the comments of a poll."""
    if consultation.status != ConsultationStatus.CERTIFIED or not consultation.result:
        return None
    result: dict[str, Any] = consultation.result
    selected = {str(pk) for pk in result.get("selected", [])}
    votes = {str(k): v for k, v in (result.get("votes") or {}).items()}
    stances = {str(k): v for k, v in (result.get("options") or {}).items()}
    options = []
    for option in consultation.options.all():
        key = str(option.pk)
        row: dict[str, Any] = {"position": option.position, "title": option.title}
        if key in stances:
            row.update(
                {
                    "support": int(stances[key].get("support", 0)),
                    "oppose": int(stances[key].get("oppose", 0)),
                    "neutral": int(stances[key].get("neutral", 0)),
                }
            )
        else:
            row.update({"votes": votes.get(key, 0), "selected": key in selected})
        options.append(row)
    return {
        "ballots": int(result.get("ballots", 0)),
        "rule": str(result.get("rule", "")),
        "cost_cents": result.get("cost"),
        "options": options,
    }
