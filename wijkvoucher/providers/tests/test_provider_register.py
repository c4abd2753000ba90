"""Signing up as a provider, and the coordinator's approval."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from typing import Any

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    official,
    sign_in,
    sign_in_verified,
)
from wijkvoucher.notifications.models import Notification
from wijkvoucher.providers.models import Provider, ProviderMembership
from wijkvoucher.providers.selectors import provider_memberships_active
from wijkvoucher.providers.services.registration import provider_register
from wijkvoucher.providers.services.review import provider_approve

pytestmark = pytest.mark.django_db

REGISTER = reverse("providers:provider_register")
REVIEW = reverse("providers:providers_review")


@pytest.fixture
def wijk() -> Neighbourhood:
    return NeighbourhoodFactory.create()


@pytest.fixture
def coordinator(wijk: Neighbourhood) -> User:
    return official(municipality=wijk.municipality, role=Role.COORDINATOR)


def _client(user: User, *, verified: bool = False) -> Client:
    client = HttpsClient()
    client.cookies["django_language"] = "en"
    if verified:
        sign_in_verified(client, user)
    else:
        sign_in(client, user)
    return client


def _data(wijk: Neighbourhood, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Fietsenmaker Spaak",
        "kvk_number": "1234 5678",
        "iban": "nl91 abna 0417 1643 00",
        "street_address": "Dijkstraat 12",
        "postcode": "1091 ab",
        "city": "Dijkstad",
        "neighbourhoods": [str(wijk.pk)],
        "categories": ["materials", "services"],
        "description": "Fietsen en reparaties",
        "email": "info@spaak.example",
    }
    data.update(changes)
    return data


def _resident(wijk: Neighbourhood) -> User:
    user = UserFactory.create()
    AddressFactory.create(user=user, neighbourhood=wijk)
    return user


def test_register_creates_an_unapproved_provider_and_tells_the_coordinator(
    wijk: Neighbourhood, coordinator: User
) -> None:
    # given a resident of the wijk
    user = _resident(wijk)
    client = _client(user)
    page = client.get(REGISTER)
    assert page.status_code == 200
    assert wijk.name in page.content.decode()
    # when they sign up their business
    response = client.post(REGISTER, _data(wijk))
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:provider_home")
    provider = Provider.objects.get()
    assert provider.approved_at is None
    assert provider.registered_by == user
    assert provider.municipality == wijk.municipality
    assert provider.kvk_number == "12345678"
    assert provider.iban == "NL91ABNA0417164300"
    assert provider.postcode == "1091AB"
    assert provider.categories == ["materials", "services"]
    assert provider.email == "info@spaak.example"
    assert list(provider.neighbourhoods.all()) == [wijk]
    assert not ProviderMembership.objects.exists()
    note = Notification.objects.get(recipient=coordinator)
    assert note.url == reverse(
        "providers:provider_review", kwargs={"provider_uuid": provider.uuid}
    )
    assert AuditEvent.objects.filter(action="vouchers.provider_register").count() == 1
    # and the portal says it is waiting
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert "Your applications" in home.content.decode()
    assert "waiting for review" in home.content.decode()
    assert "Fietsenmaker Spaak" in home.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"iban": "NL00ABNA0417164300"}, "iban", "is not a valid IBAN"),
        ({"iban": "12345"}, "iban", "is not a valid IBAN"),
        ({"kvk_number": "1234567"}, "kvk_number", "A KvK number has 8 digits."),
        ({"postcode": "12345"}, "postcode", ""),
        ({"email": "geen-mail"}, "email", ""),
        ({"name": ""}, "name", ""),
    ],
)
def test_register_refusals_keep_what_was_typed(
    wijk: Neighbourhood, changes: dict[str, Any], field: str, message: str
) -> None:
    # given
    client = _client(_resident(wijk))
    data = _data(wijk, **changes)
    before = AuditEvent.objects.count()
    # when
    response = client.post(REGISTER, data)
    # then the form comes back with the error at the field and the typed values
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_{field}"' in html
    assert message in html
    assert 'value="Fietsenmaker Spaak"' in html or field == "name"
    assert f'value="{data["iban"]}"' in html
    assert f'value="{data["kvk_number"]}"' in html
    assert "Fietsen en reparaties" in html
    assert 'value="materials" class' in html or 'value="materials"' in html
    assert not Provider.objects.exists()
    assert AuditEvent.objects.count() == before


def test_register_without_a_known_municipality_explains(wijk: Neighbourhood) -> None:
    MunicipalityFactory.create(slug="tweede")
    response = _client(UserFactory.create()).get(REGISTER)
    assert response.status_code == 200
    assert reverse("neighbourhoods:address_add") in response.content.decode()
    assert 'name="kvk_number"' not in response.content.decode()


def test_register_service_refuses_unknown_category(wijk: Neighbourhood) -> None:
    with pytest.raises(ValidationError) as exc:
        provider_register(
            actor=UserFactory.create(),
            municipality=wijk.municipality,
            name="Zaak",
            kvk_number="12345678",
            iban="NL91ABNA0417164300",
            street_address="Straat 1",
            postcode="1091AB",
            city="Dijkstad",
            categories=["spaceships"],
        )
    assert exc.value.code == "invalid_category"
    assert not Provider.objects.exists()


def _registered(wijk: Neighbourhood) -> tuple[Provider, User]:
    user = _resident(wijk)
    provider = provider_register(
        actor=user,
        municipality=wijk.municipality,
        name="Zaak",
        kvk_number="12345678",
        iban="NL91ABNA0417164300",
        street_address="Straat 1",
        postcode="1091AB",
        city="Dijkstad",
        categories=["food"],
        email="zaak@example.nl",
    )
    return provider, user


def test_the_coordinator_reviews_and_approves(
    wijk: Neighbourhood, coordinator: User
) -> None:
    # given a waiting registration
    provider, registrant = _registered(wijk)
    client = _client(coordinator, verified=True)
    listing = client.get(REVIEW).content.decode()
    assert "Zaak" in listing
    assert "NL91ABNA0417164300" in listing
    url = reverse("providers:provider_review", kwargs={"provider_uuid": provider.uuid})
    detail = client.get(url).content.decode()
    assert "food and drink" in detail
    # when approving without the confirmation, nothing happens
    refused = client.post(url, {})
    assert refused.status_code == 200
    provider.refresh_from_db()
    assert provider.approved_at is None
    # when approving with it
    response = client.post(url, {"confirm": "on"})
    # then the provider is approved and the registrant is its first user
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.approved_by == coordinator
    assert [m.provider for m in provider_memberships_active(user=registrant)] == [
        provider
    ]
    # and the registrant reaches the portal (after the second factor)
    home = _client(registrant, verified=True).get(reverse("payments:provider_home"))
    assert home.status_code == 200
    assert "<h1>Zaak</h1>" in home.content.decode()


def test_only_a_coordinator_of_the_municipality_approves(wijk: Neighbourhood) -> None:
    provider, registrant = _registered(wijk)
    url = reverse("providers:provider_review", kwargs={"provider_uuid": provider.uuid})
    # a resident (even the registrant) is refused
    assert (
        _client(registrant, verified=True).post(url, {"confirm": "on"}).status_code
        == 403
    )
    # a contact official is refused
    contact = official(neighbourhood=wijk, role=Role.CONTACT_OFFICIAL)
    assert (
        _client(contact, verified=True).post(url, {"confirm": "on"}).status_code == 403
    )
    # a coordinator elsewhere does not find it
    elsewhere = official(
        municipality=MunicipalityFactory.create(slug="elders"), role=Role.COORDINATOR
    )
    assert (
        _client(elsewhere, verified=True).post(url, {"confirm": "on"}).status_code
        == 404
    )
    # a coordinator without the second factor is sent to it
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    assert _client(coordinator).post(url, {"confirm": "on"}).status_code == 302
    provider.refresh_from_db()
    assert provider.approved_at is None
    assert not ProviderMembership.objects.exists()


def test_approve_does_not_add_an_existing_member_twice(wijk: Neighbourhood) -> None:
    provider, registrant = _registered(wijk)
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    provider_approve(actor=coordinator, provider=provider)
    assert ProviderMembership.objects.filter(user=registrant).count() == 1
