import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.selectors.addresses import (
    addresses_awaiting_confirmation,
    addresses_search,
    resident_neighbourhoods,
)
from wijkvoucher.neighbourhoods.services.addresses import (
    address_add,
    address_confirm_residency,
    address_remove,
)
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    addresses_snapshot,
    neighbourhood_with_postcodes,
    official,
    on_day,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


# --- Confirming residency ----------------------------------------------------------


def test_contact_official_of_the_wijk_confirms_residency() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    # when
    address_confirm_residency(actor=contact, address=address)
    # then
    address.refresh_from_db()
    assert address.residency_confirmed_by == contact
    assert address.residency_confirmed_at is not None
    assert address.residency_confirmed_at.date() == TODAY
    assert resident_neighbourhoods(user=resident, confirmed_only=True) == [wijk]
    event = AuditEvent.objects.order_by("id").last()
    assert event is not None
    assert (event.action, event.actor, event.data) == (
        "address.confirm_residency",
        contact,
        {
            "user_id": resident.pk,
            "neighbourhood_id": wijk.pk,
            "birth_date_recorded": False,
        },
    )
    assert address.birth_date_confirmed is None


def test_municipality_wide_coordinator_confirms_residency() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    # when
    address_confirm_residency(actor=coordinator, address=address)
    # then
    address.refresh_from_db()
    assert address.residency_confirmed_by == coordinator


def _official_of_another_wijk(wijk: Any) -> User:
    other = neighbourhood_with_postcodes(start="2000AA", end="2000ZZ")
    return official(neighbourhood=other)


def _steering_member_of_the_wijk(wijk: Any) -> User:
    return official(neighbourhood=wijk, role=Role.STEERING_CHAIR)


def _official_whose_role_has_ended(wijk: Any) -> User:
    user = UserFactory.create()
    RoleAssignmentFactory(
        user=user,
        role=Role.CONTACT_OFFICIAL,
        neighbourhood=wijk,
        valid_until=TODAY - dt.timedelta(days=1),
    )
    return user


def _official_of_another_municipality(wijk: Any) -> User:
    elsewhere = MunicipalityFactory.create(slug="elders", name="Gemeente Elders")
    return official(municipality=elsewhere, role=Role.COORDINATOR)


@pytest.mark.parametrize(
    "make_actor",
    [
        lambda wijk: UserFactory.create(),
        _official_of_another_wijk,
        _steering_member_of_the_wijk,
        _official_whose_role_has_ended,
        _official_of_another_municipality,
    ],
    ids=[
        "resident",
        "official-of-another-wijk",
        "steering-chair",
        "role-ended",
        "other-municipality",
    ],
)
def test_only_an_official_of_that_wijk_may_confirm(make_actor: Any) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    actor = make_actor(wijk)
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    before = addresses_snapshot()
    # when
    with pytest.raises(PermissionDenied):
        address_confirm_residency(actor=actor, address=address)
    # then
    assert addresses_snapshot() == before


def test_address_outside_every_wijk_cannot_be_confirmed() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="9999AB", house_number=1
    )
    before = addresses_snapshot()
    # when
    with pytest.raises(PermissionDenied):
        address_confirm_residency(actor=coordinator, address=address)
    # then
    assert addresses_snapshot() == before


def test_official_cannot_confirm_their_own_address() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    address = address_add(
        actor=contact, user=contact, postcode="1000AB", house_number=1
    )
    before = addresses_snapshot()
    # when
    with pytest.raises(ValidationError) as exc:
        address_confirm_residency(actor=contact, address=address)
    # then
    assert exc.value.code == "own_address"
    assert addresses_snapshot() == before


@pytest.mark.parametrize(
    ("step", "code"),
    [("confirm", "already_confirmed"), ("move", "address_not_current")],
)
def test_confirming_a_confirmed_or_ended_address_is_refused(
    step: str, code: str
) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    if step == "confirm":
        address_confirm_residency(actor=contact, address=address)
    else:
        address_remove(actor=resident, address=address)
    before = addresses_snapshot()
    # when
    with pytest.raises(ValidationError) as exc:
        address_confirm_residency(actor=contact, address=address)
    # then
    assert exc.value.code == code
    assert addresses_snapshot() == before


# --- Selectors for officials -------------------------------------------------------


def test_awaiting_confirmation_lists_only_unconfirmed_current_addresses_in_scope() -> (
    None
):
    # given
    wijk = neighbourhood_with_postcodes(start="1000AA", end="1000ZZ")
    other = neighbourhood_with_postcodes(start="2000AA", end="2000ZZ")
    contact = official(neighbourhood=wijk)
    a, b, c, d = (UserFactory.create() for _ in range(4))
    waiting = address_add(actor=a, user=a, postcode="1000AB", house_number=1)
    confirmed = address_add(actor=b, user=b, postcode="1000AB", house_number=2)
    address_confirm_residency(actor=contact, address=confirmed)
    moved = address_add(actor=c, user=c, postcode="1000AB", house_number=3)
    address_remove(actor=c, address=moved)
    address_add(actor=d, user=d, postcode="2000AB", house_number=4)
    # when
    found = list(addresses_awaiting_confirmation(neighbourhoods=[wijk]))
    # then
    assert found == [waiting]
    assert len(addresses_awaiting_confirmation(neighbourhoods=[wijk, other])) == 2


def test_search_finds_current_addresses_by_postcode_and_number_within_scope() -> None:
    # given
    wijk = neighbourhood_with_postcodes(start="1000AA", end="1000ZZ")
    other = neighbourhood_with_postcodes(start="2000AA", end="2000ZZ")
    a, b, c = (UserFactory.create() for _ in range(3))
    one = address_add(actor=a, user=a, postcode="1000AB", house_number=1)
    two = address_add(actor=b, user=b, postcode="1000AB", house_number=2)
    address_add(actor=c, user=c, postcode="2000AB", house_number=1)
    # when
    by_number = list(
        addresses_search(neighbourhoods=[wijk], postcode="1000AB", house_number=1)
    )
    by_postcode = list(addresses_search(neighbourhoods=[wijk], postcode="1000AB"))
    elsewhere = list(addresses_search(neighbourhoods=[other], postcode="1000AB"))
    # then
    assert by_number == [one]
    assert by_postcode == [one, two]
    assert elsewhere == []
