"""Voting locations in the coordinators' admin (through their service, with the
network checked), the service itself, and the consultations' read-only admin."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.consultations.models import VotingLocation
from wijkvoucher.consultations.services import voting_location_save
from wijkvoucher.consultations.tests.factories import (
    ConsultationFactory,
    CredentialFactory,
)
from wijkvoucher.consultations.tests.pages_manage import client_for
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    RoleAssignmentFactory,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:consultations_votinglocation_add")
LIST = reverse("admin:consultations_votinglocation_changelist")


@pytest.fixture(autouse=True)
def _english(english_text: None) -> None:
    """Assert on the English msgids."""


def _coordinator(wijk: Neighbourhood) -> User:
    user: User = UserFactory.create(is_staff=True)
    RoleAssignmentFactory.create(
        user=user,
        role=Role.COORDINATOR,
        municipality=wijk.municipality,
        neighbourhood=None,
        valid_from=dt.date(2020, 1, 1),
    )
    return user


def test_a_coordinator_adds_a_voting_location_with_its_network_normalised() -> None:
    wijk = NeighbourhoodFactory.create()
    client = client_for(_coordinator(wijk))
    response = client.post(
        ADD,
        {
            "name": "Buurthuis De Schakel",
            "municipality": wijk.municipality.pk,
            "neighbourhood": wijk.pk,
            "network": "192.0.2.77/24",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    location = VotingLocation.objects.get()
    assert (location.network, location.neighbourhood, location.municipality) == (
        "192.0.2.0/24",
        wijk,
        wijk.municipality,
    )
    assert AuditEvent.objects.filter(
        action="consultations.voting_location_save"
    ).exists()
    assert "Buurthuis De Schakel" in client.get(LIST).content.decode()


@pytest.mark.parametrize("network", ["192.0.2.300/24", "10.0.0.0/8", "buurthuis"])
def test_a_wrong_or_too_wide_network_is_refused_at_its_field(network: str) -> None:
    wijk = NeighbourhoodFactory.create()
    response = client_for(_coordinator(wijk)).post(
        ADD,
        {
            "name": "Buurthuis",
            "municipality": wijk.municipality.pk,
            "network": network,
        },
    )
    assert response.status_code == 200
    assert "network" in response.context["adminform"].form.errors
    assert not VotingLocation.objects.exists()


def test_the_service_refuses_another_municipality_and_a_missing_place() -> None:
    wijk = NeighbourhoodFactory.create()
    elsewhere = NeighbourhoodFactory.create(
        municipality=MunicipalityFactory.create(slug="elders", name="Elders")
    )
    coordinator = _coordinator(wijk)
    with pytest.raises(PermissionDenied):
        voting_location_save(
            actor=coordinator, name="X", network="192.0.2.0/24", neighbourhood=elsewhere
        )
    with pytest.raises(ValidationError) as refused:
        voting_location_save(actor=coordinator, name="X", network="192.0.2.0/24")
    assert refused.value.code == "place_needed"
    assert not VotingLocation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_location_is_changed_through_the_service() -> None:
    wijk = NeighbourhoodFactory.create()
    coordinator = _coordinator(wijk)
    location = voting_location_save(
        actor=coordinator,
        name="Bieb",
        network="2001:db8::/48",
        municipality=wijk.municipality,
    )
    changed = voting_location_save(
        actor=coordinator,
        name="Bibliotheek",
        network="2001:db8:1::1",
        municipality=wijk.municipality,
        location=location,
    )
    assert changed.pk == location.pk
    assert (changed.name, changed.network) == ("Bibliotheek", "2001:db8:1::1/128")


def test_the_consultation_admin_reads_without_the_roll_or_the_key() -> None:
    wijk = NeighbourhoodFactory.create()
    consultation = ConsultationFactory.create(neighbourhood=wijk)
    CredentialFactory.create(consultation=consultation, letter_name="Anna de Wit")
    client = client_for(_coordinator(wijk))
    page = client.get(
        reverse("admin:consultations_consultation_change", args=[consultation.pk])
    ).content.decode()
    assert consultation.title in page
    assert consultation.ballot_key is not None
    assert consultation.ballot_key not in page
    assert "Anna de Wit" not in page
    assert (
        client.get(reverse("admin:consultations_consultation_add")).status_code == 403
    )
