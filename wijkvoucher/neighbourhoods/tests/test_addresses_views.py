from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Address
from wijkvoucher.neighbourhoods.services.addresses import (
    address_add,
    address_confirm_residency,
)
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    neighbourhood_with_postcodes,
    official,
    on_day,
    sign_in,
    sign_in_verified,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture(autouse=True)
def _today_in_english(english_text: None) -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def client() -> Client:
    return HttpsClient()


def _addresses() -> list[tuple[Any, ...]]:
    return list(
        Address.objects.order_by("pk").values_list(
            "pk", "user_id", "postcode", "valid_until", "residency_confirmed_at"
        )
    )


# --- Resident: profile and addresses -----------------------------------------------


def test_profile_shows_each_address_with_its_wijk_and_confirmation(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes(name="Bloemenwijk", slug="bloemenwijk")
    contact = official(neighbourhood=wijk)
    resident = UserFactory.create()
    confirmed = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    address_confirm_residency(actor=contact, address=confirmed)
    address_add(actor=resident, user=resident, postcode="9999ZZ", house_number=2)
    sign_in(client, resident)
    # when
    response = client.get(reverse("neighbourhoods:profile"))
    # then
    assert response.status_code == 200
    text = response.text
    assert [a.pk for a in response.context["addresses"]] == list(
        Address.objects.filter(user=resident)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert "Bloemenwijk" in text
    assert reverse("transparency:neighbourhood", args=["bloemenwijk"]) in text
    assert "Confirmed by the municipality on 15 June 2026." in text
    assert "This address is not in a wijk that takes part." in text
    assert reverse("neighbourhoods:address_remove", args=[confirmed.pk]) in text


def test_profile_asks_to_sign_in_first(client: Client) -> None:
    # given / when
    response = client.get(reverse("neighbourhoods:profile"))
    # then
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_adding_an_address_stores_it_with_its_wijk(client: Client) -> None:
    # given
    wijk = neighbourhood_with_postcodes(name="Bloemenwijk")
    resident = UserFactory.create()
    sign_in(client, resident)
    # when
    response = client.post(
        reverse("neighbourhoods:address_add"),
        {"postcode": "1000 ab", "house_number": "12", "house_letter": "a"},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("neighbourhoods:profile")
    address = Address.objects.get(user=resident)
    assert (address.postcode, address.house_number, address.house_letter) == (
        "1000AB",
        12,
        "A",
    )
    assert address.neighbourhood == wijk
    page = client.get(response["Location"])
    assert "We have added your address. It is in Bloemenwijk." in page.text


def test_adding_an_address_outside_every_wijk_says_so_plainly(
    client: Client,
) -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    sign_in(client, resident)
    # when
    response = client.post(
        reverse("neighbourhoods:address_add"),
        {"postcode": "9999 AB", "house_number": "1"},
        follow=True,
    )
    # then
    assert Address.objects.get(user=resident).neighbourhood is None
    assert "It is not in a wijk that takes part" in response.text


def test_adding_with_a_bad_postcode_shows_the_error_and_keeps_the_input(
    client: Client,
) -> None:
    # given
    neighbourhood_with_postcodes()
    sign_in(client, UserFactory.create())
    # when
    response = client.post(
        reverse("neighbourhoods:address_add"),
        {
            "postcode": "0123 AB",
            "house_number": "12",
            "house_letter": "b",
            "house_number_addition": "2",
            "street": "Lange Nieuwstraat",
            "city": "Dijkstad",
        },
    )
    # then
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["postcode"][0].code == (
        "invalid_postcode"
    )
    text = response.text
    assert "Enter a postcode like 1234 AB." in text
    assert 'aria-invalid="true"' in text
    for kept in ("0123 AB", "12", "b", "2", "Lange Nieuwstraat", "Dijkstad"):
        assert f'value="{kept}"' in text
    assert _addresses() == []


def test_adding_the_same_address_again_shows_why_and_changes_nothing(
    client: Client,
) -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address_add(actor=resident, user=resident, postcode="1000AB", house_number=1)
    before = _addresses()
    sign_in(client, resident)
    # when
    response = client.post(
        reverse("neighbourhoods:address_add"),
        {"postcode": "1000AB", "house_number": "1"},
    )
    # then
    assert response.status_code == 200
    assert "You have already added this address." in response.text
    assert _addresses() == before


def test_i_have_moved_ends_my_address(client: Client) -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    sign_in(client, resident)
    # when
    response = client.post(reverse("neighbourhoods:address_remove", args=[address.pk]))
    # then
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.valid_until == TODAY
    page = client.get(reverse("neighbourhoods:profile"))
    assert list(page.context["addresses"]) == []


def test_someone_elses_address_answers_404_and_stays(client: Client) -> None:
    # given
    neighbourhood_with_postcodes()
    owner = UserFactory.create()
    address = address_add(actor=owner, user=owner, postcode="1000AB", house_number=1)
    before = _addresses()
    sign_in(client, UserFactory.create())
    # when
    response = client.post(reverse("neighbourhoods:address_remove", args=[address.pk]))
    # then
    assert response.status_code == 404
    assert _addresses() == before


def test_removing_needs_a_post(client: Client) -> None:
    # given
    neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    sign_in(client, resident)
    # when
    response = client.get(reverse("neighbourhoods:address_remove", args=[address.pk]))
    # then
    assert response.status_code == 405
    address.refresh_from_db()
    assert address.valid_until is None


# --- Officials: residents list and confirmation ------------------------------------


def test_official_sees_addresses_awaiting_confirmation_in_their_wijk_only(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes(start="1000AA", end="1000ZZ")
    neighbourhood_with_postcodes(start="2000AA", end="2000ZZ")
    here, there = UserFactory.create(), UserFactory.create()
    mine = address_add(actor=here, user=here, postcode="1000AB", house_number=1)
    address_add(actor=there, user=there, postcode="2000AB", house_number=1)
    sign_in_verified(client, official(neighbourhood=wijk))
    # when
    response = client.get(reverse("neighbourhoods:residents_list"))
    # then
    assert response.status_code == 200
    assert list(response.context["awaiting"]) == [mine]
    assert reverse("neighbourhoods:address_confirm", args=[mine.pk]) in response.text


def test_residents_list_does_not_grow_in_queries_with_more_addresses(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    sign_in_verified(client, official(neighbourhood=wijk))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert (
                client.get(reverse("neighbourhoods:residents_list")).status_code == 200
            )
        return len(ctx.captured_queries)

    resident = UserFactory.create()
    address_add(actor=resident, user=resident, postcode="1000AB", house_number=1)
    queries()  # the first page of a session also notes the sign-in time
    with_one = queries()
    for number in range(2, 7):
        other = UserFactory.create()
        address_add(actor=other, user=other, postcode="1000AB", house_number=number)
    # when
    with_six = queries()
    # then
    assert with_six == with_one


def test_official_confirms_an_address_in_their_wijk(client: Client) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    sign_in_verified(client, contact)
    # when
    response = client.post(reverse("neighbourhoods:address_confirm", args=[address.pk]))
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("neighbourhoods:residents_list")
    address.refresh_from_db()
    assert address.residency_confirmed_by == contact


def test_confirming_an_address_outside_the_officials_wijken_is_404(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes(start="1000AA", end="1000ZZ")
    neighbourhood_with_postcodes(start="2000AA", end="2000ZZ")
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="2000AB", house_number=1
    )
    before = _addresses()
    sign_in_verified(client, official(neighbourhood=wijk))
    # when
    response = client.post(reverse("neighbourhoods:address_confirm", args=[address.pk]))
    # then
    assert response.status_code == 404
    assert _addresses() == before


@pytest.mark.parametrize("role", [None, Role.STEERING_CHAIR])
@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "neighbourhoods:residents_list"),
        ("get", "neighbourhoods:assisted_intake"),
        ("post", "neighbourhoods:address_confirm"),
    ],
)
def test_official_pages_refuse_residents_and_regiegroep_members(
    client: Client, method: str, name: str, role: Role | None
) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    person = official(neighbourhood=wijk, role=role) if role else UserFactory.create()
    resident = UserFactory.create()
    address = address_add(
        actor=resident, user=resident, postcode="1000AB", house_number=1
    )
    before = _addresses()
    sign_in_verified(client, person)
    url = reverse(name, args=[address.pk] if name.endswith("confirm") else [])
    # when
    response = getattr(client, method)(url)
    # then
    assert response.status_code == 403
    assert _addresses() == before


def test_official_without_the_second_factor_does_not_get_the_page(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    resident = UserFactory.create()
    address_add(actor=resident, user=resident, postcode="1000AB", house_number=1)
    sign_in(client, official(neighbourhood=wijk))
    # when
    response = client.get(reverse("neighbourhoods:residents_list"))
    # then
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_search_by_postcode_and_house_number(client: Client) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    one, two = UserFactory.create(full_name="Ans"), UserFactory.create(full_name="Bo")
    found = address_add(actor=one, user=one, postcode="1000AB", house_number=1)
    address_add(actor=two, user=two, postcode="1000AB", house_number=2)
    sign_in_verified(client, official(neighbourhood=wijk))
    # when
    response = client.get(
        reverse("neighbourhoods:residents_list"),
        {"postcode": "1000 ab", "house_number": "1"},
    )
    # then
    assert response.status_code == 200
    assert list(response.context["results"]) == [found]


def test_search_with_a_bad_postcode_shows_the_error_and_keeps_the_input(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    sign_in_verified(client, official(neighbourhood=wijk))
    # when
    response = client.get(
        reverse("neighbourhoods:residents_list"),
        {"postcode": "1234 SS", "house_number": "3"},
    )
    # then
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "Postcodes never end in SA, SD or SS." in response.text
    assert 'value="1234 SS"' in response.text
    assert 'value="3"' in response.text
