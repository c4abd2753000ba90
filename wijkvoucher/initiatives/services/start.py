"""Step 1 of a plan: a new draft (for a first-time resident together with their
address), its fields and the optional map point."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.models import LATITUDE_RANGE, LONGITUDE_RANGE, Initiative
from wijkvoucher.initiatives.services.drafts import (
    initiative_create,
    initiative_update_draft,
)
from wijkvoucher.initiatives.services.guards import _lock, _require_own_draft
from wijkvoucher.neighbourhoods.services.addresses import address_add

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.neighbourhoods.models import Neighbourhood


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


def _plan_fields_save(
    *,
    actor: User,
    initiative: Initiative,
    fields: Mapping[str, Any],
    latitude: Decimal | str | None,
    longitude: Decimal | str | None,
) -> None:
    if fields:
        initiative_update_draft(actor=actor, initiative=initiative, **fields)
    try:
        initiative_point_set(
            actor=actor, initiative=initiative, latitude=latitude, longitude=longitude
        )
    except ValidationError as exc:
        raise ValidationError({"latitude": exc.error_list}) from exc


@transaction.atomic
def initiative_start(
    *,
    actor: User,
    title: str,
    neighbourhood: Neighbourhood | None = None,
    address: Mapping[str, Any] | None = None,
    fields: Mapping[str, Any] | None = None,
    latitude: Decimal | str | None = None,
    longitude: Decimal | str | None = None,
) -> Initiative:
    """Step 1 of a new plan in one go (issue #9): the draft in ``neighbourhood``, or
    in the wijk of the ``address`` that a first-time resident gives on the same
    screen, with the plan's other fields and map point. All or nothing; errors are
    keyed by field."""
    if address is not None:
        initiative = initiative_create_with_address(actor=actor, title=title, **address)
    elif neighbourhood is not None:
        initiative = initiative_create(
            actor=actor, neighbourhood=neighbourhood, title=title
        )
    else:
        raise ValidationError(
            {
                "neighbourhood": ValidationError(
                    _("Choose the wijk where you live."), code="required"
                )
            }
        )
    _plan_fields_save(
        actor=actor,
        initiative=initiative,
        fields=fields or {},
        latitude=latitude,
        longitude=longitude,
    )
    return initiative


@transaction.atomic
def initiative_plan_save(
    *,
    actor: User,
    initiative: Initiative,
    fields: Mapping[str, Any],
    latitude: Decimal | str | None = None,
    longitude: Decimal | str | None = None,
) -> Initiative:
    """Step 1 of an existing draft: its fields and map point, both or neither."""
    _plan_fields_save(
        actor=actor,
        initiative=initiative,
        fields=fields,
        latitude=latitude,
        longitude=longitude,
    )
    initiative.refresh_from_db()
    return initiative
