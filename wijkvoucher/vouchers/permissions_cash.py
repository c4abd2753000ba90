"""Fetch-and-check helpers for the cash manager's pages and the budget view
(docs/architecture.md#inside-an-app: raise PermissionDenied or Http404). Cash managers and coordinators
decide on claims and disputes of their wijken (or their whole municipality); the
budget view is also open to the wijk's contact officials and the council, read only.
All of them pass the second factor."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
)
from wijkvoucher.vouchers.models import Claim, Dispute
from wijkvoucher.vouchers.services.claims_decide import CASH_ROLES

BUDGET_READERS = (*CASH_ROLES, Role.CONTACT_OFFICIAL, Role.COUNCIL)


def _wijken(request: HttpRequest, roles: tuple[Role, ...]) -> QuerySet[Neighbourhood]:
    user = signed_in_user(request)
    neighbourhoods = neighbourhoods_where_user_has_role(user=user, roles=roles)
    if not neighbourhoods.exists():
        raise PermissionDenied
    require_second_factor(request)
    return neighbourhoods.select_related("municipality").order_by("name", "pk")


def require_cash_manager(request: HttpRequest) -> QuerySet[Neighbourhood]:
    """The wijken where the signed-in person manages the cash (403 otherwise)."""
    return _wijken(request, CASH_ROLES)


def access_claim_for_cash(request: HttpRequest, claim_uuid: uuid.UUID) -> Claim:
    """A claim of a plan in one of the cash manager's wijken (404 elsewhere)."""
    neighbourhoods = require_cash_manager(request)
    claim = (
        Claim.objects.select_related(
            "initiative__neighbourhood",
            "initiative__initiator",
            "budget_line",
            "submitted_by",
            "decided_by",
            "transaction",
        )
        .filter(uuid=claim_uuid, initiative__neighbourhood__in=neighbourhoods)
        .first()
    )
    if claim is None:
        raise Http404
    return claim


def access_dispute_for_cash(request: HttpRequest, dispute_uuid: uuid.UUID) -> Dispute:
    """A dispute about a redemption in one of the cash manager's wijken."""
    neighbourhoods = require_cash_manager(request)
    dispute = (
        Dispute.objects.select_related(
            "redemption__voucher__initiative__neighbourhood",
            "redemption__voucher__initiative__initiator",
            "redemption__provider",
            "raised_by",
            "resolved_by",
            "refund",
        )
        .filter(
            uuid=dispute_uuid,
            redemption__voucher__neighbourhood__in=neighbourhoods,
        )
        .first()
    )
    if dispute is None:
        raise Http404
    return dispute


def access_budget_wijk(request: HttpRequest, neighbourhood_slug: str) -> Neighbourhood:
    """A wijk whose budget the person may read: cash managers, coordinators, contact
    officials and the council of that wijk or its municipality."""
    neighbourhoods = _wijken(request, BUDGET_READERS)
    wijk = neighbourhoods.filter(slug=neighbourhood_slug).first()
    if wijk is None:
        raise Http404
    return wijk
