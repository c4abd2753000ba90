"""Fetch-and-check helpers for the organisers' pages of a wijkraadpleging
(docs/architecture.md#inside-an-app).

Who reads: the regiegroep (members and advisers too) and the wijk's officials
(contact officials, coordinators). Who organises (create, change, publish, cancel,
the roll, certify): ``ORGANISER_ROLES``. Who helps residents vote and types paper
ballots: ``ELECTION_OFFICIAL_ROLES``. A consultation of a wijk the person does not
work in answers 404; one they may read but not act on, 403. Every page needs a
verified second factor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.consultations.models import Consultation
from wijkvoucher.consultations.permissions import (
    ELECTION_OFFICIAL_ROLES,
    ORGANISER_ROLES,
    may_assist_voting,
    may_organise_consultation,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.roles import OFFICIAL_ROLES, STEERING_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
)

# Everyone who may read a wijk's consultations.
READER_ROLES: frozenset[Role] = (
    STEERING_ROLES | OFFICIAL_ROLES | ORGANISER_ROLES | ELECTION_OFFICIAL_ROLES
)


def consultation_wijken(user: User) -> QuerySet[Neighbourhood]:
    """The wijken whose consultations ``user`` may read."""
    return (
        neighbourhoods_where_user_has_role(user=user, roles=READER_ROLES)
        .distinct()
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class Desk:
    """Who is looking at one consultation, and what they may do with it."""

    user: User
    consultation: Consultation

    @cached_property
    def may_organise(self) -> bool:
        return may_organise_consultation(
            user=self.user, neighbourhood=self.consultation.neighbourhood
        )

    @cached_property
    def may_assist(self) -> bool:
        return may_assist_voting(
            user=self.user, neighbourhood=self.consultation.neighbourhood
        )


def require_reader(request: HttpRequest) -> tuple[User, QuerySet[Neighbourhood]]:
    """The person and the wijken they read consultations of; 403 without any."""
    user = signed_in_user(request)
    wijken = consultation_wijken(user)
    if not wijken.exists():
        raise PermissionDenied
    require_second_factor(request)
    return user, wijken


def access_wijk_to_organise(
    request: HttpRequest, slug: str
) -> tuple[User, Neighbourhood]:
    """A wijk whose consultations the person organises (a new one)."""
    user, wijken = require_reader(request)
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("regulation"), slug=slug
    )
    if not wijken.filter(pk=neighbourhood.pk).exists():
        raise Http404
    if not may_organise_consultation(user=user, neighbourhood=neighbourhood):
        raise PermissionDenied
    return user, neighbourhood


def access_consultation(request: HttpRequest, consultation_uuid: uuid.UUID) -> Desk:
    """A consultation of a wijk the person reads; any other answers 404."""
    user, wijken = require_reader(request)
    consultation = get_object_or_404(
        Consultation.objects.select_related(
            "neighbourhood", "neighbourhood__municipality"
        ),
        uuid=consultation_uuid,
    )
    if not wijken.filter(pk=consultation.neighbourhood_id).exists():
        raise Http404
    return Desk(user=user, consultation=consultation)


def access_consultation_to_organise(
    request: HttpRequest, consultation_uuid: uuid.UUID
) -> Desk:
    """As ``access_consultation``, for its organisers only (403 for other readers)."""
    desk = access_consultation(request, consultation_uuid)
    if not desk.may_organise:
        raise PermissionDenied
    return desk


def access_consultation_to_assist(
    request: HttpRequest, consultation_uuid: uuid.UUID
) -> Desk:
    """As ``access_consultation``, for election officials only (assisted and paper
    ballots; 403 for other readers)."""
    desk = access_consultation(request, consultation_uuid)
    if not desk.may_assist:
        raise PermissionDenied
    return desk
