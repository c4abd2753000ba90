"""Who may do what on an initiative, and small checks the services share."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.constants import (
    InitiativeStatus,
)
from wijkvoucher.initiatives.models import (
    Initiative,
)
from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.roles import LEADER_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

S = InitiativeStatus
# The regiegroep's chair and secretary run its meetings: they put plans on the agenda,
# open the discussion, defer and record the advice (or, under MANDAAT, the decision of
# the regiegroep, which the municipality then issues as a beschikking).
REGIEGROEP_STEPS = frozenset(
    {S.ON_AGENDA, S.IN_CONSULTATION, S.IN_DELIBERATION, S.DEFERRED, S.ADVISED}
)
# The cash manager issues an awarded plan's vouchers (vouchers.services.issuance),
# which starts its execution: the one step they take.
CASH_MANAGER_STEPS = frozenset({S.IN_EXECUTION})
DRAFT_FIELDS = frozenset(
    {
        "title",
        "summary",
        "description",
        "goals",
        "target_group",
        "location_text",
        "uses_public_space",
        "starts_on",
        "ends_on",
        "publish_initiator_name",
        "food_drink_motivation",
    }
)


# --- Guards -------------------------------------------------------------------------


def _lock(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update()
        .select_related("neighbourhood")
        .get(pk=initiative.pk)
    )


def _may_take_step(
    *, actor: User, initiative: Initiative, to: InitiativeStatus
) -> bool:
    if actor.pk == initiative.initiator_id:
        return (
            to in {S.WITHDRAWN, S.CANCELLED}
            or initiative.status == S.DRAFT
            or (initiative.status == S.INFORMATION_REQUESTED and to == S.SUBMITTED)
        )
    if to == S.WITHDRAWN or initiative.status == S.DRAFT:
        return False
    if to in REGIEGROEP_STEPS and user_has_role(
        user=actor, roles=LEADER_ROLES, neighbourhood=initiative.neighbourhood
    ):
        return True
    if to in CASH_MANAGER_STEPS and user_has_role(
        user=actor, roles=[Role.CASH_MANAGER], neighbourhood=initiative.neighbourhood
    ):
        return True
    return is_wijk_official(user=actor, initiative=initiative)


def _require_own_draft(*, actor: User, initiative: Initiative) -> None:
    if actor.pk != initiative.initiator_id:
        raise PermissionDenied
    if initiative.status != S.DRAFT:
        raise ValidationError(
            _("Only a draft can be changed."),
            code="not_draft",
        )


def _require_text(value: str, label: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(
            _("%(field)s needs a value."), code="required", params={"field": label}
        )
    return text


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
