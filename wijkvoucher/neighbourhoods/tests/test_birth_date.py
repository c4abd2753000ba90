"""The birth date an official records from the BRP with the residency confirmation
(docs/voting.md, the minimum age of voting from an account): the service, the
confirm page, the assisted intake, who sees it, and that it goes when the resident
moves out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.models import Address
from wijkvoucher.neighbourhoods.services.addresses import (
    address_add,
    address_confirm_residency,
    address_remove,
    resident_register_assisted,
)
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    addresses_snapshot,
    neighbourhood_with_postcodes,
    official,
    on_day,
    sign_in,
    sign_in_verified,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

BIRTH_DATE = dt.date(1980, 12, 31)


@pytest.fixture(autouse=True)
def _today_in_english(english_text: None) -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def client() -> Client:
    return HttpsClient()


def _waiting_address():  # type: ignore[no-untyped-def]
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    resident = UserFactory.create(full_name="Anna de Vries")
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    return contact, resident, address


# --- The service ---------------------------------------------------------------------


def test_the_official_records_the_birth_date_and_the_audit_only_says_so() -> None:
    # given
    contact, resident, address = _waiting_address()
    # when
    address_confirm_residency(actor=contact, address=address, birth_date=BIRTH_DATE)
    # then
    address.refresh_from_db()
    assert address.birth_date_confirmed == BIRTH_DATE
    assert address.residency_confirmed_by == contact
    event = AuditEvent.objects.get(action="address.confirm_residency")
    assert event.data == {
        "user_id": resident.pk,
        "neighbourhood_id": address.neighbourhood_id,
        "birth_date_recorded": True,
    }
    assert "1980" not in str(event.canonical())


@pytest.mark.parametrize(
    ("birth_date", "code"),
    [
        (TODAY + dt.timedelta(days=1), "birth_date_future"),
        (dt.date(1899, 12, 31), "birth_date_too_early"),
    ],
)
def test_a_birth_date_in_the_future_or_before_1900_is_refused(
    birth_date: dt.date, code: str
) -> None:
    # given
    contact, _resident, address = _waiting_address()
    before = addresses_snapshot()
    # when
    with pytest.raises(ValidationError) as refused:
        address_confirm_residency(actor=contact, address=address, birth_date=birth_date)
    # then
    assert refused.value.error_dict["birth_date"][0].code == code
    assert addresses_snapshot() == before


@pytest.mark.parametrize("birth_date", [TODAY, dt.date(1900, 1, 1)])
def test_today_and_the_first_day_of_1900_are_accepted(birth_date: dt.date) -> None:
    # given
    contact, _resident, address = _waiting_address()
    # when
    address_confirm_residency(actor=contact, address=address, birth_date=birth_date)
    # then
    address.refresh_from_db()
    assert address.birth_date_confirmed == birth_date


def test_moving_out_removes_the_birth_date() -> None:
    # given
    contact, resident, address = _waiting_address()
    address_confirm_residency(actor=contact, address=address, birth_date=BIRTH_DATE)
    # when
    address_remove(actor=resident, address=address)
    # then
    address.refresh_from_db()
    assert address.valid_until == TODAY
    assert address.birth_date_confirmed is None
    event = AuditEvent.objects.filter(action="address.remove").get()
    assert event.data["birth_date_removed"] is True
    assert not Address.objects.filter(birth_date_confirmed__isnull=False).exists()


def test_the_assisted_intake_records_the_birth_date() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    # when
    resident = resident_register_assisted(
        actor=contact,
        full_name="Jan de Vries",
        postcode="1000AB",
        house_number="7",
        birth_date=BIRTH_DATE,
    )
    # then
    address = Address.objects.get(user=resident)
    assert address.birth_date_confirmed == BIRTH_DATE
    assert address.residency_confirmed_at is not None


# --- The confirm page -----------------------------------------------------------------


def test_the_confirm_page_asks_for_the_birth_date_as_an_optional_field(
    client: Client,
) -> None:
    # given
    contact, _resident, address = _waiting_address()
    sign_in_verified(client, contact)
    url = reverse("neighbourhoods:address_confirm", args=[address.pk])
    # when
    response = client.get(url)
    # then
    assert response.status_code == 200
    text = response.text
    assert "Anna de Vries" in text
    assert 'type="date"' in text
    assert 'name="birth_date"' in text
    assert 'aria-describedby="id_birth_date-hint"' in text
    assert "(optional)" in text
    address.refresh_from_db()
    assert address.residency_confirmed_at is None


def test_the_residents_list_links_to_the_confirm_page(client: Client) -> None:
    # given
    contact, _resident, address = _waiting_address()
    sign_in_verified(client, contact)
    # when
    response = client.get(reverse("neighbourhoods:residents_list"))
    # then
    url = reverse("neighbourhoods:address_confirm", args=[address.pk])
    assert f'href="{url}"' in response.text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1980-12-31", BIRTH_DATE), ("31-12-1980", BIRTH_DATE), ("", None)],
)
def test_confirming_with_or_without_a_birth_date(
    client: Client, typed: str, stored: dt.date | None
) -> None:
    # given
    contact, _resident, address = _waiting_address()
    sign_in_verified(client, contact)
    # when
    response = client.post(
        reverse("neighbourhoods:address_confirm", args=[address.pk]),
        {"birth_date": typed},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("neighbourhoods:residents_list")
    address.refresh_from_db()
    assert address.residency_confirmed_by == contact
    assert address.birth_date_confirmed == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-06-16", "A birth date cannot be in the future."),
        ("1899-12-31", "A birth date before 1900 cannot be right."),
        ("31 december", "Enter a date, for example 31-12-1980."),
    ],
)
def test_a_bad_birth_date_comes_back_at_its_field_and_nothing_is_confirmed(
    client: Client, typed: str, message: str
) -> None:
    # given
    contact, _resident, address = _waiting_address()
    sign_in_verified(client, contact)
    before = addresses_snapshot()
    # when
    response = client.post(
        reverse("neighbourhoods:address_confirm", args=[address.pk]),
        {"birth_date": typed},
    )
    # then
    assert response.status_code == 200
    text = response.text
    assert message in text
    assert 'id="id_birth_date-error"' in text
    assert 'aria-invalid="true"' in text
    assert "id_birth_date-hint id_birth_date-error" in text
    assert f'value="{typed}"' in text
    assert addresses_snapshot() == before


def test_the_intake_form_refuses_a_future_birth_date_and_keeps_the_rest(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    sign_in_verified(client, official(neighbourhood=wijk))
    before = addresses_snapshot()
    # when
    response = client.post(
        reverse("neighbourhoods:assisted_intake"),
        {
            "full_name": "Jan de Vries",
            "postcode": "1000AB",
            "house_number": "7",
            "birth_date": "2030-01-01",
        },
    )
    # then
    assert response.status_code == 200
    assert "A birth date cannot be in the future." in response.text
    assert 'value="Jan de Vries"' in response.text
    assert addresses_snapshot() == before


# --- Who sees it ---------------------------------------------------------------------


def test_the_resident_and_the_official_see_the_birth_date(client: Client) -> None:
    # given
    contact, resident, address = _waiting_address()
    address_confirm_residency(actor=contact, address=address, birth_date=BIRTH_DATE)
    # when
    sign_in(client, resident)
    own = client.get(reverse("neighbourhoods:profile")).text
    client.logout()
    sign_in_verified(client, contact)
    found = client.get(
        reverse("neighbourhoods:residents_list"),
        {"postcode": "1000AB", "house_number": "1"},
    ).text
    # then
    assert "31 December 1980" in own
    assert "Birth date (BRP): 31 December 1980" in found


def test_an_official_of_another_wijk_does_not_find_it(client: Client) -> None:
    # given
    contact, _resident, address = _waiting_address()
    address_confirm_residency(actor=contact, address=address, birth_date=BIRTH_DATE)
    elsewhere = neighbourhood_with_postcodes(start="2000AA", end="2000ZZ")
    sign_in_verified(client, official(neighbourhood=elsewhere))
    # when
    listed = client.get(
        reverse("neighbourhoods:residents_list"),
        {"postcode": "1000AB", "house_number": "1"},
    )
    page = client.get(reverse("neighbourhoods:address_confirm", args=[address.pk]))
    # then
    assert "1980" not in listed.text
    assert page.status_code == 404
