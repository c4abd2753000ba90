"""Fetch-and-check helpers for the cash manager's pages and the budget view
(docs/architecture.md#inside-an-app: raise PermissionDenied or Http404). Cash managers and coordinators
decide on claims and disputes of their wijken (or their whole municipality); the
budget view is also open to the wijk's contact officials and the council, read only.
All of them pass the second factor."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_co_initiator
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.roles import (
    BUDGET_READER_ROLES,
    CASH_ROLES,
    PAYOUT_PREPARER_ROLES,
)
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
    user_has_role,
)
from wijkvoucher.vouchers.models import Claim, Dispute, PayoutBatch
from wijkvoucher.vouchers.selectors_payouts import (
    payout_batch_for,
    payout_municipalities,
    role_in_municipality,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User


def may_manage_cash(*, user: User, initiative: Initiative) -> bool:
    """Holds a cash role for the plan's wijk (or the whole municipality)."""
    return user_has_role(
        user=user, roles=CASH_ROLES, neighbourhood=initiative.neighbourhood
    )


def is_own_plan(*, user: User, initiative: Initiative) -> bool:
    """The user is the plan's initiator or an accepted co-initiator."""
    return user.pk == initiative.initiator_id or is_co_initiator(
        user=user, initiative=initiative
    )


def _wijken(request: HttpRequest, roles: frozenset[Role]) -> QuerySet[Neighbourhood]:
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
    neighbourhoods = _wijken(request, BUDGET_READER_ROLES)
    wijk = neighbourhoods.filter(slug=neighbourhood_slug).first()
    if wijk is None:
        raise Http404
    return wijk


# --- Payout batches -------------------------------------------------------------------


def may_handle_payouts(
    *, user: User | AnonymousUser, municipality: Municipality
) -> bool:
    """A cash manager or coordinator of ``municipality``."""
    return role_in_municipality(user=user, roles=CASH_ROLES, municipality=municipality)


def may_prepare_payouts(
    *, user: User | AnonymousUser, municipality: Municipality
) -> bool:
    """A cash manager of ``municipality`` (municipality-wide or for one of its wijken)."""
    return role_in_municipality(
        user=user, roles=PAYOUT_PREPARER_ROLES, municipality=municipality
    )


def require_payout_handler(request: HttpRequest) -> tuple[User, QuerySet[Municipality]]:
    """A cash manager or coordinator who passed the second factor, and the
    municipalities whose payouts they handle. Anyone else gets 403."""
    user = signed_in_user(request)
    municipalities = payout_municipalities(user=user)
    if not municipalities.exists():
        raise PermissionDenied
    require_second_factor(request)
    return user, municipalities


def access_payout_municipality(
    request: HttpRequest, municipalities: QuerySet[Municipality]
) -> Municipality:
    slug = request.POST.get("gemeente") or request.GET.get("gemeente")
    chosen = (
        municipalities.filter(slug=slug).first() if slug else municipalities.first()
    )
    if chosen is None:
        raise Http404
    return chosen


def access_payout_batch(
    request: HttpRequest, batch_uuid: uuid.UUID
) -> tuple[User, PayoutBatch]:
    """A batch of one of the handler's municipalities; any other answers 404."""
    user, municipalities = require_payout_handler(request)
    batch = payout_batch_for(batch_uuid=batch_uuid, municipalities=municipalities)
    if batch is None:
        raise Http404
    return user, batch
