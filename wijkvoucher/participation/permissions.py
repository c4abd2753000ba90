"""Who sees what of the ladders (docs/roles.md#actie-and-participation): a person's
own step only on their own pages (there is no page with another person's step);
the reports, which count groups of at least ten, for the same readers as the ACTIE
reports (officials, coordinators and the council) after the second factor."""

from __future__ import annotations

from django.http import HttpRequest

from wijkvoucher.accounts.models import User
from wijkvoucher.actie.permissions import require_report_reader
from wijkvoucher.neighbourhoods.permissions import signed_in_user

__all__ = ["access_own_ladder", "require_report_reader"]


def access_own_ladder(request: HttpRequest) -> User:
    """The signed-in person, for their own step."""
    return signed_in_user(request)
