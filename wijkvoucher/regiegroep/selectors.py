"""All reads of the regiegroep workspace (docs/architecture.md#inside-an-app: the scope is passed
explicitly)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import (
    Initiative,
    StatusChange,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    Neighbourhood,
    RegulationVersion,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.roles import STEERING_ROLES, VOTING_STEERING_ROLES
from wijkvoucher.neighbourhoods.selectors.regulations import (
    regulation_version_in_force,
    regulation_version_latest,
)
from wijkvoucher.regiegroep.constants import (
    AgendaItemStatus,
    MeetingStatus,
)
from wijkvoucher.regiegroep.models import (
    Advice,
    AgendaItem,
    Attendance,
    Meeting,
)

# Plans that may be put on an agenda.
SCHEDULABLE = (InitiativeStatus.CHECKED, InitiativeStatus.DEFERRED)


def advice_latest(*, initiative: Initiative) -> Advice | None:
    """The most recent advice of the regiegroep on ``initiative``, or None."""
    return (
        Advice.objects.filter(initiative=initiative)
        .select_related("agenda_item__meeting", "recorded_by")
        .order_by("-created_at", "-pk")
        .first()
    )


# --- Members -----------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A person in the regiegroep on a day, with all their steering roles."""

    user: User
    roles: tuple[Role, ...]
    valid_from: dt.date
    valid_until: dt.date | None
    previously_active: bool

    @property
    def voting(self) -> bool:
        return any(role in VOTING_STEERING_ROLES for role in self.roles)

    @property
    def role_labels(self) -> str:
        return ", ".join(str(Role(role).label) for role in self.roles)


def _assignments_on(
    *, neighbourhood: Neighbourhood, on: dt.date
) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(
            neighbourhood=neighbourhood,
            role__in=sorted(STEERING_ROLES),
            valid_from__lte=on,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user_id", "role", "pk")
    )


def members_on(*, neighbourhood: Neighbourhood, on: dt.date) -> list[Member]:
    """The regiegroep of ``neighbourhood`` on ``on``, one entry per person."""
    by_user: dict[int, list[RoleAssignment]] = {}
    for assignment in _assignments_on(neighbourhood=neighbourhood, on=on):
        by_user.setdefault(assignment.user_id, []).append(assignment)
    members = []
    for assignments in by_user.values():
        ends = [a.valid_until for a in assignments]
        members.append(
            Member(
                user=assignments[0].user,
                roles=tuple(Role(a.role) for a in assignments),
                valid_from=min(a.valid_from for a in assignments),
                valid_until=None if None in ends else max(e for e in ends if e),
                previously_active=any(a.previously_active for a in assignments),
            )
        )
    return members


def voting_member_ids(*, meeting: Meeting) -> set[int]:
    """The people with a vote in ``meeting``'s regiegroep on the meeting date."""
    return {
        m.user.pk
        for m in members_on(neighbourhood=meeting.neighbourhood, on=meeting.held_on)
        if m.voting
    }


def member_ids(*, meeting: Meeting) -> set[int]:
    return {
        m.user.pk
        for m in members_on(neighbourhood=meeting.neighbourhood, on=meeting.held_on)
    }


def present_ids(*, meeting: Meeting) -> set[int]:
    return set(
        Attendance.objects.filter(meeting=meeting, present=True).values_list(
            "member_id", flat=True
        )
    )


@dataclass(frozen=True)
class Quorum:
    """Quorum: more than half of the voting members are present."""

    voting_members: int
    present: int

    @property
    def needed(self) -> int:
        return self.voting_members // 2 + 1

    @property
    def reached(self) -> bool:
        return self.voting_members > 0 and self.present >= self.needed


def meeting_quorum(*, meeting: Meeting) -> Quorum:
    voting = voting_member_ids(meeting=meeting)
    return Quorum(
        voting_members=len(voting), present=len(voting & present_ids(meeting=meeting))
    )


# --- Meetings and plans ------------------------------------------------------------


