"""Fetch-and-check helpers for the initiative pages (docs/architecture.md#inside-an-app: one function per
use case, raising PermissionDenied or Http404)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, TypeVar

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.initiatives.constants import OPEN_FOR_SUPPORT, InitiativeStatus
from wijkvoucher.initiatives.models import (
    Attachment,
    BudgetLine,
    CoInitiator,
    Initiative,
    OwnContribution,
)
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.roles import OFFICIAL_ROLES, STEERING_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


# --- Predicates ---------------------------------------------------------------------


def is_wijk_official(*, user: User, initiative: Initiative) -> bool:
    """The initiative's contact official, or a contact official or coordinator of its
    wijk (or of the whole municipality)."""
    if initiative.contact_official_id is not None and (
        user.pk == initiative.contact_official_id
    ):
        return True
    return user_has_role(
        user=user, roles=OFFICIAL_ROLES, neighbourhood=initiative.neighbourhood
    )


def is_co_initiator(*, user: User, initiative: Initiative) -> bool:
    """An accepted co-initiator whose place was not withdrawn."""
    return CoInitiator.objects.filter(
        initiative=initiative,
        user=user,
        accepted_at__isnull=False,
        revoked_at__isnull=True,
    ).exists()


# --- Fetch and check ----------------------------------------------------------------


_Part = TypeVar("_Part", Attachment, BudgetLine, CoInitiator, OwnContribution)


def access_plan_part(
    model: type[_Part], *, initiative: Initiative, pk: int, **filters: Any
) -> _Part:
    """A row (file, budget line, contribution, co-initiator) of ``initiative``, a plan
    the caller was already given access to; a row of another plan answers 404."""
    return get_object_or_404(model, pk=pk, initiative=initiative, **filters)


def access_own_initiative(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> Initiative:
    """One of the signed-in person's own plans; anyone else's answers 404, so that
    nobody learns whether a plan exists."""
    user = signed_in_user(request)
    return get_object_or_404(
        Initiative.objects.select_related(
            "neighbourhood", "contact_official", "initiator"
        ),
        uuid=initiative_uuid,
        initiator=user,
    )


def access_participant_initiative(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> Initiative:
    """A plan the signed-in person started or takes part in as an accepted
    co-initiator (read-only for them); anyone else gets 404."""
    user = signed_in_user(request)
    initiative = get_object_or_404(
        Initiative.objects.select_related(
            "neighbourhood", "contact_official", "initiator"
        ),
        uuid=initiative_uuid,
    )
    if initiative.initiator_id != user.pk and not is_co_initiator(
        user=user, initiative=initiative
    ):
        raise Http404
    return initiative


def access_support_page(request: HttpRequest, initiative_uuid: uuid.UUID) -> Initiative:
    """A plan that is open for support, from its draft until its decision: anyone
    with the link the initiator shares may read it (signing in comes when they
    answer; whether they may sign is for the service). Decided plans answer 404."""
    return get_object_or_404(
        Initiative.objects.select_related("neighbourhood", "initiator"),
        uuid=initiative_uuid,
        status__in=sorted(OPEN_FOR_SUPPORT),
    )


def may_see_attachments(*, user: User, initiative: Initiative) -> bool:
    """The initiator, accepted co-initiators, the wijk's officials and the members of
    the wijk's regiegroep."""
    if user.pk == initiative.initiator_id:
        return True
    if is_co_initiator(user=user, initiative=initiative):
        return True
    if initiative.status == InitiativeStatus.DRAFT:
        # Nobody at the municipality sees a draft.
        return False
    return is_wijk_official(user=user, initiative=initiative) or user_has_role(
        user=user, roles=STEERING_ROLES, neighbourhood=initiative.neighbourhood
    )


def access_attachment(
    request: HttpRequest, initiative_uuid: uuid.UUID, attachment_id: int
) -> Attachment:
    """A file of a plan the signed-in person may see; anyone else gets 404."""
    user = signed_in_user(request)
    attachment = get_object_or_404(
        Attachment.objects.select_related("initiative", "initiative__neighbourhood"),
        pk=attachment_id,
        initiative__uuid=initiative_uuid,
    )
    initiative = attachment.initiative
    if not may_see_attachments(user=user, initiative=initiative):
        raise Http404
    if user.pk != initiative.initiator_id and not is_co_initiator(
        user=user, initiative=initiative
    ):
        # Seen in a role: officials and regiegroep members pass the second factor.
        require_second_factor(request)
    return attachment
