"""Reads for the public page of one plan: its timeline of public steps (see plans for
what is public)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.permissions import PUBLIC_PLAN_STATUSES
from wijkvoucher.accountability.selectors import public_report, public_updates
from wijkvoucher.initiatives.models import StatusChange
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.transparency.decision_facts import DecisionFact, decision_facts
from wijkvoucher.transparency.selectors.plans import (
    _STEPS,
    DECIDED_STATUSES,
    DECISION_STEPS,
    IN_PROGRESS,
    STATUS_LABELS,
    PublicPlan,
    S,
    _initiatives,
    _public_plan,
    text_is_public,
)
from wijkvoucher.transparency.selectors.reasons import reason_label

# Each step of the timeline in words; nobody's name, no motivation.
STEP_LABELS: dict[str, Promise] = {
    S.SUBMITTED: _("Plan submitted"),
    S.INFORMATION_REQUESTED: _("The municipality asked for more information"),
    S.NOT_PROCESSED: _("Not processed: the information did not arrive in time"),
    S.CHECKED: _("Checked against the rules"),
    S.ON_AGENDA: _("Put on the agenda of the regiegroep"),
    S.IN_CONSULTATION: _("The wijk was asked for its opinion"),
    S.IN_DELIBERATION: _("Discussed by the regiegroep"),
    S.DEFERRED: _("Deferred to a later meeting"),
    S.ADVISED: _("The regiegroep gave its advice"),
    S.AWARDED: _("Awarded"),
    S.PARTLY_AWARDED: _("Partly awarded"),
    S.REJECTED: _("Rejected"),
    S.IN_EXECUTION: _("Carrying out started"),
    S.CANCELLED: _("Cancelled: the plan was not carried out"),
    S.SETTLED: _("Carried out and settled"),
}


INFORMATION_ADDED = _("Information added")


@dataclass(frozen=True)
class TimelineStep:
    on: dt.date
    label: str
    reason_label: str = ""


@dataclass(frozen=True)
class PublicPlanDetail:
    plan: PublicPlan
    description: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    decision_due_on: dt.date | None
    timeline: list[TimelineStep]
    initiative_id: int = 0


def _timeline(
    steps: Sequence[StatusChange], decision: DecisionFact | None
) -> list[TimelineStep]:
    timeline = []
    submitted_before = False
    for change in steps:
        on = timezone.localdate(change.created_at)
        status = change.to_status
        if status == S.SUBMITTED:
            label = INFORMATION_ADDED if submitted_before else STEP_LABELS[S.SUBMITTED]
            submitted_before = True
        else:
            label = STEP_LABELS.get(status, STATUS_LABELS[IN_PROGRESS])
        if status in DECISION_STEPS and decision is not None:
            # The beschikking's date is the date of the decision.
            on = decision.issued_on
        reason = ""
        if status in (S.DEFERRED, S.CANCELLED, S.NOT_PROCESSED, S.REJECTED) or (
            status == S.PARTLY_AWARDED
        ):
            code = change.reason_code
            if decision is not None and status in DECISION_STEPS:
                code = decision.reason_code or code
            reason = reason_label(code)
        timeline.append(TimelineStep(on=on, label=str(label), reason_label=reason))
    return timeline


def public_plan_detail(
    *, neighbourhood: Neighbourhood, initiative_uuid: uuid.UUID
) -> PublicPlanDetail | None:
    """The public page of one decided plan of ``neighbourhood``; None for a plan that
    is not decided (yet), of another wijk, or unknown."""
    initiative = (
        _initiatives(neighbourhood=neighbourhood, statuses=DECIDED_STATUSES)
        .defer(None)
        .only(
            "pk",
            "uuid",
            "neighbourhood_id",
            "title",
            "summary",
            "description",
            "starts_on",
            "ends_on",
            "status",
            "submitted_at",
            "decision_due_on",
            "requested_amount_cents",
            "publish_initiator_name",
            "publish_text_if_not_awarded",
            "initiator__id",
            "initiator__full_name",
        )
        .filter(uuid=initiative_uuid)
        .first()
    )
    if initiative is None:
        return None
    decision = decision_facts(initiative_ids=[initiative.pk]).get(initiative.pk)
    steps: list[StatusChange] = getattr(initiative, _STEPS)
    return PublicPlanDetail(
        plan=_public_plan(initiative, decision),
        description=initiative.description if text_is_public(initiative) else "",
        starts_on=initiative.starts_on,
        ends_on=initiative.ends_on,
        decision_due_on=initiative.decision_due_on,
        timeline=_timeline(steps, decision),
        initiative_id=initiative.pk,
    )


def public_accountability(detail: PublicPlanDetail) -> dict[str, Any]:
    """The progress updates and the report the initiator agreed to publish, for a
    plan that is carried out or settled (none otherwise)."""
    if detail.plan.status not in PUBLIC_PLAN_STATUSES:
        return {"public_updates": [], "public_report": None}
    return {
        "public_updates": public_updates(initiative_id=detail.initiative_id),
        "public_report": public_report(initiative_id=detail.initiative_id),
    }
