"""The first screen of a plan for a resident we have no address of yet, and the
optional map point of a plan."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.models import LATITUDE_RANGE, LONGITUDE_RANGE, Initiative
from wijkvoucher.initiatives.services.drafts import initiative_create
from wijkvoucher.initiatives.services.guards import _lock, _require_own_draft
from wijkvoucher.neighbourhoods.services.addresses import address_add

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@transaction.atomic
def initiative_create_with_address(
    *,
    actor: User,
    title: str,
    postcode: str,
    house_number: str | int,
    house_letter: str = "",
    house_number_addition: str = "",
) -> Initiative:
    """Add the actor's address and start a plan in its wijk, both or neither: a
    first-time resident does it on one screen. Errors are keyed by field."""
    if not title.strip():
        raise ValidationError(
            {"title": ValidationError(_("Give your plan a name."), code="required")}
        )
    address = address_add(
        actor=actor,
        user=actor,
        postcode=postcode,
        house_number=house_number,
        house_letter=house_letter,
        house_number_addition=house_number_addition,
    )
    if address.neighbourhood is None:
        raise ValidationError(
            {
                "postcode": ValidationError(
                    _(
                        "This address is not in a wijk that takes part. You can only "
                        "start a plan for the wijk where you live."
                    ),
                    code="no_wijk",
                )
            }
        )
    return initiative_create(
        actor=actor, neighbourhood=address.neighbourhood, title=title
    )


def _coordinate(
    value: Decimal | str | None, bounds: tuple[Decimal, Decimal]
) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise ValidationError(
            _("Enter the coordinates as numbers, for example 52.090737."),
            code="point_not_a_number",
        ) from None
    if not bounds[0] <= number <= bounds[1]:
        raise ValidationError(
            _("This point is not in the Netherlands. Check the two numbers."),
            code="point_outside",
        )
    return number


@transaction.atomic
def initiative_point_set(
    *,
    actor: User,
    initiative: Initiative,
    latitude: Decimal | str | None,
    longitude: Decimal | str | None,
) -> Initiative:
    """Set or clear the optional map point of the initiator's draft: both numbers
    or none, inside the Netherlands."""
    initiative = _lock(initiative)
    _require_own_draft(actor=actor, initiative=initiative)
    lat = _coordinate(latitude, LATITUDE_RANGE)
    lon = _coordinate(longitude, LONGITUDE_RANGE)
    if (lat is None) != (lon is None):
        raise ValidationError(
            _("Fill in both numbers of the map point, or leave both empty."),
            code="point_incomplete",
        )
    if (initiative.latitude, initiative.longitude) != (lat, lon):
        before = [str(initiative.latitude), str(initiative.longitude)]
        initiative.latitude, initiative.longitude = lat, lon
        initiative.save(update_fields=["latitude", "longitude", "updated_at"])
        audit_record(
            actor=actor,
            action="initiatives.initiative_point_set",
            subject=initiative,
            data={"point": [before, [str(lat), str(lon)]]},
        )
    return initiative
