from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Address
from wijkvoucher.neighbourhoods.services.addresses import resident_register_assisted
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    neighbourhood_with_postcodes,
    official,
    on_day,
    sign_in,
    sign_in_verified,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today_in_english(english_text: None) -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def client() -> Client:
    return HttpsClient()


def _counts() -> tuple[int, int, int]:
    return (User.objects.count(), Address.objects.count(), AuditEvent.objects.count())


def test_official_registers_a_resident_without_email_with_a_confirmed_address() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    # when
    resident = resident_register_assisted(
        actor=contact,
        full_name=" Jan de Vries ",
        phone="06 12345678",
        postcode="1000 ab",
        house_number="7",
        street="Dijkstraat",
        city="Dijkstad",
    )
    # then
    resident.refresh_from_db()
    assert (
        resident.full_name,
        resident.email,
        resident.phone,
        resident.registered_by,
        resident.has_usable_password(),
    ) == ("Jan de Vries", None, "06 12345678", contact, False)
    address = Address.objects.get(user=resident)
    assert (address.postcode, address.house_number, address.neighbourhood) == (
        "1000AB",
        7,
        wijk,
    )
    assert address.residency_confirmed_by == contact
    assert address.residency_confirmed_at is not None
    events = list(AuditEvent.objects.order_by("id"))
    assert [(e.action, e.actor) for e in events] == [
        ("resident.register_assisted", contact),
        ("address.add", contact),
        ("address.confirm_residency", contact),
    ]
    assert events[0].data == {"neighbourhood_id": wijk.pk, "has_email": False}


def test_intake_with_an_email_address_stores_it_in_lower_case() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    # when
    resident = resident_register_assisted(
        actor=contact,
        full_name="Fatima el Amrani",
        email=" Fatima@Example.NL ",
        postcode="1000AB",
        house_number=8,
    )
    # then
    resident.refresh_from_db()
    assert resident.email == "fatima@example.nl"


def test_two_residents_without_email_can_both_be_registered() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    # when
    for number in (1, 2):
        resident_register_assisted(
            actor=contact, full_name="Bewoner", postcode="1000AB", house_number=number
        )
    # then
    assert User.objects.filter(email__isnull=True).count() == 2


def test_email_in_use_is_refused_and_nothing_is_created() -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    UserFactory.create(email="piet@example.nl")
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        resident_register_assisted(
            actor=contact,
            full_name="Piet",
            email="PIET@example.nl",
            postcode="1000AB",
            house_number=1,
        )
    # then
    assert [e.code for e in exc.value.error_dict["email"]] == ["email_in_use"]
    assert _counts() == before


@pytest.mark.parametrize(
    ("postcode", "field", "code"),
    [
        ("9999AB", "postcode", "outside_neighbourhoods"),
        ("2000AB", "postcode", "not_your_neighbourhood"),
        ("0000AB", "postcode", "invalid_postcode"),
    ],
)
def test_intake_outside_the_officials_wijken_is_refused(
    postcode: str, field: str, code: str
) -> None:
    # given
    wijk = neighbourhood_with_postcodes(start="1000AA", end="1000ZZ")
    neighbourhood_with_postcodes(start="2000AA", end="2000ZZ")
    contact = official(neighbourhood=wijk)
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        resident_register_assisted(
            actor=contact, full_name="Piet", postcode=postcode, house_number=1
        )
    # then
    assert [e.code for e in exc.value.error_dict[field]] == [code]
    assert _counts() == before


def test_intake_without_a_name_is_refused() -> None:
    # given
    contact = official(neighbourhood=neighbourhood_with_postcodes())
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        resident_register_assisted(
            actor=contact, full_name="  ", postcode="1000AB", house_number=1
        )
    # then
    assert [e.code for e in exc.value.error_dict["full_name"]] == ["name_required"]
    assert _counts() == before


@pytest.mark.parametrize("role", [Role.STEERING_SECRETARY, Role.CASH_MANAGER, None])
def test_only_officials_may_register_residents(role: Role | None) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    actor = official(neighbourhood=wijk, role=role) if role else UserFactory.create()
    before = _counts()
    # when
    with pytest.raises(PermissionDenied):
        resident_register_assisted(
            actor=actor, full_name="Piet", postcode="1000AB", house_number=1
        )
    # then
    assert _counts() == before


# --- Pages -------------------------------------------------------------------------


def _form(**overrides: Any) -> dict[str, str]:
    data = {
        "full_name": "Jan de Vries",
        "email": "",
        "phone": "",
        "postcode": "1000 AB",
        "house_number": "7",
        "house_letter": "",
        "house_number_addition": "",
        "street": "Dijkstraat",
        "city": "Dijkstad",
    }
    data.update(overrides)
    return data


def test_intake_page_registers_and_shows_the_confirmation(client: Client) -> None:
    # given
    wijk = neighbourhood_with_postcodes(name="Bloemenwijk")
    contact = official(neighbourhood=wijk)
    sign_in_verified(client, contact)
    # when
    response = client.post(reverse("neighbourhoods:assisted_intake"), _form())
    # then
    resident = User.objects.get(full_name="Jan de Vries")
    done = reverse("neighbourhoods:assisted_intake_done", args=[resident.uuid])
    assert response.status_code == 302
    assert response["Location"] == done
    page = client.get(done)
    assert page.status_code == 200
    assert "Jan de Vries" in page.text
    assert "Bloemenwijk" in page.text
    assert "Dijkstraat 7, 1000 AB" in page.text


def test_intake_page_keeps_what_was_entered_when_the_email_is_in_use(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes()
    contact = official(neighbourhood=wijk)
    UserFactory.create(email="piet@example.nl")
    sign_in_verified(client, contact)
    before = _counts()
    # when
    response = client.post(
        reverse("neighbourhoods:assisted_intake"),
        _form(full_name="Piet Jansen", email="piet@example.nl"),
    )
    # then
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["email"]] == ["email_in_use"]
    assert 'value="Piet Jansen"' in response.text
    assert 'value="piet@example.nl"' in response.text
    assert 'value="Dijkstraat"' in response.text
    assert _counts() == before


def test_intake_page_refuses_a_resident(client: Client) -> None:
    # given
    neighbourhood_with_postcodes()
    sign_in(client, UserFactory.create())
    # when
    response = client.get(reverse("neighbourhoods:assisted_intake"))
    # then
    assert response.status_code == 403


def test_intake_confirmation_of_someone_outside_the_officials_wijken_is_404(
    client: Client,
) -> None:
    # given
    wijk = neighbourhood_with_postcodes(start="1000AA", end="1000ZZ")
    other = neighbourhood_with_postcodes(start="2000AA", end="2000ZZ")
    resident = resident_register_assisted(
        actor=official(neighbourhood=other),
        full_name="Piet",
        postcode="2000AB",
        house_number=1,
    )
    sign_in_verified(client, official(neighbourhood=wijk))
    # when
    response = client.get(
        reverse("neighbourhoods:assisted_intake_done", args=[resident.uuid])
    )
    # then
    assert response.status_code == 404
