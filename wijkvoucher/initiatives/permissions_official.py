"""Fetch-and-check helpers for the officials' initiative pages (docs/architecture.md#inside-an-app: one
function per use case, raising PermissionDenied or Http404)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.permissions import require_official


def access_initiative_for_official(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> Initiative:
    """A submitted initiative in a wijk where the signed-in person is contact official
    or coordinator (or in their municipality, for a municipality-wide role). Someone
    without such a role gets 403, an official who has not passed the second factor is
    sent to it, and an initiative elsewhere (or a draft) answers 404."""
    neighbourhoods = require_official(request)
    initiative = get_object_or_404(
        Initiative.objects.select_related(
            "neighbourhood",
            "initiator",
            "contact_official",
            "regulation_version",
        ).exclude(status=InitiativeStatus.DRAFT),
        uuid=initiative_uuid,
    )
    if not neighbourhoods.filter(pk=initiative.neighbourhood_id).exists():
        raise Http404
    return initiative
