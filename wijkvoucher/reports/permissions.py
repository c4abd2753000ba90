"""Who may read the reports (docs/roles.md): the council for its whole municipality,
coordinators and contact officials for their wijken (or their whole municipality).
All of them pass the second factor."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.roles import REPORT_READER_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
)


def require_report_reader(request: HttpRequest) -> list[Neighbourhood]:
    """The wijken whose reports the signed-in person may read (403 without any)."""
    user = signed_in_user(request)
    wijken: QuerySet[Neighbourhood] = neighbourhoods_where_user_has_role(
        user=user, roles=REPORT_READER_ROLES
    )
    found = list(wijken.select_related("municipality").order_by("name", "pk"))
    if not found:
        raise PermissionDenied
    require_second_factor(request)
    return found