def meetings_upcoming(
    *, neighbourhoods: Iterable[Neighbourhood], on: dt.date | None = None
) -> QuerySet[Meeting]:
    """Meetings not closed yet, or held on or after ``on`` (today), soonest first."""
    day = on or timezone.localdate()
    return (
        Meeting.objects.filter(neighbourhood__in=list(neighbourhoods))
        .filter(~Q(status=MeetingStatus.CLOSED) | Q(held_on__gte=day))
        .select_related("neighbourhood")
        .order_by("held_on", "pk")
    )


def meetings_past(
    *, neighbourhoods: Iterable[Neighbourhood], limit: int = 10
) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            neighbourhood__in=list(neighbourhoods), status=MeetingStatus.CLOSED
        )
        .select_related("neighbourhood")
        .order_by("-held_on", "-pk")[:limit]
    )


def plans_to_schedule(
    *, neighbourhoods: Iterable[Neighbourhood]
) -> QuerySet[Initiative]:
    """Checked or deferred plans waiting for a place on an agenda."""
    return (
        Initiative.objects.filter(
            neighbourhood__in=list(neighbourhoods), status__in=SCHEDULABLE
        )
        .exclude(
            agenda_items__status__in=[AgendaItemStatus.WAITING, AgendaItemStatus.OPEN]
        )
        .select_related("neighbourhood")
        .order_by("submitted_at", "pk")
    )


def checked_on(*, initiative: Initiative) -> dt.date | None:
    """The day the plan was (last) marked as checked."""
    change = (
        StatusChange.objects.filter(
            initiative=initiative, to_status=InitiativeStatus.CHECKED
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    return timezone.localdate(change.created_at) if change is not None else None


def meeting_agenda(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related(
            "initiative",
            "initiative__neighbourhood",
            "initiative__initiator",
            "meeting__neighbourhood",
            "advice",
        )
        .order_by("position", "pk")
    )


def meeting_advices(*, meeting: Meeting) -> QuerySet[Advice]:
    """The besluitenlijst: the advices given at ``meeting``, in agenda order."""
    return (
        Advice.objects.filter(agenda_item__meeting=meeting)
        .select_related("initiative", "agenda_item")
        .order_by("agenda_item__position", "pk")
    )


def meeting_deferred(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting_agenda(meeting=meeting).filter(status=AgendaItemStatus.DEFERRED)


# --- Composition -------------------------------------------------------------------


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass(frozen=True)
class Composition:
    """The regiegroep of a wijk on a day, with the mix of people who were already
    active in the wijk and newcomers (a success factor in the evaluations)."""

    members: list[Member]
    min_size: int
    max_size: int
    on: dt.date
    voting: int = field(init=False)
    non_voting: int = field(init=False)
    previously_active: int = field(init=False)
    new: int = field(init=False)

    def __post_init__(self) -> None:
        voting = sum(1 for m in self.members if m.voting)
        active = sum(1 for m in self.members if m.previously_active)
        object.__setattr__(self, "voting", voting)
        object.__setattr__(self, "non_voting", len(self.members) - voting)
        object.__setattr__(self, "previously_active", active)
        object.__setattr__(self, "new", len(self.members) - active)

    @property
    def total(self) -> int:
        return len(self.members)

    @property
    def previously_active_percent(self) -> int:
        return _percent(self.previously_active, self.total)

    @property
    def new_percent(self) -> int:
        return _percent(self.new, self.total)

    @property
    def vacancies(self) -> int:
        """Voting seats still to fill to reach the minimum size."""
        return max(0, self.min_size - self.voting)

    @property
    def room(self) -> int:
        """Voting seats left below the maximum size."""
        return max(0, self.max_size - self.voting)

    @property
    def over_maximum(self) -> int:
        return max(0, self.voting - self.max_size)


def composition(
    *, neighbourhood: Neighbourhood, on: dt.date | None = None
) -> Composition:
    day = on or timezone.localdate()
    try:
        version: RegulationVersion | None = regulation_version_in_force(
            regulation=neighbourhood.regulation, at=timezone.now()
        )
    except ValidationError:
        version = regulation_version_latest(regulation=neighbourhood.regulation)
    return Composition(
        members=members_on(neighbourhood=neighbourhood, on=day),
        min_size=version.steering_group_min_size if version else 5,
        max_size=version.steering_group_max_size if version else 9,
        on=day,
    )
