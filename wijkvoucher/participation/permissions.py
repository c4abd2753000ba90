"""Who sees what of the ladders (docs/roles.md#actie-and-participation): a person's
own step only on their own pages (there is no page with another person's step);
the reports, which count groups of at least ten, for officials, coordinators and
the council after the second factor."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.roles import OFFICIAL_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
)

REPORT_READER_ROLES = OFFICIAL_ROLES | {Role.COUNCIL}


def access_own_ladder(request: HttpRequest) -> User:
    """The signed-in person, for their own step."""
    return signed_in_user(request)


def require_ladder_reader(
    request: HttpRequest,
) -> tuple[User, QuerySet[Neighbourhood]]:
    user = signed_in_user(request)
    wijken = neighbourhoods_where_user_has_role(user=user, roles=REPORT_READER_ROLES)
    if not wijken.exists():
        raise PermissionDenied
    require_second_factor(request)
    return user, wijken.order_by("name", "pk")
