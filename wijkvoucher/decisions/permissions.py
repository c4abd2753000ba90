"""Fetch-and-check helpers for the decision pages (docs/architecture.md#inside-an-app: one function per
use case, raising PermissionDenied or Http404)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.decisions.models import Decision, Objection
from wijkvoucher.decisions.selectors import (
    decision_with_details,
    objection_with_details,
)
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_co_initiator, is_wijk_official
from wijkvoucher.neighbourhoods.permissions import require_official, signed_in_user


def access_decision_for_reader(
    request: HttpRequest, decision_uuid: uuid.UUID
) -> Decision:
    """A beschikking for its initiator, the accepted co-initiators and the wijk's
    officials (after the second factor). Anyone else gets 404: the document holds
    personal data, and nobody learns that it exists."""
    user = signed_in_user(request)
    decision = decision_with_details(decision_uuid=decision_uuid)
    if decision is None:
        raise Http404
    initiative = decision.initiative
    if user.pk == initiative.initiator_id or is_co_initiator(
        user=user, initiative=initiative
    ):
        return decision
    if is_wijk_official(user=user, initiative=initiative):
        require_second_factor(request)
        return decision
    raise Http404


def _in_officials_wijk(request: HttpRequest, initiative: Initiative) -> None:
    neighbourhoods = require_official(request)
    if not neighbourhoods.filter(pk=initiative.neighbourhood_id).exists():
        raise Http404


def access_decision_for_official(
    request: HttpRequest, decision_uuid: uuid.UUID
) -> Decision:
    """A beschikking in one of the official's wijken (403 without an official role,
    to the second factor when not passed, 404 elsewhere)."""
    require_official(request)
    decision = decision_with_details(decision_uuid=decision_uuid)
    if decision is None:
        raise Http404
    _in_officials_wijk(request, decision.initiative)
    return decision


def access_objection_for_official(
    request: HttpRequest, objection_uuid: uuid.UUID
) -> Objection:
    """An objection against a beschikking in one of the official's wijken."""
    require_official(request)
    objection = objection_with_details(objection_uuid=objection_uuid)
    if objection is None:
        raise Http404
    _in_officials_wijk(request, objection.decision.initiative)
    return objection
