"""Meetings: planning, the agenda, attendance, opening and closing, the minutes and
the public besluitenlijst."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import message_day
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.links import resident_url
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.selectors.regulations import (
    regulation_version_in_force,
)
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.regiegroep.constants import AgendaItemStatus, MeetingStatus
from wijkvoucher.regiegroep.links import meeting_url
from wijkvoucher.regiegroep.models import AgendaItem, Attendance, Meeting
from wijkvoucher.regiegroep.permissions import is_leader, is_wijk_official
from wijkvoucher.regiegroep.selectors import (
    SCHEDULABLE,
    checked_on,
    meeting_advices,
    members_on,
)
from wijkvoucher.regiegroep.services.guards import (
    lock_meeting,
    require_leader,
    require_meeting_status,
)
from wijkvoucher.regiegroep.services.transitions import (
    regiegroep_step_check,
    regiegroep_transition,
)
from wijkvoucher.regiegroep.workflows import MEETING

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@transaction.atomic
def meeting_plan(
    *,
    actor: User,
    neighbourhood: Neighbourhood,
    held_on: dt.date,
    starts_at_time: dt.time | None = None,
    place: str = "",
) -> Meeting:
    """Plan a meeting of the wijk's regiegroep (chair, secretary or coordinator). The
    cut-off is the meeting date minus the lead time of the regeling in force."""
    neighbourhood = (
        Neighbourhood.objects.select_for_update()
        .select_related("regulation")
        .get(pk=neighbourhood.pk)
    )
    if not (
        is_leader(user=actor, neighbourhood=neighbourhood)
        or user_has_role(
            user=actor, roles=[Role.COORDINATOR], neighbourhood=neighbourhood
        )
    ):
        raise PermissionDenied
    today = timezone.localdate()
    if held_on < today:
        raise ValidationError(
            _("A meeting cannot be planned in the past."), code="in_past"
        )
    if Meeting.objects.filter(neighbourhood=neighbourhood, held_on=held_on).exists():
        raise ValidationError(
            _("There is already a meeting of this regiegroep on that day."),
            code="duplicate",
        )
    version = regulation_version_in_force(
        regulation=neighbourhood.regulation, at=timezone.now()
    )
    meeting = Meeting.objects.create(
        neighbourhood=neighbourhood,
        held_on=held_on,
        starts_at_time=starts_at_time,
        place=place.strip() or neighbourhood.meeting_place,
        cutoff_on=held_on - dt.timedelta(days=version.lead_time_before_meeting_days),
        planned_by=actor,
    )
    public_pages_changed(neighbourhood=meeting.neighbourhood)
    audit_record(
        actor=actor,
        action="regiegroep.meeting_plan",
        subject=meeting,
        data={
            "held_on": held_on.isoformat(),
            "cutoff_on": meeting.cutoff_on.isoformat(),
            "regulation_version": version.pk,
        },
    )
    notification_send(
        recipients=[m.user for m in members_on(neighbourhood=neighbourhood, on=today)],
        kind="regiegroep.meeting_planned",
        subject=_("Regiegroep meeting on %(date)s"),
        body=_(
            "The regiegroep of %(wijk)s meets on %(date)s. Plans checked on or "
            "before %(cutoff)s can be put on the agenda."
        ),
        params={
            "date": message_day(held_on),
            "wijk": neighbourhood.name,
            "cutoff": message_day(meeting.cutoff_on),
        },
        url=meeting_url(meeting),
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *, actor: User, meeting: Meeting, initiative: Initiative
) -> AgendaItem:
    """Put a checked (or deferred) plan of the same wijk on the agenda. The plan must
    have been checked on or before the meeting's cut-off. Moves the plan to "on the
    agenda" and tells its initiators the date."""
    meeting = lock_meeting(meeting)
    initiative = (
        Initiative.objects.select_for_update()
        .select_related("neighbourhood", "initiator")
        .get(pk=initiative.pk)
    )
    neighbourhood = meeting.neighbourhood
    if not (
        is_leader(user=actor, neighbourhood=neighbourhood)
        or is_wijk_official(user=actor, neighbourhood=neighbourhood)
    ):
        raise PermissionDenied
    if initiative.neighbourhood_id != meeting.neighbourhood_id:
        raise ValidationError(
            _("This plan belongs to another wijk."), code="other_wijk"
        )
    require_meeting_status(meeting, MeetingStatus.PLANNED, MeetingStatus.OPEN)
    if initiative.status not in SCHEDULABLE:
        raise ValidationError(
            _("Only checked or deferred plans can be put on the agenda."),
            code="wrong_status",
        )
    if (
        AgendaItem.objects.filter(initiative=initiative)
        .filter(status__in=[AgendaItemStatus.WAITING, AgendaItemStatus.OPEN])
        .exists()
        or AgendaItem.objects.filter(meeting=meeting, initiative=initiative).exists()
    ):
        raise ValidationError(
            _("This plan is already on an agenda."), code="already_on_agenda"
        )
    checked = checked_on(initiative=initiative)
    if checked is None or checked > meeting.cutoff_on:
        raise ValidationError(
            _(
                "This plan was checked after the cut-off date of this meeting "
                "(%(cutoff)s). Put it on the agenda of a later meeting."
            ),
            code="after_cutoff",
            params={"cutoff": message_day(meeting.cutoff_on)},
        )
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))
    item = AgendaItem.objects.create(
        meeting=meeting, initiative=initiative, position=(last["m"] or 0) + 1
    )
    initiative_transition(
        actor=actor, initiative=initiative, to=InitiativeStatus.ON_AGENDA
    )
    audit_record(
        actor=actor,
        action="regiegroep.agenda_item_add",
        subject=item,
        data={
            "meeting": meeting.pk,
            "initiative": initiative.pk,
            "position": item.position,
        },
    )
    notification_send(
        recipients=initiators_of(initiative),
        kind="regiegroep.agenda_date",
        subject=_("Your plan %(title)s is on the agenda"),
        body=_(
            "The regiegroep of %(wijk)s discusses your plan %(title)s on %(date)s. "
            "You will hear the outcome after the meeting."
        ),
        params={
            "title": initiative.title,
            "wijk": neighbourhood.name,
            "date": message_day(meeting.held_on),
        },
        url=resident_url(initiative),
    )
    notification_send(
        recipients=[
            m.user for m in members_on(neighbourhood=neighbourhood, on=meeting.held_on)
        ],
        kind="regiegroep.agenda_item",
        subject=_("New on the agenda of %(date)s: %(title)s"),
        body=_(
            "The plan %(title)s is on the agenda of the regiegroep on %(date)s. "
            "Read it before the meeting, and say whether you have a personal "
            "interest in it."
        ),
        params={"title": initiative.title, "date": message_day(meeting.held_on)},
        url=meeting_url(meeting),
    )
    return item


