"""Setup data for regiegroep tests: a wijk with a regiegroep, checked plans and
meetings, every state reached through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import Initiative, StatusChange
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    neighbourhood_ready,
    step,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import RoleAssignmentFactory
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day
from wijkvoucher.regiegroep.models import (
    Advice,
    AgendaItem,
    Assessment,
    Attendance,
    ConflictDeclaration,
    Meeting,
    MemberVote,
)
from wijkvoucher.regiegroep.services import (
    agenda_item_add,
    agenda_item_open,
    attendance_record,
    conflict_declare,
    meeting_open,
    meeting_plan,
)

# The meeting most tests use: three weeks after TODAY, so the cut-off (14 days
# before) lies after the day the plans are checked.
MEETING_DAY = TODAY + dt.timedelta(days=21)


@dataclass
class Group:
    """A wijk with its regiegroep: chair, secretary, three members (all with a vote)
    and an adviser without a vote."""

    wijk: Neighbourhood
    chair: User
    secretary: User
    members: list[User]
    adviser: User
    official: User
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def voters(self) -> list[User]:
        return [self.chair, self.secretary, *self.members]


def member(
    wijk: Neighbourhood, role: Role = Role.STEERING_MEMBER, **fields: Any
) -> User:
    user = UserFactory.create()
    RoleAssignmentFactory(user=user, role=role, neighbourhood=wijk, **fields)
    return user


def regiegroep(wijk: Neighbourhood | None = None) -> Group:
    wijk = wijk or neighbourhood_ready()
    assert wijk.contact_official is not None
    return Group(
        wijk=wijk,
        chair=member(wijk, Role.STEERING_CHAIR, previously_active=True),
        secretary=member(wijk, Role.STEERING_SECRETARY),
        members=[member(wijk, previously_active=True), member(wijk), member(wijk)],
        adviser=member(wijk, Role.STEERING_ADVISER),
        official=wijk.contact_official,
    )


def checked_plan(wijk: Neighbourhood, **fields: Any) -> Initiative:
    """A plan of € 450 in ``wijk``, submitted and checked today."""
    initiative = complete_draft(neighbourhood=wijk, **fields)
    initiative = step(initiative, S.SUBMITTED)
    return step(initiative, S.CHECKED)


def planned_meeting(group: Group, held_on: dt.date = MEETING_DAY) -> Meeting:
    return meeting_plan(
        actor=group.secretary, neighbourhood=group.wijk, held_on=held_on
    )


def item_on_agenda(group: Group, meeting: Meeting | None = None) -> AgendaItem:
    meeting = meeting or planned_meeting(group)
    return agenda_item_add(
        actor=group.secretary, meeting=meeting, initiative=checked_plan(group.wijk)
    )


def open_meeting(group: Group, item: AgendaItem, present: list[User]) -> None:
    """On the meeting day (the caller is inside ``on_day(MEETING_DAY)``): open the
    meeting and record ``present``."""
    meeting_open(actor=group.chair, meeting=item.meeting)
    attendance_record(actor=group.secretary, meeting=item.meeting, present=present)


def declare_all(group: Group, item: AgendaItem, people: list[User]) -> None:
    for person in people:
        conflict_declare(
            actor=person, agenda_item=item, member=person, has_conflict=False
        )


def item_under_discussion(group: Group) -> AgendaItem:
    """A plan on the agenda of MEETING_DAY, the meeting open with every voter
    present and declared, and the item opened. The caller must be inside
    ``on_day(MEETING_DAY)`` for the rest of the test; this function plans the meeting
    on TODAY itself."""
    with on_day(TODAY):
        item = item_on_agenda(group)
    open_meeting(group, item, group.voters)
    declare_all(group, item, group.voters)
    return agenda_item_open(actor=group.chair, agenda_item=item)


def counts() -> tuple[int, ...]:
    """Rows of every regiegroep table, status changes and audit events: compare
    before and after a refusal."""
    return (
        AuditEvent.objects.count(),
        StatusChange.objects.count(),
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        Attendance.objects.count(),
        ConflictDeclaration.objects.count(),
        Assessment.objects.count(),
        MemberVote.objects.count(),
        Advice.objects.count(),
    )


def state(item: AgendaItem) -> tuple[Any, ...]:
    """The item's and its plan's and meeting's status, with the row counts."""
    item.refresh_from_db()
    item.initiative.refresh_from_db()
    item.meeting.refresh_from_db()
    return (
        item.status,
        item.initiative.status,
        item.meeting.status,
        item.meeting.minutes,
        item.meeting.minutes_published_at,
        *counts(),
    )
