"""Who may fill in and read the ACTIE forms (docs/roles.md#actie-and-participation).

- Per plan (FRONTLINE): the officials of the plan's wijk (contact officials and
  coordinators) fill it in and read it; never on a plan they take part in.
- Per wijk and period (ORGANISATION): coordinators (policy makers and managers) of
  the wijk fill it in; the wijk's officials and the council read it.
- The reports (averages, support needs): officials, coordinators and the council.

Every page needs a verified second factor. The predicates serve the services too."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.actie.constants import Variant
from wijkvoucher.actie.models import ActieAssessment
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions_official import (
    access_initiative_for_official,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.roles import OFFICIAL_ROLES, REPORT_READER_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import (
    neighbourhoods_where_user_has_role,
    user_has_role,
)

# Who reads the organisation forms and the reports: the officials and the council
# (REPORT_READER_ROLES, as for the reports).


def takes_part(*, user: User, initiative: Initiative) -> bool:
    """The user is the plan's initiator or an accepted co-initiator."""
    if initiative.initiator_id == user.pk:
        return True
    return initiative.co_initiators.filter(
        user=user, accepted_at__isnull=False, revoked_at__isnull=True
    ).exists()


def may_assess_initiative(*, user: User, initiative: Initiative) -> bool:
    return user_has_role(
        user=user, roles=OFFICIAL_ROLES, neighbourhood=initiative.neighbourhood
    ) and not takes_part(user=user, initiative=initiative)


def may_assess_wijk(*, user: User, neighbourhood: Neighbourhood) -> bool:
    return user_has_role(
        user=user, roles=[Role.COORDINATOR], neighbourhood=neighbourhood
    )


def may_read_wijk(*, user: User, neighbourhood: Neighbourhood) -> bool:
    return user_has_role(
        user=user, roles=REPORT_READER_ROLES, neighbourhood=neighbourhood
    )


def require_report_reader(request: HttpRequest) -> tuple[User, QuerySet[Neighbourhood]]:
    """Officials, coordinators and the council, after the second factor: the wijken
    they may read."""
    user = signed_in_user(request)
    wijken = neighbourhoods_where_user_has_role(user=user, roles=REPORT_READER_ROLES)
    if not wijken.exists():
        raise PermissionDenied
    require_second_factor(request)
    return user, wijken.order_by("name", "pk")


def access_initiative_actie(
    request: HttpRequest, initiative_uuid: uuid.UUID, *, write: bool = False
) -> Initiative:
    """A plan in the official's wijk (404 elsewhere); to fill in the form, not a plan
    the official takes part in (403)."""
    initiative = access_initiative_for_official(request, initiative_uuid)
    user = signed_in_user(request)
    if write and takes_part(user=user, initiative=initiative):
        raise PermissionDenied
    return initiative


def access_wijk_actie(
    request: HttpRequest, slug: str, *, write: bool = False
) -> tuple[User, Neighbourhood]:
    """A wijk whose organisation forms the person may read (404 for another wijk);
    to fill one in, a coordinator of the wijk (403 for other readers)."""
    user, wijken = require_report_reader(request)
    neighbourhood = get_object_or_404(Neighbourhood, slug=slug)
    if not wijken.filter(pk=neighbourhood.pk).exists():
        raise Http404
    if write and not may_assess_wijk(user=user, neighbourhood=neighbourhood):
        raise PermissionDenied
    return user, neighbourhood


def access_assessment(
    request: HttpRequest, assessment_uuid: uuid.UUID
) -> ActieAssessment:
    """One assessment: a plan's for the officials of its wijk, except the plan's own
    initiators (403); a wijk's for its officials and the council. Any other: 404."""
    user, wijken = require_report_reader(request)
    assessment = get_object_or_404(
        ActieAssessment.objects.select_related("neighbourhood", "initiative", "author"),
        uuid=assessment_uuid,
    )
    if not wijken.filter(pk=assessment.neighbourhood_id).exists():
        raise Http404
    if assessment.variant == Variant.FRONTLINE:
        if not user_has_role(
            user=user, roles=OFFICIAL_ROLES, neighbourhood=assessment.neighbourhood
        ):
            raise Http404
        initiative = assessment.initiative
        if initiative is not None and takes_part(user=user, initiative=initiative):
            raise PermissionDenied
    return assessment
