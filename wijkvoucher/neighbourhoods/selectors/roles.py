"""Who holds which role where, on a given day. Roles are data (docs/roles.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    RoleAssignment,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User


def _today() -> dt.date:
    return timezone.localdate()


def role_holders(
    *, neighbourhood: Neighbourhood, roles: Iterable[Role], on: dt.date | None = None
) -> QuerySet[User]:
    """Active people holding one of ``roles`` for ``neighbourhood`` or for its whole
    municipality on ``on`` (today by default), by primary key."""
    from wijkvoucher.accounts.models import User

    day = on or _today()
    holders = (
        RoleAssignment.objects.filter(role__in=list(roles), valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .filter(
            Q(neighbourhood=neighbourhood)
            | Q(
                neighbourhood__isnull=True,
                municipality_id=neighbourhood.municipality_id,
            )
        )
        .values("user_id")
    )
    return User.objects.filter(pk__in=holders, is_active=True).order_by("pk")


def role_assignments_active(
    *, user: User | AnonymousUser, on: dt.date | None = None
) -> QuerySet[RoleAssignment]:
    """The roles ``user`` holds on ``on`` (today by default)."""
    if not user.is_authenticated or not user.is_active:
        return RoleAssignment.objects.none()
    day = on or _today()
    return (
        RoleAssignment.objects.filter(user_id=user.pk, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("municipality", "neighbourhood")
    )


def user_has_role(
    *,
    user: User | AnonymousUser,
    roles: Iterable[Role],
    neighbourhood: Neighbourhood | None = None,
    on: dt.date | None = None,
) -> bool:
    """True when ``user`` holds one of ``roles``. With a ``neighbourhood``, the role must
    be for that wijk or for its whole municipality (an assignment without a wijk)."""
    qs = role_assignments_active(user=user, on=on).filter(role__in=list(roles))
    if neighbourhood is not None:
        qs = qs.filter(
            Q(neighbourhood=neighbourhood)
            | Q(
                neighbourhood__isnull=True,
                municipality_id=neighbourhood.municipality_id,
            )
        )
    return qs.exists()


def neighbourhoods_where_user_has_role(
    *, user: User | AnonymousUser, roles: Iterable[Role], on: dt.date | None = None
) -> QuerySet[Neighbourhood]:
    assignments = role_assignments_active(user=user, on=on).filter(role__in=list(roles))
    direct = assignments.filter(neighbourhood__isnull=False).values("neighbourhood_id")
    wide = assignments.filter(neighbourhood__isnull=True).values("municipality_id")
    return Neighbourhood.objects.filter(Q(pk__in=direct) | Q(municipality_id__in=wide))


def steering_group_members(
    *, neighbourhood: Neighbourhood, on: dt.date | None = None
) -> QuerySet[RoleAssignment]:
    """The regiegroep of a wijk on a day: members, chair, secretary and advisers."""
    from wijkvoucher.neighbourhoods.roles import STEERING_ROLES

    day = on or _today()
    return (
        RoleAssignment.objects.filter(
            neighbourhood=neighbourhood,
            role__in=list(STEERING_ROLES),
            valid_from__lte=day,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def municipalities_where_user_has_role(
    *, user: User | AnonymousUser, roles: Iterable[Role], on: dt.date | None = None
) -> QuerySet[Municipality]:
    """The municipalities where ``user`` holds one of ``roles`` (for the wijk or for
    the whole municipality)."""
    assignments = role_assignments_active(user=user, on=on).filter(role__in=list(roles))
    return Municipality.objects.filter(pk__in=assignments.values("municipality_id"))


def coordinators_active(*, on: dt.date | None = None) -> QuerySet[User]:
    """Active people who are coordinator (of any municipality) on ``on``, by primary
    key: who hears about a burst of refused requests (core.security_events)."""
    from wijkvoucher.accounts.models import User

    day = on or _today()
    holders = (
        RoleAssignment.objects.filter(role=Role.COORDINATOR, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .values("user_id")
    )
    return User.objects.filter(pk__in=holders, is_active=True).order_by("pk")
