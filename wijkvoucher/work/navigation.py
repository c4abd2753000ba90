"""Which roles someone holds today, asked in one query for the site navigation and
the inbox's second-factor rule.

The flags span the apps: roles (neighbourhoods), provider memberships (vouchers) and
unread messages (notifications). So they are composed here, in work, which sits
above all three (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import RoleAssignment
from wijkvoucher.neighbourhoods.roles import (
    CASH_ROLES,
    OFFICIAL_ROLES,
    REPORT_READER_ROLES,
    STEERING_ROLES,
)
from wijkvoucher.providers.models import ProviderMembership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User


@dataclass(frozen=True)
class NavFacts:
    """What the header shows: the unread count and which work pages to offer."""

    unread: int = 0
    is_official: bool = False
    is_regiegroep: bool = False
    has_role: bool = False
    # Issue #4: an active member of an approved provider; a coordinator (reviews
    # providers).
    is_provider: bool = False
    is_coordinator: bool = False
    is_cash_manager: bool = False
    # Issue #13: the reports menu (the council's own, also for officials).
    is_report_reader: bool = False

    @property
    def has_work(self) -> bool:
        """The "My work" menu entry: any role today, or acting for a provider."""
        return self.has_role or self.is_provider


def _active_roles(user_id: int) -> QuerySet[RoleAssignment]:
    day = timezone.localdate()
    return RoleAssignment.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        user_id=user_id,
        valid_from__lte=day,
    )


def nav_facts(user: User | AnonymousUser) -> NavFacts:
    """One query: the unread messages of ``user`` and whether they hold an official,
    a regiegroep or any role today. Anonymous and inactive people get the defaults."""
    if not user.is_authenticated or not user.is_active:
        return NavFacts()
    user_model = get_user_model()
    roles = _active_roles(user.pk)
    day = timezone.localdate()
    memberships = ProviderMembership.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        valid_from__lte=day,
        provider__approved_at__isnull=False,
    )
    row = (
        user_model.objects.filter(pk=user.pk)
        .annotate(
            unread=Count(
                "notifications", filter=Q(notifications__read_at__isnull=True)
            ),
            is_official=Exists(
                roles.filter(user_id=OuterRef("pk"), role__in=sorted(OFFICIAL_ROLES))
            ),
            is_regiegroep=Exists(
                roles.filter(user_id=OuterRef("pk"), role__in=sorted(STEERING_ROLES))
            ),
            has_role=Exists(roles.filter(user_id=OuterRef("pk"))),
            is_cash_manager=Exists(
                roles.filter(user_id=OuterRef("pk"), role__in=sorted(CASH_ROLES))
            ),
            is_provider=Exists(memberships.filter(user_id=OuterRef("pk"))),
            is_coordinator=Exists(
                roles.filter(user_id=OuterRef("pk"), role=Role.COORDINATOR)
            ),
            is_report_reader=Exists(
                roles.filter(
                    user_id=OuterRef("pk"), role__in=sorted(REPORT_READER_ROLES)
                )
            ),
        )
        .values(
            "unread",
            "is_official",
            "is_regiegroep",
            "has_role",
            "is_cash_manager",
            "is_provider",
            "is_coordinator",
            "is_report_reader",
        )
        .first()
    )
    if row is None:
        return NavFacts()
    return NavFacts(
        unread=row["unread"],
        is_official=row["is_official"],
        is_regiegroep=row["is_regiegroep"],
        has_role=row["has_role"],
        is_cash_manager=row["is_cash_manager"],
        is_provider=row["is_provider"],
        is_coordinator=row["is_coordinator"],
        is_report_reader=row["is_report_reader"],
    )
