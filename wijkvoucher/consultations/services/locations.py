"""Voting locations: the buurthuizen where residents vote with help, and their
networks (the harvesting report expects many ballots from there). Coordinators keep
them in the admin."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.models import VotingLocation
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.selectors.roles import (
    municipalities_where_user_has_role,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood

# A network wider than this holds a whole provider's customers, not one buurthuis:
# every ballot from it would be passed over by the harvesting report.
WIDEST_V4 = 16
WIDEST_V6 = 32


def network_normalise(value: str) -> str:
    """``value`` as a network in its plain form (``192.0.2.7/24`` → ``192.0.2.0/24``;
    one address → its /32 or /128), or a refusal."""
    try:
        network = ipaddress.ip_network(value.strip(), strict=False)
    except ValueError as exc:
        raise ValidationError(
            _("Give a network such as 192.0.2.0/24."), code="invalid_network"
        ) from exc
    widest = WIDEST_V4 if network.version == 4 else WIDEST_V6
    if network.prefixlen < widest:
        raise ValidationError(
            _(
                "This network is too wide for one voting location: give at most "
                "/%(prefix)s."
            ),
            code="network_too_wide",
            params={"prefix": widest},
        )
    return str(network)


def _place(
    actor: User,
    municipality: Municipality | None,
    neighbourhood: Neighbourhood | None,
) -> Municipality:
    if neighbourhood is not None:
        if (
            municipality is not None
            and neighbourhood.municipality_id != municipality.pk
        ):
            raise ValidationError(
                _("Wijk %(wijk)s belongs to another municipality."),
                code="neighbourhood_other_municipality",
                params={"wijk": neighbourhood.name},
            )
        municipality = neighbourhood.municipality
    if municipality is None:
        raise ValidationError(
            _("Choose the municipality or the wijk of the voting location."),
            code="place_needed",
        )
    coordinated = municipalities_where_user_has_role(
        user=actor, roles=[Role.COORDINATOR]
    )
    if not actor.is_superuser and not coordinated.filter(pk=municipality.pk).exists():
        raise PermissionDenied
    return municipality


@transaction.atomic
def voting_location_save(
    *,
    actor: User,
    name: str,
    network: str,
    municipality: Municipality | None = None,
    neighbourhood: Neighbourhood | None = None,
    location: VotingLocation | None = None,
) -> VotingLocation:
    """Add a voting location (``location`` None) or change one: a name, a network
    and the wijk it serves (or, without a wijk, the whole municipality)."""
    place = _place(actor, municipality, neighbourhood)
    if location is not None:
        _place(actor, location.municipality, location.neighbourhood)
    if not name.strip():
        raise ValidationError(
            _("%(field)s needs a value."), code="required", params={"field": _("name")}
        )
    row = location or VotingLocation()
    before = {"name": row.name, "network": row.network}
    row.name = name.strip()
    row.network = network_normalise(network)
    row.municipality = place
    row.neighbourhood = neighbourhood
    row.save()
    audit_record(
        actor=actor,
        action="consultations.voting_location_save",
        subject=row,
        data={
            "new": location is None,
            "before": before if location is not None else None,
            "network": row.network,
            "neighbourhood": neighbourhood.pk if neighbourhood else None,
        },
    )
    return row