@transaction.atomic
def attendance_record(
    *, actor: User, meeting: Meeting, present: Iterable[User]
) -> list[Attendance]:
    """Record who is at the meeting (chair or secretary): ``present`` are there, the
    other members of the regiegroep are not. A member who has voted stays present."""
    meeting = lock_meeting(meeting)
    require_leader(actor=actor, neighbourhood=meeting.neighbourhood)
    require_meeting_status(meeting, MeetingStatus.PLANNED, MeetingStatus.OPEN)
    members = {
        m.user.pk: m.user
        for m in members_on(neighbourhood=meeting.neighbourhood, on=meeting.held_on)
    }
    there = {user.pk for user in present}
    strangers = there - members.keys()
    if strangers:
        raise ValidationError(
            _("Only members of this regiegroep can be marked present."),
            code="not_member",
        )
    voted = set(
        meeting.agenda_items.filter(votes__isnull=False).values_list(
            "votes__member_id", flat=True
        )
    )
    if voted - there:
        raise ValidationError(
            _("A member who has already voted in this meeting cannot be absent."),
            code="already_voted",
        )
    rows = []
    for user_id, user in members.items():
        row, _created = Attendance.objects.update_or_create(
            meeting=meeting,
            member=user,
            defaults={"present": user_id in there, "recorded_by": actor},
        )
        rows.append(row)
    audit_record(
        actor=actor,
        action="regiegroep.attendance_record",
        subject=meeting,
        data={"present": sorted(there), "members": sorted(members)},
    )
    return rows


