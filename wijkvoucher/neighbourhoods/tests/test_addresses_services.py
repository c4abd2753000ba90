import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.models import Address
from wijkvoucher.neighbourhoods.selectors.addresses import (
    addresses_current,
    neighbourhood_for_postcode,
    resident_neighbourhoods,
)
from wijkvoucher.neighbourhoods.services.addresses import (
    address_add,
    address_confirm_residency,
    address_remove,
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


# --- Which wijk a postcode belongs to ----------------------------------------------


@pytest.mark.parametrize(
    ("postcode", "inside"),
    [
        ("1011AA", True),  # start of the range
        ("1011AB", True),
        ("1012ZZ", True),  # end of the range
        ("1010ZZ", False),  # just before
        ("1013AA", False),  # just after
    ],
)
def test_postcode_range_includes_both_ends(postcode: str, inside: bool) -> None:
    # given
    wijk = neighbourhood_with_postcodes(start="1011AA", end="1012ZZ")
    # when
    found = neighbourhood_for_postcode(postcode=postcode)
    # then
    assert found == (wijk if inside else None)


@pytest.mark.parametrize(
    ("designated_from", "designated_until", "counts"),
    [
        (TODAY, None, True),
        (TODAY + dt.timedelta(days=1), None, False),
        (dt.date(2026, 1, 1), TODAY + dt.timedelta(days=1), True),
        (dt.date(2026, 1, 1), TODAY, False),
    ],
)
def test_only_a_wijk_designated_today_takes_part(
    designated_from: dt.date, designated_until: dt.date | None, counts: bool
) -> None:
    # given
    wijk = neighbourhood_with_postcodes(
        designated_from=designated_from, designated_until=designated_until
    )
    # when
    found = neighbourhood_for_postcode(postcode="1000AB")
    # then
    assert found == (wijk if counts else None)


# --- Adding ------------------------------------------------------------------------


def test_resident_adds_an_address_and_the_postcode_decides_the_wijk() -> None:
    # given
    wijk = neighbourhood_with_postcodes(start="3511AA", end="3511ZZ")
    resident = UserFactory.create()
    # when
    address = address_add(
        actor=resident,
        user=resident,
        postcode=" 3511 ab ",
        house_number="12",
        house_letter="a",
        house_number_addition="bis",
        street=" Oudegracht ",
        city="Utrecht",
    )
    # then
    address.refresh_from_db()
    assert (
        address.user,
        address.postcode,
        address.house_number,
        address.house_letter,
        address.house_number_addition,
        address.street,
        address.city,
        address.neighbourhood,
        address.residency_confirmed_at,
        address.valid_until,
    ) == (
        resident,
        "3511AB",
        12,
        "A",
        "BIS",
        "Oudegracht",
        "Utrecht",
        wijk,
        None,
        None,
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.subject_id, event.data) == (
        "address.add",
        resident,
        str(address.pk),
        {"user_id": resident.pk, "neighbourhood_id": wijk.pk, "earlier_stays": 0},
    )


def test_address_outside_every_wijk_is_stored_without_a_wijk() -> None:
    # given
    neighbourhood_with_postcodes(start="3511AA", end="3511ZZ")
    resident = UserFactory.create()
    # when
    address = address_add(
        actor=resident, user=resident, postcode="9999ZZ", house_number=1
    )
    # then
    assert Address.objects.get().pk == address.pk
    assert address.neighbourhood is None
    assert resident_neighbourhoods(user=resident) == []


def test_same_current_address_twice_is_refused_and_nothing_changes() -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address_add(actor=resident, user=resident, postcode="1000AB", house_number=5)
    before = addresses_snapshot()
    # when
    with pytest.raises(ValidationError) as exc:
        address_add(actor=resident, user=resident, postcode="1000 ab", house_number="5")
    # then
    assert exc.value.code == "duplicate_address"
    assert addresses_snapshot() == before


def test_same_number_with_another_letter_is_another_address() -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address_add(actor=resident, user=resident, postcode="1000AB", house_number=5)
    # when
    address_add(
        actor=resident,
        user=resident,
        postcode="1000AB",
        house_number=5,
        house_letter="B",
    )
    # then
    assert addresses_current(user=resident).count() == 2


def test_bad_input_is_refused_per_field_and_nothing_is_stored() -> None:
    # given
    resident = UserFactory.create()
    # when
    with pytest.raises(ValidationError) as exc:
        address_add(
            actor=resident,
            user=resident,
            postcode="0123AB",
            house_number="0",
            house_letter="AB",
        )
    # then
    assert {k: [e.code for e in v] for k, v in exc.value.error_dict.items()} == {
        "postcode": ["invalid_postcode"],
        "house_number": ["invalid_house_number"],
        "house_letter": ["invalid_house_letter"],
    }
    assert addresses_snapshot() == (0, [])


def test_someone_else_cannot_add_an_address_for_a_resident() -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    neighbour = UserFactory.create()
    # when
    with pytest.raises(PermissionDenied):
        address_add(actor=neighbour, user=resident, postcode="1000AB", house_number=1)
    # then
    assert addresses_snapshot() == (0, [])


def test_an_official_may_add_an_address_for_a_resident() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    resident = UserFactory.create()
    # when
    address = address_add(
        actor=contact, user=resident, postcode="1000AB", house_number=1
    )
    # then
    assert (address.user, address.neighbourhood) == (resident, wijk)
    assert AuditEvent.objects.get().actor == contact


# --- Moving out --------------------------------------------------------------------


def test_moving_out_ends_the_address_today_and_keeps_it_as_history() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    assert resident_neighbourhoods(user=resident) == [wijk]
    # when
    address_remove(actor=resident, address=address)
    # then
    address.refresh_from_db()
    assert address.valid_until == TODAY
    assert Address.objects.filter(pk=address.pk).exists()
    assert list(addresses_current(user=resident)) == []
    assert resident_neighbourhoods(user=resident) == []
    # it still counted yesterday
    yesterday = TODAY - dt.timedelta(days=1)
    assert list(addresses_current(user=resident, on=yesterday)) == [address]
    event = AuditEvent.objects.order_by("id").last()
    assert event is not None
    assert (event.action, event.data) == (
        "address.remove",
        {
            "user_id": resident.pk,
            "valid_until": "2026-06-15",
            "birth_date_removed": False,
        },
    )


def test_moving_out_twice_is_refused_and_nothing_changes() -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    address_remove(actor=resident, address=address)
    before = addresses_snapshot()
    # when
    with pytest.raises(ValidationError) as exc:
        address_remove(actor=resident, address=address)
    # then
    assert exc.value.code == "address_not_current"
    assert addresses_snapshot() == before


def test_someone_else_cannot_end_a_residents_address() -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    before = addresses_snapshot()
    # when
    with pytest.raises(PermissionDenied):
        address_remove(actor=UserFactory.create(), address=address)
    # then
    assert addresses_snapshot() == before


def test_moving_back_is_a_new_unconfirmed_stay_and_the_old_one_stays_history() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    address_confirm_residency(actor=contact, address=address)
    address_remove(actor=resident, address=address)
    # when
    again = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    # then
    assert again.pk != address.pk
    assert (again.valid_until, again.residency_confirmed_at) == (None, None)
    assert list(addresses_current(user=resident)) == [again]
    address.refresh_from_db()
    assert address.valid_until == timezone.localdate()
    assert address.residency_confirmed_by == contact
    event = AuditEvent.objects.order_by("id").last()
    assert event is not None
    assert (event.action, event.data["earlier_stays"]) == ("address.add", 1)
