"""What the municipality's documents show of it: the letterhead (name, logo, postal
address and contact) and who signs (docs/documents.md)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from wijkvoucher.core.pdf import Letterhead
from wijkvoucher.neighbourhoods.models import Address, Municipality, Signatory
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@dataclass(frozen=True)
class SignatoryText:
    """Who signs a document; ``mandate`` is empty for the municipality's default."""

    name: str
    function: str
    mandate: str


def signatory_for(*, municipality: Municipality, authority_mode: str) -> SignatoryText:
    """The signatory configured for ``authority_mode``, else the municipality's own
    (empty name: the college signs)."""
    override = Signatory.objects.filter(
        municipality=municipality, authority_mode=authority_mode
    ).first()
    if override is not None:
        return SignatoryText(override.name, override.function, override.mandate)
    return SignatoryText(
        municipality.signatory_name,
        municipality.signatory_function,
        municipality.signatory_mandate,
    )


def municipality_place(municipality: Municipality) -> str:
    """The place a letter is sent from: the name without "Gemeente"."""
    return re.sub(r"^gemeente\s+", "", municipality.name.strip(), flags=re.I)


def municipality_contact_lines(municipality: Municipality) -> tuple[str, ...]:
    """Postal address (one line per part), phone, e-mail and website."""
    lines = [
        part.strip() for part in municipality.postal_address.split(",") if part.strip()
    ]
    if municipality.contact_phone:
        lines.append(_("Phone %(number)s") % {"number": municipality.contact_phone})
    if municipality.contact_email:
        lines.append(municipality.contact_email)
    if municipality.website:
        lines.append(re.sub(r"^https?://", "", municipality.website).rstrip("/"))
    return tuple(lines)


def municipality_logo(municipality: Municipality) -> bytes | None:
    """The logo's bytes (as checked when it was uploaded), or None."""
    if not municipality.logo:
        return None
    try:
        with municipality.logo.open("rb") as stored:
            data: bytes = stored.read()
    except OSError:
        return None
    return data


def municipality_letterhead(municipality: Municipality) -> Letterhead:
    return Letterhead(
        name=municipality.name,
        lines=municipality_contact_lines(municipality),
        logo=municipality_logo(municipality),
        logo_alt=_("Logo of %(municipality)s") % {"municipality": municipality.name},
    )


def municipality_with_logo(*, slug: str) -> tuple[Municipality, bytes] | None:
    """The municipality with short name ``slug`` and its logo, if it has one."""
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        return None
    logo = municipality_logo(municipality)
    return None if logo is None else (municipality, logo)


def address_lines(address: Address) -> tuple[str, ...]:
    """An address as an envelope shows it: "Dijkweg 12A-2" and "2801 AB Dijkstad",
    with what is known."""
    number = f"{address.house_number}{address.house_letter}"
    if address.house_number_addition:
        number += f"-{address.house_number_addition}"
    postcode = f"{address.postcode[:4]} {address.postcode[4:]}"
    return (
        f"{address.street} {number}".strip(),
        f"{postcode} {address.city}".strip(),
    )


def addressee_lines(
    *, user: User, on: dt.date, neighbourhood_id: int
) -> tuple[str, ...]:
    """The address ``user`` lived at on ``on``, the one in the wijk first; empty when
    none is known."""
    addresses = sorted(
        addresses_current(user=user, on=on),
        key=lambda a: a.neighbourhood_id != neighbourhood_id,
    )
    return address_lines(addresses[0]) if addresses else ()
