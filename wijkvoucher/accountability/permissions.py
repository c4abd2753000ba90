"""Who may do what in execution and accountability, and the fetch-and-check helpers
of its pages (docs/architecture.md#inside-an-app: one function per use case, raising
PermissionDenied or Http404)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.accountability.constants import ChangeRoute
from wijkvoucher.accountability.models import Photo, PlanChange, Recovery
from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import (
    access_own_initiative,
    access_participant_initiative,
    is_co_initiator,
    is_wijk_official,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.permissions import require_official, signed_in_user
from wijkvoucher.neighbourhoods.roles import LEADER_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


# Photos and updates are public (with consent) while the plan is carried out and
# after: the statuses whose public plan page shows the plan's text.
PUBLIC_PLAN_STATUSES = frozenset(
    {InitiativeStatus.IN_EXECUTION, InitiativeStatus.SETTLED}
)


# --- Predicates ---------------------------------------------------------------------


def may_decide_change(*, user: User, change: PlanChange) -> bool:
    """The contact official or a wijk official; under MANDAAT (route regiegroep) the
    chair or secretary of the wijk's regiegroep. Never the initiator."""
    initiative = change.initiative
    if user.pk == initiative.initiator_id:
        return False
    if change.route == ChangeRoute.REGIEGROEP:
        return user_has_role(
            user=user, roles=LEADER_ROLES, neighbourhood=initiative.neighbourhood
        )
    return is_wijk_official(user=user, initiative=initiative)


def may_record_payment(*, user: User, initiative: Initiative) -> bool:
    """A wijk official or a cash manager of the wijk, never on their own plan."""
    if user.pk == initiative.initiator_id:
        return False
    return is_wijk_official(user=user, initiative=initiative) or user_has_role(
        user=user, roles=[Role.CASH_MANAGER], neighbourhood=initiative.neighbourhood
    )


def may_waive_recovery(*, user: User, initiative: Initiative) -> bool:
    """Who may reclaim may waive: a wijk official, never on their own plan (a cash
    manager records payments but does not decide)."""
    if user.pk == initiative.initiator_id:
        return False
    return is_wijk_official(user=user, initiative=initiative)


def photo_is_public(photo: Photo) -> bool:
    owner = photo.update or photo.report
    return bool(
        owner is not None
        and owner.public
        and photo.initiative.status in PUBLIC_PLAN_STATUSES
    )


# --- Fetch and check ----------------------------------------------------------------


def access_own_plan(request: HttpRequest, initiative_uuid: uuid.UUID) -> Initiative:
    """The initiator's own plan (writes); anyone else gets 404."""
    return access_own_initiative(request, initiative_uuid)


def access_plan_to_read(request: HttpRequest, initiative_uuid: uuid.UUID) -> Initiative:
    """The initiator or an accepted co-initiator (reads); anyone else gets 404."""
    return access_participant_initiative(request, initiative_uuid)


def access_plan_for_official(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> Initiative:
    """A plan in one of the official's wijken, not their own (403 without an
    official role, to the second factor when not passed, 404 elsewhere)."""
    neighbourhoods = require_official(request)
    initiative = get_object_or_404(
        Initiative.objects.select_related(
            "neighbourhood__municipality", "initiator", "contact_official"
        ),
        uuid=initiative_uuid,
        neighbourhood__in=neighbourhoods,
    )
    if initiative.initiator_id == signed_in_user(request).pk:
        raise Http404
    return initiative


def access_change_to_decide(request: HttpRequest, change_uuid: uuid.UUID) -> PlanChange:
    """A change the signed-in person may decide (after the second factor)."""
    user = signed_in_user(request)
    change = get_object_or_404(
        PlanChange.objects.select_related(
            "initiative__neighbourhood", "initiative__initiator", "requested_by"
        ),
        uuid=change_uuid,
    )
    if not may_decide_change(user=user, change=change):
        raise Http404
    require_second_factor(request)
    return change


def access_recovery_payment(request: HttpRequest, recovery_uuid: uuid.UUID) -> Recovery:
    """A recovery the signed-in person may record a payment on."""
    user = signed_in_user(request)
    recovery = get_object_or_404(
        Recovery.objects.select_related("initiative__neighbourhood", "decision"),
        uuid=recovery_uuid,
    )
    if not may_record_payment(user=user, initiative=recovery.initiative):
        raise Http404
    require_second_factor(request)
    return recovery


def access_recovery_waive(request: HttpRequest, recovery_uuid: uuid.UUID) -> Recovery:
    """An open or closed recovery the signed-in person may waive (after the second
    factor); anyone else gets 404."""
    user = signed_in_user(request)
    recovery = get_object_or_404(
        Recovery.objects.select_related("initiative__neighbourhood", "decision"),
        uuid=recovery_uuid,
    )
    if not may_waive_recovery(user=user, initiative=recovery.initiative):
        raise Http404
    require_second_factor(request)
    return recovery


def access_photo(request: HttpRequest, photo_id: int) -> Photo:
    """A public photo for anyone; otherwise for the initiator, the co-initiators and
    the wijk's officials. Anyone else gets 404."""
    photo = get_object_or_404(
        Photo.objects.select_related("initiative__neighbourhood", "update", "report"),
        pk=photo_id,
    )
    if photo_is_public(photo):
        return photo
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise Http404
    initiative = photo.initiative
    if user.pk == initiative.initiator_id or is_co_initiator(
        user=user, initiative=initiative
    ):
        return photo
    if is_wijk_official(user=user, initiative=initiative):
        require_second_factor(request)
        return photo
    raise Http404
