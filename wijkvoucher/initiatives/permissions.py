"""Fetch-and-check helpers for the initiative pages (house-style 4.2: one function per
use case, raising PermissionDenied or Http404)."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.permissions import signed_in_user


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
