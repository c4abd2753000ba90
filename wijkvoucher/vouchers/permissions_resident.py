"""Fetch-and-check helpers for the initiators' voucher and claim pages and the
official's issue page (docs/architecture.md#inside-an-app: one function per use case,
raising PermissionDenied or Http404), and the predicates they and the services share.
A voucher code is a bearer secret: whoever may not see a
voucher gets 404, so nobody learns that it exists."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import (
    access_participant_initiative,
    is_co_initiator,
    is_wijk_official,
)
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.roles import CASH_ROLES, VOUCHER_ISSUER_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
    user_has_role,
)
from wijkvoucher.vouchers.models import Claim, ClaimReceipt, Redemption, Voucher

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def may_issue(*, user: User, initiative: Initiative) -> bool:
    """A wijk official or a cash manager of the wijk, never on their own plan."""
    if user.pk == initiative.initiator_id:
        return False
    return is_wijk_official(user=user, initiative=initiative) or user_has_role(
        user=user, roles=VOUCHER_ISSUER_ROLES, neighbourhood=initiative.neighbourhood
    )


def may_see_voucher(*, user: User, voucher: Voucher) -> bool:
    """The initiator sees every voucher of the plan; an accepted co-initiator only
    those the initiator shared."""
    initiative = voucher.initiative
    if user.pk == initiative.initiator_id:
        return True
    return voucher.shared_with_coinitiators and is_co_initiator(
        user=user, initiative=initiative
    )


def access_initiative_money(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> Initiative:
    """A plan the signed-in person started or takes part in as accepted
    co-initiator; anyone else gets 404."""
    return access_participant_initiative(request, initiative_uuid)


def access_own_initiative_money(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> Initiative:
    """Only the initiator (claims); a co-initiator or anyone else gets 404."""
    initiative = access_participant_initiative(request, initiative_uuid)
    if initiative.initiator_id != signed_in_user(request).pk:
        raise Http404
    return initiative


def access_voucher(
    request: HttpRequest, initiative_uuid: uuid.UUID, voucher_uuid: uuid.UUID
) -> Voucher:
    """A voucher the signed-in person may see (initiator; co-initiator when shared)."""
    initiative = access_participant_initiative(request, initiative_uuid)
    voucher = get_object_or_404(
        Voucher.objects.select_related("account", "decision", "replaces"),
        uuid=voucher_uuid,
        initiative=initiative,
    )
    voucher.initiative = initiative
    if not may_see_voucher(user=signed_in_user(request), voucher=voucher):
        raise Http404
    return voucher


def access_own_voucher(
    request: HttpRequest, initiative_uuid: uuid.UUID, voucher_uuid: uuid.UUID
) -> Voucher:
    """A voucher of the initiator's own plan (blocking, sharing)."""
    voucher = access_voucher(request, initiative_uuid, voucher_uuid)
    if voucher.initiative.initiator_id != signed_in_user(request).pk:
        raise Http404
    return voucher


def access_redemption(
    request: HttpRequest, initiative_uuid: uuid.UUID, redemption_uuid: uuid.UUID
) -> Redemption:
    """A payment with a voucher the signed-in person may see."""
    initiative = access_participant_initiative(request, initiative_uuid)
    redemption = get_object_or_404(
        Redemption.objects.select_related("voucher", "provider"),
        uuid=redemption_uuid,
        voucher__initiative=initiative,
    )
    redemption.voucher.initiative = initiative
    if not may_see_voucher(user=signed_in_user(request), voucher=redemption.voucher):
        raise Http404
    return redemption


def access_claim(
    request: HttpRequest, initiative_uuid: uuid.UUID, claim_uuid: uuid.UUID
) -> Claim:
    """A reimbursement or advance of a plan the person started or takes part in."""
    initiative = access_participant_initiative(request, initiative_uuid)
    claim = get_object_or_404(
        Claim.objects.select_related("budget_line"),
        uuid=claim_uuid,
        initiative=initiative,
    )
    claim.initiative = initiative
    return claim


def access_claim_receipt(
    request: HttpRequest, claim_uuid: uuid.UUID, receipt_id: int
) -> ClaimReceipt:
    """A receipt for the plan's initiator and co-initiators, and for those who decide
    on the claim: the cash managers and coordinators of its wijk or municipality
    (after the second factor); 404 for others."""
    user = signed_in_user(request)
    receipt = get_object_or_404(
        ClaimReceipt.objects.select_related(
            "claim__initiative__neighbourhood", "claim__initiative__initiator"
        ),
        pk=receipt_id,
        claim__uuid=claim_uuid,
    )
    initiative = receipt.claim.initiative
    if user.pk == initiative.initiator_id or is_co_initiator(
        user=user, initiative=initiative
    ):
        return receipt
    if user_has_role(
        user=user, roles=CASH_ROLES, neighbourhood=initiative.neighbourhood
    ):
        require_second_factor(request)
        return receipt
    raise Http404


def access_initiative_for_issue(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> Initiative:
    """A plan the signed-in official or cash manager may issue vouchers for. Without
    such a role anywhere: 403; not past the second factor: to it; a plan elsewhere
    (or their own): 404."""
    user = signed_in_user(request)
    if not neighbourhoods_where_user_has_role(
        user=user, roles=VOUCHER_ISSUER_ROLES
    ).exists():
        raise PermissionDenied
    require_second_factor(request)
    initiative = get_object_or_404(
        Initiative.objects.select_related(
            "neighbourhood", "initiator", "contact_official", "regulation_version"
        ).exclude(status=InitiativeStatus.DRAFT),
        uuid=initiative_uuid,
    )
    if not may_issue(user=user, initiative=initiative):
        raise Http404
    return initiative
