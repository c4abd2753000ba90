from collections.abc import Iterator
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.services.profiles import user_profile_update
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    neighbourhood_with_postcodes,
    official,
    on_day,
    sign_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture(autouse=True)
def _today_in_english(english_text: None) -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def client() -> Client:
    return HttpsClient()


def _profile(user: User) -> tuple[Any, ...]:
    user.refresh_from_db()
    return (
        user.full_name,
        user.phone,
        user.preferred_language,
        user.consent_publish_name,
        user.consent_research,
    )


def _update(actor: User, user: User, **overrides: Any) -> User:
    values: dict[str, Any] = {
        "full_name": "Anna Bakker",
        "phone": "06 12345678",
        "preferred_language": "en",
        "consent_publish_name": True,
        "consent_research": False,
    }
    values.update(overrides)
    return user_profile_update(actor=actor, user=user, **values)


# --- Service -----------------------------------------------------------------------


def test_person_updates_their_profile_and_the_audit_names_what_changed() -> None:
    # given
    person = UserFactory.create(full_name="Anna", phone="")
    # when
    _update(person, person, full_name=" Anna Bakker ")
    # then
    assert _profile(person) == ("Anna Bakker", "06 12345678", "en", True, False)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.data) == (
        "user.profile_update",
        person,
        {
            "changed": [
                "full_name",
                "phone",
                "preferred_language",
                "consent_publish_name",
            ],
            "consent_publish_name": True,
            "consent_research": False,
        },
    )


def test_nobody_else_may_update_a_profile() -> None:
    # given
    person = UserFactory.create(full_name="Anna")
    before = _profile(person)
    # when
    with pytest.raises(PermissionDenied):
        _update(UserFactory.create(), person)
    # then
    assert _profile(person) == before
    assert AuditEvent.objects.count() == 0


def test_bad_profile_values_are_refused_per_field_and_nothing_changes() -> None:
    # given
    person = UserFactory.create(full_name="Anna")
    before = _profile(person)
    # when
    with pytest.raises(ValidationError) as exc:
        _update(person, person, full_name=" ", phone="bel me", preferred_language="de")
    # then
    assert {k: [e.code for e in v] for k, v in exc.value.error_dict.items()} == {
        "full_name": ["name_required"],
        "phone": ["invalid_phone"],
        "preferred_language": ["invalid_language"],
    }
    assert _profile(person) == before
    assert AuditEvent.objects.count() == 0


# --- Pages -------------------------------------------------------------------------


def test_profile_shows_details_and_roles(client: Client) -> None:
    # given
    wijk = neighbourhood_with_postcodes(name="Bloemenwijk")
    person = official(
        neighbourhood=wijk,
        role=Role.CONTACT_OFFICIAL,
        email="anna@example.nl",
        full_name="Anna Bakker",
    )
    sign_in(client, person)
    # when
    response = client.get(reverse("neighbourhoods:profile"))
    # then
    assert response.status_code == 200
    text = response.text
    assert "Anna Bakker" in text
    assert "anna@example.nl" in text
    assert "contact official in Bloemenwijk" in text
    assert reverse("neighbourhoods:residents_list") in text


def test_edit_page_shows_the_current_details(client: Client) -> None:
    # given
    person = UserFactory.create(full_name="Anna Bakker", phone="0201234567")
    sign_in(client, person)
    # when
    response = client.get(reverse("neighbourhoods:profile_edit"))
    # then
    assert response.status_code == 200
    assert 'value="Anna Bakker"' in response.text
    assert 'value="0201234567"' in response.text


def test_saving_the_profile_stores_it_and_switches_the_language(
    client: Client,
) -> None:
    # given
    person = UserFactory.create(full_name="Anna")
    sign_in(client, person)
    # when
    response = client.post(
        reverse("neighbourhoods:profile_edit"),
        {
            "full_name": "Anna Bakker",
            "phone": "",
            "preferred_language": "en",
            "consent_research": "on",
        },
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("neighbourhoods:profile")
    assert _profile(person) == ("Anna Bakker", "", "en", False, True)
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_saving_bad_values_shows_errors_and_keeps_the_input(client: Client) -> None:
    # given
    person = UserFactory.create(full_name="Anna")
    before = _profile(person)
    sign_in(client, person)
    # when
    response = client.post(
        reverse("neighbourhoods:profile_edit"),
        {
            "full_name": "",
            "phone": "bel me maar",
            "preferred_language": "nl",
            "consent_publish_name": "on",
        },
    )
    # then
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert sorted(errors) == ["full_name", "phone"]
    assert 'value="bel me maar"' in response.text
    consent = str(response.context["form"]["consent_publish_name"])
    assert " checked" in consent
    assert consent in response.text
    assert _profile(person) == before
