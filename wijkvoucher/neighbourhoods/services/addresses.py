"""Residents' addresses: adding, moving out, residency confirmation by an official and
the assisted intake of a resident who is not online."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods import validators as v
from wijkvoucher.neighbourhoods.models import Address, Neighbourhood
from wijkvoucher.neighbourhoods.roles import OFFICIAL_ROLES
from wijkvoucher.neighbourhoods.selectors.addresses import neighbourhood_for_postcode
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role

_T = TypeVar("_T")


_STREET_MAX = 200
_CITY_MAX = 100
_NAME_MAX = 200


@dataclass(frozen=True)
class AddressParts:
    """An address as entered, normalised."""

    postcode: str
    house_number: int
    house_letter: str
    house_number_addition: str
    street: str
    city: str


def address_parts_normalise(
    *,
    postcode: str,
    house_number: str | int,
    house_letter: str = "",
    house_number_addition: str = "",
    street: str = "",
    city: str = "",
) -> AddressParts:
    """Normalise every part; raise one ValidationError keyed by field with every
    problem, so that a form can show each next to its field."""
    errors: dict[str, ValidationError] = {}

    def part(name: str, check: Callable[[], _T], empty: _T) -> _T:
        try:
            return check()
        except ValidationError as exc:
            errors[name] = exc
            return empty

    parts = AddressParts(
        postcode=part("postcode", lambda: v.normalise_postcode(postcode), ""),
        house_number=part(
            "house_number", lambda: v.normalise_house_number(house_number), 0
        ),
        house_letter=part(
            "house_letter", lambda: v.normalise_house_letter(house_letter), ""
        ),
        house_number_addition=part(
            "house_number_addition",
            lambda: v.normalise_house_number_addition(house_number_addition),
            "",
        ),
        street=part(
            "street", lambda: v.normalise_text(street, max_length=_STREET_MAX), ""
        ),
        city=part("city", lambda: v.normalise_text(city, max_length=_CITY_MAX), ""),
    )
    if errors:
        raise ValidationError(errors)
    return parts


def _is_official(*, actor: User, neighbourhood: Neighbourhood | None = None) -> bool:
    return user_has_role(user=actor, roles=OFFICIAL_ROLES, neighbourhood=neighbourhood)


def _is_current(address: Address) -> bool:
    return address.valid_until is None or address.valid_until > timezone.localdate()


@transaction.atomic
def address_add(
    *,
    actor: User,
    user: User,
    postcode: str,
    house_number: str | int,
    house_letter: str = "",
    house_number_addition: str = "",
    street: str = "",
    city: str = "",
) -> Address:
    """Add a current address for ``user``; its postcode decides the wijk (None when
    the address is in no wijk that takes part). The resident adds their own; an
    official may add one for someone else."""
    if actor.pk != user.pk and not _is_official(actor=actor):
        raise PermissionDenied
    parts = address_parts_normalise(
        postcode=postcode,
        house_number=house_number,
        house_letter=house_letter,
        house_number_addition=house_number_addition,
        street=street,
        city=city,
    )
    # Serialise address changes of one person, so the duplicate check holds.
    User.objects.select_for_update().filter(pk=user.pk).get()
    same = list(
        Address.objects.filter(
            user=user,
            postcode=parts.postcode,
            house_number=parts.house_number,
            house_letter=parts.house_letter,
            house_number_addition=parts.house_number_addition,
        )
    )
    if any(_is_current(existing) for existing in same):
        raise ValidationError(
            _("You have already added this address."), code="duplicate_address"
        )
    neighbourhood = neighbourhood_for_postcode(postcode=parts.postcode)
    # Moving back makes a new row: each stay keeps its own dates and confirmation.
    address = Address.objects.create(
        user=user,
        postcode=parts.postcode,
        house_number=parts.house_number,
        house_letter=parts.house_letter,
        house_number_addition=parts.house_number_addition,
        street=parts.street,
        city=parts.city,
        neighbourhood=neighbourhood,
    )
    audit_record(
        actor=actor,
        action="address.add",
        subject=address,
        data={
            "user_id": user.pk,
            "neighbourhood_id": neighbourhood.pk if neighbourhood else None,
            "earlier_stays": len(same),
        },
    )
    return address


@transaction.atomic
def address_remove(*, actor: User, address: Address) -> Address:
    """'I have moved': the address stops counting from today; the row stays as
    history."""
    address = (
        Address.objects.select_for_update(of=("self",))
        .select_related("neighbourhood")
        .get(pk=address.pk)
    )
    if actor.pk != address.user_id and not _is_official(
        actor=actor, neighbourhood=address.neighbourhood
    ):
        raise PermissionDenied
    if not _is_current(address):
        raise ValidationError(
            _("This address has already been removed."), code="address_not_current"
        )
    address.valid_until = timezone.localdate()
    # The birth date served only this stay's residency (voting from the account):
    # it goes with it.
    birth_date_removed = address.birth_date_confirmed is not None
    address.birth_date_confirmed = None
    address.save(update_fields=["valid_until", "birth_date_confirmed", "updated_at"])
    audit_record(
        actor=actor,
        action="address.remove",
        subject=address,
        data={
            "user_id": address.user_id,
            "valid_until": address.valid_until,
            "birth_date_removed": birth_date_removed,
        },
    )
    return address


def _birth_date(value: dt.date | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return v.check_birth_date(value, today=timezone.localdate())
    except ValidationError as exc:
        raise ValidationError({"birth_date": exc}) from exc


@transaction.atomic
def address_confirm_residency(
    *, actor: User, address: Address, birth_date: dt.date | None = None
) -> Address:
    """An official of the address's wijk (or of the whole municipality) confirms that
    the resident lives there, and may record the resident's birth date as the BRP
    shows it (for the minimum age of voting from the account). The audit event
    says whether a birth date was recorded, never the date."""
    birth_date = _birth_date(birth_date)
    address = (
        Address.objects.select_for_update(of=("self",))
        .select_related("neighbourhood")
        .get(pk=address.pk)
    )
    if address.neighbourhood is None or not _is_official(
        actor=actor, neighbourhood=address.neighbourhood
    ):
        raise PermissionDenied
    if address.user_id == actor.pk:
        raise ValidationError(
            _("You cannot confirm your own address. Please ask a colleague."),
            code="own_address",
        )
    if not _is_current(address):
        raise ValidationError(
            _("This resident no longer lives at this address."),
            code="address_not_current",
        )
    if address.residency_confirmed_at is not None:
        raise ValidationError(
            _("This address has already been confirmed."), code="already_confirmed"
        )
    address.residency_confirmed_at = timezone.now()
    address.residency_confirmed_by = actor
    address.birth_date_confirmed = birth_date
    address.save(
        update_fields=[
            "residency_confirmed_at",
            "residency_confirmed_by",
            "birth_date_confirmed",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="address.confirm_residency",
        subject=address,
        data={
            "user_id": address.user_id,
            "neighbourhood_id": address.neighbourhood_id,
            "birth_date_recorded": birth_date is not None,
        },
    )
    return address


def _intake_neighbourhood(*, actor: User, parts: AddressParts) -> Neighbourhood:
    neighbourhood = neighbourhood_for_postcode(postcode=parts.postcode)
    if neighbourhood is None:
        raise ValidationError(
            {
                "postcode": ValidationError(
                    _(
                        "This address is not in a wijk that takes part, so the "
                        "resident cannot be registered here."
                    ),
                    code="outside_neighbourhoods",
                )
            }
        )
    if not _is_official(actor=actor, neighbourhood=neighbourhood):
        raise ValidationError(
            {
                "postcode": ValidationError(
                    _(
                        "This address is in %(neighbourhood)s, where you cannot "
                        "register residents."
                    ),
                    code="not_your_neighbourhood",
                    params={"neighbourhood": neighbourhood.name},
                )
            }
        )
    return neighbourhood


def _intake_email(email: str | None) -> str | None:
    text = (email or "").strip().lower()
    if not text:
        return None
    try:
        validate_email(text)
    except ValidationError as exc:
        raise ValidationError({"email": exc}) from exc
    if User.objects.filter(email__iexact=text).exists():
        raise _email_in_use()
    return text


def _email_in_use() -> ValidationError:
    return ValidationError(
        {
            "email": ValidationError(
                _("This e-mail address already belongs to an account."),
                code="email_in_use",
            )
        }
    )


def _intake_name(full_name: str) -> str:
    try:
        name = v.normalise_text(full_name, max_length=_NAME_MAX)
    except ValidationError as exc:
        raise ValidationError({"full_name": exc}) from exc
    if not name:
        raise ValidationError(
            {"full_name": ValidationError(_("Enter a name."), code="name_required")}
        )
    return name


@transaction.atomic
def resident_register_assisted(
    *,
    actor: User,
    full_name: str,
    email: str | None = None,
    phone: str = "",
    postcode: str,
    house_number: str | int,
    house_letter: str = "",
    house_number_addition: str = "",
    street: str = "",
    city: str = "",
    birth_date: dt.date | None = None,
) -> User:
    """Assisted intake: a contact official registers a resident who is not online,
    adds their address and confirms residency at once (with the birth date from the
    BRP, when given). E-mail is optional."""
    if not _is_official(actor=actor):
        raise PermissionDenied
    name = _intake_name(full_name)
    birth_date = _birth_date(birth_date)
    try:
        phone = v.normalise_phone(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc}) from exc
    parts = address_parts_normalise(
        postcode=postcode,
        house_number=house_number,
        house_letter=house_letter,
        house_number_addition=house_number_addition,
        street=street,
        city=city,
    )
    neighbourhood = _intake_neighbourhood(actor=actor, parts=parts)
    resident = User(
        email=_intake_email(email), full_name=name, phone=phone, registered_by=actor
    )
    resident.set_unusable_password()
    try:
        with transaction.atomic():
            resident.save(force_insert=True)
    except IntegrityError as exc:  # the same e-mail registered a moment ago
        raise _email_in_use() from exc
    audit_record(
        actor=actor,
        action="resident.register_assisted",
        subject=resident,
        data={"neighbourhood_id": neighbourhood.pk, "has_email": bool(resident.email)},
    )
    address = address_add(
        actor=actor,
        user=resident,
        postcode=parts.postcode,
        house_number=parts.house_number,
        house_letter=parts.house_letter,
        house_number_addition=parts.house_number_addition,
        street=parts.street,
        city=parts.city,
    )
    address_confirm_residency(actor=actor, address=address, birth_date=birth_date)
    return resident
