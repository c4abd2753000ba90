"""Appointing people to roles and ending roles. Roles are data with a period; an
assignment is never deleted, it ends (docs/roles.md)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record, validity_end
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.roles import (
    MUNICIPALITY_SCOPED_ROLES,
    NEIGHBOURHOOD_SCOPED_ROLES,
    STEERING_ROLES,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

# At most one person at a time holds these in a wijk.
SINGLE_HOLDER_ROLES = {
    Role.STEERING_CHAIR: "chair_taken",
    Role.STEERING_SECRETARY: "secretary_taken",
}


def _overlapping(
    qs: QuerySet[RoleAssignment], valid_from: dt.date, valid_until: dt.date | None
) -> QuerySet[RoleAssignment]:
    """Assignments whose period shares at least one day with [valid_from, valid_until]."""
    qs = qs.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from))
    if valid_until is not None:
        qs = qs.filter(valid_from__lte=valid_until)
    return qs


def _check_scope(
    role: Role, municipality: Municipality, neighbourhood: Neighbourhood | None
) -> None:
    if role in NEIGHBOURHOOD_SCOPED_ROLES and neighbourhood is None:
        raise ValidationError(
            _("A %(role)s is appointed for one wijk. Choose the wijk."),
            code="neighbourhood_required",
            params={"role": role.label},
        )
    if role in MUNICIPALITY_SCOPED_ROLES and neighbourhood is not None:
        raise ValidationError(
            _("A %(role)s is appointed for the whole municipality, not for one wijk."),
            code="municipality_wide_role",
            params={"role": role.label},
        )
    if neighbourhood is not None and neighbourhood.municipality_id != municipality.pk:
        raise ValidationError(
            _("Wijk %(wijk)s belongs to another municipality."),
            code="neighbourhood_other_municipality",
            params={"wijk": neighbourhood.name},
        )


def _check_conflicts(
    *,
    user: User,
    role: Role,
    municipality: Municipality,
    neighbourhood: Neighbourhood | None,
    valid_from: dt.date,
    valid_until: dt.date | None,
) -> None:
    in_scope = RoleAssignment.objects.filter(
        municipality=municipality, neighbourhood=neighbourhood
    )
    same = _overlapping(in_scope.filter(user=user, role=role), valid_from, valid_until)
    if same.exists():
        raise ValidationError(
            _("%(person)s already has the role %(role)s in this period."),
            code="role_overlap",
            params={"person": str(user), "role": role.label},
        )
    if role in STEERING_ROLES:
        other = in_scope.filter(user=user, role__in=list(STEERING_ROLES))
        if _overlapping(other, valid_from, valid_until).exists():
            raise ValidationError(
                _("%(person)s already has another role in this regiegroep."),
                code="steering_role_overlap",
                params={"person": str(user)},
            )
    code = SINGLE_HOLDER_ROLES.get(role)
    if code is not None:
        holder = (
            _overlapping(in_scope.filter(role=role), valid_from, valid_until)
            .select_related("user")
            .first()
        )
        if holder is not None:
            raise ValidationError(
                _("%(person)s is already %(role)s in this period."),
                code=code,
                params={"person": str(holder.user), "role": role.label},
            )


@transaction.atomic
def role_assign(
    *,
    actor: User,
    user: User,
    role: Role,
    municipality: Municipality,
    neighbourhood: Neighbourhood | None = None,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    previously_active: bool = False,
    note: str = "",
) -> RoleAssignment:
    """Give ``user`` a role for a wijk (regiegroep roles) or for the whole municipality
    (coordinator, council), from ``valid_from`` up to and including ``valid_until``."""
    if role not in Role.values:
        raise ValidationError(
            _("Unknown role %(role)s."), code="invalid_role", params={"role": role}
        )
    role = Role(role)
    _check_scope(role, municipality, neighbourhood)
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError(
            _("A role cannot end before it starts."), code="period_order"
        )
    # Lock the scope so that two appointments to the same seat cannot both pass.
    scope: models.Model = neighbourhood if neighbourhood is not None else municipality
    type(scope)._default_manager.select_for_update().get(pk=scope.pk)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ValidationError(
            _("%(person)s has no active account."),
            code="user_inactive",
            params={"person": str(user)},
        )
    _check_conflicts(
        user=user,
        role=role,
        municipality=municipality,
        neighbourhood=neighbourhood,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        municipality=municipality,
        neighbourhood=neighbourhood,
        valid_from=valid_from,
        valid_until=valid_until,
        appointed_by=actor,
        previously_active=previously_active,
        note=note.strip(),
    )
    public_pages_changed()
    audit_record(
        actor=actor,
        action="neighbourhoods.role_assign",
        subject=assignment,
        data={
            "user": user.pk,
            "role": str(role),
            "municipality": municipality.slug,
            "neighbourhood": neighbourhood.slug if neighbourhood else None,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "previously_active": previously_active,
        },
    )
    return assignment


@transaction.atomic
def role_end(*, actor: User, assignment: RoleAssignment, on: dt.date) -> RoleAssignment:
    """End a role: ``on`` is the last day it is held. A role can only end earlier than
    it was going to, never be extended here."""
    # The regiegroep is on the public wijk pages.
    public_pages_changed()
    return validity_end(
        actor=actor,
        row=assignment,
        on=on,
        action="neighbourhoods.role_end",
        before_start=_("A role cannot end before it starts (%(start)s)."),
        already_ended=_("This role already ends on %(end)s."),
    )
