"""Fetch-and-check helpers for the regiegroep workspace (docs/architecture.md#inside-an-app). Members
of a wijk's regiegroep (advisers included) and the wijk's officials (contact
officials, coordinators) may read; what each may change is decided per action. Every
page needs a verified second factor. The predicates ``is_leader`` and
``is_wijk_official`` serve the services too."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.roles import (
    LEADER_ROLES,
    OFFICIAL_ROLES,
    STEERING_ROLES,
)
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
    user_has_role,
)
from wijkvoucher.regiegroep.models import AgendaItem, Meeting


def is_leader(
    *, user: User, neighbourhood: Neighbourhood, on: dt.date | None = None
) -> bool:
    """Chair or secretary of the wijk's regiegroep on ``on`` (today)."""
    return user_has_role(
        user=user,
        roles=LEADER_ROLES,
        neighbourhood=neighbourhood,
        on=on or timezone.localdate(),
    )


def is_wijk_official(*, user: User, neighbourhood: Neighbourhood) -> bool:
    return user_has_role(user=user, roles=OFFICIAL_ROLES, neighbourhood=neighbourhood)


@dataclass(frozen=True)
class Workspace:
    """Who is looking, and in which wijken as member or as official."""

    user: User
    member_of: QuerySet[Neighbourhood]
    official_of: QuerySet[Neighbourhood]

    @property
    def neighbourhoods(self) -> QuerySet[Neighbourhood]:
        return (self.member_of | self.official_of).distinct().order_by("name", "pk")

    def can_see(self, neighbourhood: Neighbourhood) -> bool:
        return self.neighbourhoods.filter(pk=neighbourhood.pk).exists()

    def is_member(self, neighbourhood: Neighbourhood) -> bool:
        return self.member_of.filter(pk=neighbourhood.pk).exists()

    def is_leader(self, neighbourhood: Neighbourhood) -> bool:
        return is_leader(user=self.user, neighbourhood=neighbourhood)

    def is_official(self, neighbourhood: Neighbourhood) -> bool:
        return self.official_of.filter(pk=neighbourhood.pk).exists()

    def is_coordinator(self, neighbourhood: Neighbourhood) -> bool:
        return user_has_role(
            user=self.user, roles=[Role.COORDINATOR], neighbourhood=neighbourhood
        )


def require_workspace(request: HttpRequest) -> Workspace:
    """Regiegroep members and officials only (403 for anyone else); a verified
    second factor first."""
    user = signed_in_user(request)
    member_of = neighbourhoods_where_user_has_role(user=user, roles=STEERING_ROLES)
    official_of = neighbourhoods_where_user_has_role(user=user, roles=OFFICIAL_ROLES)
    if not member_of.exists() and not official_of.exists():
        raise PermissionDenied
    require_second_factor(request)
    return Workspace(user=user, member_of=member_of, official_of=official_of)


def access_neighbourhood(
    request: HttpRequest, slug: str
) -> tuple[Workspace, Neighbourhood]:
    """A wijk the person works in; any other answers 404."""
    workspace = require_workspace(request)
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("regulation"), slug=slug
    )
    if not workspace.can_see(neighbourhood):
        raise Http404
    return workspace, neighbourhood


def access_meeting_planning(
    request: HttpRequest, slug: str
) -> tuple[Workspace, Neighbourhood]:
    """Planning a meeting: the chair, secretary or a coordinator of the wijk."""
    workspace, neighbourhood = access_neighbourhood(request, slug)
    if not (
        workspace.is_leader(neighbourhood) or workspace.is_coordinator(neighbourhood)
    ):
        raise PermissionDenied
    return workspace, neighbourhood


def access_meeting(
    request: HttpRequest, meeting_uuid: uuid.UUID
) -> tuple[Workspace, Meeting]:
    """A meeting in a wijk the person works in; any other answers 404."""
    workspace = require_workspace(request)
    meeting = get_object_or_404(
        Meeting.objects.select_related("neighbourhood"), uuid=meeting_uuid
    )
    if not workspace.can_see(meeting.neighbourhood):
        raise Http404
    return workspace, meeting


def access_meeting_to_lead(
    request: HttpRequest, meeting_uuid: uuid.UUID
) -> tuple[Workspace, Meeting]:
    """A meeting its chair or secretary runs; others who may read it get 403."""
    workspace, meeting = access_meeting(request, meeting_uuid)
    if not workspace.is_leader(meeting.neighbourhood):
        raise PermissionDenied
    return workspace, meeting


def access_meeting_to_schedule(
    request: HttpRequest, meeting_uuid: uuid.UUID
) -> tuple[Workspace, Meeting]:
    """Putting plans on the agenda: the chair, secretary or a wijk official."""
    workspace, meeting = access_meeting(request, meeting_uuid)
    wijk = meeting.neighbourhood
    if not (workspace.is_leader(wijk) or workspace.is_official(wijk)):
        raise PermissionDenied
    return workspace, meeting


def access_agenda_item(
    request: HttpRequest, item_uuid: uuid.UUID, *, lead: bool = False
) -> tuple[Workspace, AgendaItem]:
    """An agenda item of a meeting in a wijk the person works in (404 elsewhere). As
    a member (declaring, assessing, voting) or, with ``lead``, as chair or
    secretary; officials who may only read get 403."""
    workspace = require_workspace(request)
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "meeting", "meeting__neighbourhood", "initiative"
        ),
        uuid=item_uuid,
    )
    wijk = item.meeting.neighbourhood
    if not workspace.can_see(wijk):
        raise Http404
    allowed = workspace.is_leader(wijk) if lead else workspace.is_member(wijk)
    if not allowed:
        raise PermissionDenied
    return workspace, item