@transaction.atomic
def meeting_open(*, actor: User, meeting: Meeting) -> Meeting:
    """Start the meeting (chair or secretary), on or after its date."""
    meeting = lock_meeting(meeting)
    require_leader(actor=actor, neighbourhood=meeting.neighbourhood)
    regiegroep_step_check(
        machine=MEETING,
        row=meeting,
        to=MeetingStatus.OPEN,
        action="regiegroep.meeting_open",
    )
    if timezone.localdate() < meeting.held_on:
        raise ValidationError(
            _("The meeting can be opened on %(date)s."),
            code="too_early",
            params={"date": message_day(meeting.held_on)},
        )
    regiegroep_transition(
        actor=actor,
        machine=MEETING,
        row=meeting,
        to=MeetingStatus.OPEN,
        action="regiegroep.meeting_open",
    )
    public_pages_changed(neighbourhood=meeting.neighbourhood)
    return meeting


@transaction.atomic
def meeting_close(*, actor: User, meeting: Meeting) -> Meeting:
    """End the meeting (chair or secretary). Every plan on the agenda must have an
    advice or be deferred."""
    meeting = lock_meeting(meeting)
    require_leader(actor=actor, neighbourhood=meeting.neighbourhood)
    regiegroep_step_check(
        machine=MEETING,
        row=meeting,
        to=MeetingStatus.CLOSED,
        action="regiegroep.meeting_close",
    )
    pending = meeting.agenda_items.filter(
        status__in=[AgendaItemStatus.WAITING, AgendaItemStatus.OPEN]
    ).count()
    if pending:
        raise ValidationError(
            _(
                "Plans on the agenda without an advice: %(count)s. Give an advice "
                "or defer them first."
            ),
            code="items_pending",
            params={"count": pending},
        )
    regiegroep_transition(
        actor=actor,
        machine=MEETING,
        row=meeting,
        to=MeetingStatus.CLOSED,
        action="regiegroep.meeting_close",
    )
    public_pages_changed(neighbourhood=meeting.neighbourhood)
    return meeting


@transaction.atomic
def minutes_save(*, actor: User, meeting: Meeting, minutes: str) -> Meeting:
    """Write the minutes (chair or secretary), until the besluitenlijst is public."""
    meeting = lock_meeting(meeting)
    require_leader(actor=actor, neighbourhood=meeting.neighbourhood)
    require_meeting_status(meeting, MeetingStatus.OPEN, MeetingStatus.CLOSED)
    if meeting.minutes_published_at is not None:
        raise ValidationError(
            _("The minutes are published and can no longer be changed."),
            code="published",
        )
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes", "updated_at"])
    audit_record(
        actor=actor,
        action="regiegroep.minutes_save",
        subject=meeting,
        data={"length": len(meeting.minutes)},
    )
    return meeting


@transaction.atomic
def minutes_publish(*, actor: User, meeting: Meeting) -> Meeting:
    """Publish the besluitenlijst of a closed meeting (chair or secretary): from now
    on the advices of this meeting are on the public wijk page."""
    meeting = lock_meeting(meeting)
    require_leader(actor=actor, neighbourhood=meeting.neighbourhood)
    require_meeting_status(meeting, MeetingStatus.CLOSED)
    if meeting.minutes_published_at is not None:
        raise ValidationError(
            _("The decision list is already published."), code="published"
        )
    if not meeting.minutes:
        raise ValidationError(
            _("Write the minutes before you publish the decision list."),
            code="no_minutes",
        )
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at", "updated_at"])
    public_pages_changed(neighbourhood=meeting.neighbourhood)
    audit_record(
        actor=actor,
        action="regiegroep.minutes_publish",
        subject=meeting,
        data={"advices": meeting_advices(meeting=meeting).count()},
    )
    return meeting
