"""Reads for the public meeting schedule and the besluitenlijsten of a wijk's
regiegroep (docs/transparency.md#woo-and-avg). A besluitenlijst shows per plan only the
outcome, the amount and the coded reason: never the votes, who was present, conflict
declarations, assessments or the motivation of an advice (which may hold personal
data). Of a beschikking it also shows the explanation written for the public."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.regiegroep.constants import (
    AdviceOutcome,
    AgendaItemStatus,
    MeetingStatus,
)
from wijkvoucher.regiegroep.models import Advice, AgendaItem, Meeting
from wijkvoucher.transparency.decision_facts import DecisionFact, decision_facts
from wijkvoucher.transparency.selectors.plans import DECIDED_STATUSES
from wijkvoucher.transparency.selectors.reasons import reason_label

ADVICE_LABELS: dict[str, Promise] = {
    AdviceOutcome.AWARD: _("Award"),
    AdviceOutcome.PARTLY_AWARD: _("Award in part"),
    AdviceOutcome.REJECT: _("Reject"),
}
DECISION_LABELS: dict[str, Promise] = {
    "award": _("Awarded"),
    "partly_award": _("Partly awarded"),
    "reject": _("Rejected"),
    "not_processed": _("Not processed"),
}


@dataclass(frozen=True)
class PublicMeeting:
    uuid: uuid.UUID
    held_on: dt.date
    starts_at_time: dt.time | None
    place: str
    cutoff_on: dt.date
    status: str
    minutes_published: bool
    agenda_size: int
    # The day plans had to be checked by has gone: new plans go to a later meeting.
    cutoff_passed: bool = False


@dataclass(frozen=True)
class MeetingSchedule:
    upcoming: list[PublicMeeting]
    # Held meetings whose besluitenlijst is published, newest first.
    published: list[PublicMeeting]
    meeting_place: str

    @property
    def next_meeting(self) -> PublicMeeting | None:
        return self.upcoming[0] if self.upcoming else None


@dataclass(frozen=True)
class DecisionListItem:
    position: int
    title: str
    initiative_uuid: uuid.UUID
    has_page: bool
    deferred: bool
    # The regiegroep's advice (or, under mandaat, its decision).
    advice_outcome: str
    advice_label: str
    advice_amount_cents: int | None
    advice_reason_label: str
    # The municipality's beschikking, when there is one.
    decision_label: str
    decision_amount_cents: int | None
    decision_reason_label: str
    public_explanation: str


@dataclass(frozen=True)
class DecisionList:
    meeting: PublicMeeting
    items: list[DecisionListItem]


def _published_q(now: dt.datetime) -> Q:
    return Q(minutes_published_at__isnull=False, minutes_published_at__lte=now)


def _public_meeting(
    meeting: Meeting, now: dt.datetime, agenda_size: int = 0
) -> PublicMeeting:
    published_at = meeting.minutes_published_at
    return PublicMeeting(
        uuid=meeting.uuid,
        held_on=meeting.held_on,
        starts_at_time=meeting.starts_at_time,
        place=meeting.place,
        cutoff_on=meeting.cutoff_on,
        status=meeting.status,
        minutes_published=published_at is not None and published_at <= now,
        agenda_size=agenda_size,
        cutoff_passed=meeting.cutoff_on < timezone.localdate(now),
    )


def _meetings(neighbourhood: Neighbourhood) -> QuerySet[Meeting]:
    return Meeting.objects.filter(neighbourhood=neighbourhood).only(
        "pk",
        "uuid",
        "neighbourhood_id",
        "held_on",
        "starts_at_time",
        "place",
        "cutoff_on",
        "status",
        "minutes_published_at",
    )


def meeting_schedule(
    *, neighbourhood: Neighbourhood, at: dt.datetime, published_limit: int | None = None
) -> MeetingSchedule:
    """The meetings still to come (from today, not closed), soonest first, and the
    held meetings with a published besluitenlijst, newest first (at most
    ``published_limit``)."""
    today = timezone.localdate(at)
    upcoming = (
        _meetings(neighbourhood)
        .filter(held_on__gte=today)
        .exclude(status=MeetingStatus.CLOSED)
        .order_by("held_on", "pk")
    )
    published = (
        _meetings(neighbourhood).filter(_published_q(at)).order_by("-held_on", "-pk")
    )
    if published_limit is not None:
        published = published[:published_limit]
    return MeetingSchedule(
        upcoming=[_public_meeting(m, at) for m in upcoming],
        published=[_public_meeting(m, at) for m in published],
        meeting_place=neighbourhood.meeting_place,
    )


def _advice_part(
    advice: Advice | None,
) -> tuple[str, str, int | None, str]:
    if advice is None:
        return "", "", None, ""
    amount = advice.amount_cents if advice.outcome != AdviceOutcome.REJECT else None
    return (
        advice.outcome,
        str(ADVICE_LABELS.get(advice.outcome, advice.outcome)),
        amount,
        reason_label(advice.reason_code),
    )


def _decision_part(decision: DecisionFact | None) -> tuple[str, int | None, str, str]:
    if decision is None:
        return "", None, "", ""
    awarding = decision.outcome in ("award", "partly_award")
    return (
        str(DECISION_LABELS.get(decision.outcome, decision.outcome)),
        decision.amount_cents if awarding else None,
        reason_label(decision.reason_code),
        decision.public_explanation,
    )


def _item(item: AgendaItem, decisions: dict[int, DecisionFact]) -> DecisionListItem:
    initiative: Initiative = item.initiative
    try:
        advice: Advice | None = item.advice
    except Advice.DoesNotExist:
        advice = None
    outcome, label, amount, reason = _advice_part(advice)
    decision = decisions.get(initiative.pk) if advice is not None else None
    d_label, d_amount, d_reason, explanation = _decision_part(decision)
    return DecisionListItem(
        position=item.position,
        title=initiative.title,
        initiative_uuid=initiative.uuid,
        has_page=initiative.status in DECIDED_STATUSES,
        deferred=item.status == AgendaItemStatus.DEFERRED,
        advice_outcome=outcome,
        advice_label=label,
        advice_amount_cents=amount,
        advice_reason_label=reason,
        decision_label=d_label,
        decision_amount_cents=d_amount,
        decision_reason_label=d_reason,
        public_explanation=explanation,
    )


def decision_list(
    *, neighbourhood: Neighbourhood, meeting_uuid: uuid.UUID, at: dt.datetime
) -> DecisionList | None:
    """The published besluitenlijst of one meeting of ``neighbourhood``; None when
    the meeting is unknown, of another wijk or its list is not published (yet)."""
    meeting = (
        _meetings(neighbourhood)
        .filter(_published_q(at), uuid=meeting_uuid)
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("initiative", "advice")
                .only(
                    "pk",
                    "meeting_id",
                    "position",
                    "status",
                    "initiative__id",
                    "initiative__uuid",
                    "initiative__title",
                    "initiative__status",
                    "advice__id",
                    "advice__agenda_item_id",
                    "advice__outcome",
                    "advice__amount_cents",
                    "advice__reason_code",
                )
                .order_by("position", "pk"),
            )
        )
        .first()
    )
    if meeting is None:
        return None
    items = list(meeting.agenda_items.all())
    decisions = decision_facts(initiative_ids=[i.initiative_id for i in items])
    return DecisionList(
        meeting=_public_meeting(meeting, at, agenda_size=len(items)),
        items=[_item(item, decisions) for item in items],
    )
