"""The coordinator's answer to a provider's application: approve, return it for more
information, or reject it, each with a reason the applicant receives in their own
language; a returned application is corrected and sent again (issue #9, point 11).
Every form reports all its problems at once."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import NeighbourhoodFactory
from wijkvoucher.neighbourhoods.tests.helpers import official
from wijkvoucher.notifications.models import Notification
from wijkvoucher.providers.constants import ProviderReviewStatus
from wijkvoucher.providers.models import PROVIDER_REVIEW_STEPS, Provider
from wijkvoucher.providers.services.registration import (
    provider_application_resubmit,
    provider_register,
)
from wijkvoucher.providers.services.review import (
    provider_approve,
    provider_reject,
    provider_return,
)
from wijkvoucher.providers.tests.test_provider_register import (
    _client,
    _data,
    _registered,
    _resident,
)

pytestmark = pytest.mark.django_db

REGISTER = reverse("providers:provider_register")
REVIEW = reverse("providers:providers_review")
R = ProviderReviewStatus


@pytest.fixture
def wijk() -> Neighbourhood:
    return NeighbourhoodFactory.create()


@pytest.fixture
def coordinator(wijk: Neighbourhood) -> User:
    return official(municipality=wijk.municipality, role=Role.COORDINATOR)


def _review_url(provider: Provider) -> str:
    return reverse("providers:provider_review", kwargs={"provider_uuid": provider.uuid})


def _application_url(provider: Provider) -> str:
    return reverse(
        "providers:provider_application", kwargs={"provider_uuid": provider.uuid}
    )


def _row(provider: Provider) -> dict[str, Any]:
    row: dict[str, Any] = dict(Provider.objects.filter(pk=provider.pk).values().get())
    row.pop("updated_at")
    return row


def test_the_applicant_is_told_where_to_find_the_application(
    wijk: Neighbourhood, coordinator: User
) -> None:
    # given a business signed up by a resident
    provider, registrant = _registered(wijk)
    # then a message links to the application page, which shows the state
    note = Notification.objects.get(
        recipient=registrant, kind="vouchers.provider_application_received"
    )
    assert note.url == _application_url(provider)
    page = _client(registrant).get(note.url).content.decode()
    assert "waiting for review" in page.lower()
    # and the provider portal (in every page's footer) lists it too
    home = _client(registrant).get(reverse("payments:provider_home")).content.decode()
    assert f'href="{_application_url(provider)}"' in home
    assert f'href="{reverse("payments:provider_home")}"' in home


def test_the_steps_of_an_application_are_one_small_table() -> None:
    # only a waiting application is answered; only a returned one is sent again
    assert {
        R.SUBMITTED: {R.APPROVED, R.RETURNED, R.REJECTED},
        R.RETURNED: {R.SUBMITTED},
        R.REJECTED: set(),
        R.APPROVED: set(),
    } == PROVIDER_REVIEW_STEPS


def test_returning_sends_the_reason_and_a_link_to_correct_it(
    wijk: Neighbourhood, coordinator: User
) -> None:
    # given a waiting application by someone who reads Dutch
    provider, registrant = _registered(wijk)
    registrant.preferred_language = "nl"
    registrant.save(update_fields=["preferred_language"])
    client = _client(coordinator, verified=True)
    page = client.get(_review_url(provider)).content.decode()
    assert "Ask for more information" in page
    assert "Reject" in page
    # when the coordinator returns it without a reason, nothing happens
    refused = client.post(
        _review_url(provider), {"action": "return", "return-reason": " "}
    )
    assert refused.status_code == 200
    assert 'id="id_return-reason-error"' in refused.content.decode()
    provider.refresh_from_db()
    assert provider.review_state == R.SUBMITTED
    # when with a reason
    response = client.post(
        _review_url(provider),
        {"action": "return", "return-reason": "Stuur een uittreksel van de KvK mee"},
    )
    # then the application is returned, the applicant told in Dutch with a link
    assert response.status_code == 302
    provider = Provider.objects.get(pk=provider.pk)
    assert provider.review_state == R.RETURNED
    assert provider.review_reason == "Stuur een uittreksel van de KvK mee"
    note = Notification.objects.get(
        recipient=registrant, kind="vouchers.provider_returned"
    )
    assert note.url == _application_url(provider)
    assert "Stuur een uittreksel van de KvK mee." in note.body
    assert "meer informatie" in note.subject
    assert AuditEvent.objects.filter(action="vouchers.provider_return").count() == 1
    # and the review page shows the state and offers no answer until it comes back
    page = client.get(_review_url(provider)).content.decode()
    assert "returned for more information" in page.lower()
    assert 'name="action"' not in page
    listing = client.get(REVIEW).content.decode()
    assert "Returned for more information" in listing


def test_the_applicant_corrects_a_returned_application_and_sends_it_again(
    wijk: Neighbourhood, coordinator: User
) -> None:
    # given a returned application
    provider, registrant = _registered(wijk)
    provider_return(actor=coordinator, provider=provider, reason="IBAN klopt niet")
    client = _client(registrant)
    # when the applicant opens the link from the message
    page = client.get(_application_url(provider))
    # then they see the reason and their details filled in
    html = page.content.decode()
    assert page.status_code == 200
    assert "IBAN klopt niet" in html
    assert 'value="Zaak"' in html
    # when they send it with two mistakes, both are reported and nothing changes
    before = _row(provider)
    refused = client.post(
        _application_url(provider),
        _data(wijk, name="Zaak", kvk_number="123", iban="NL00ABNA0417164300"),
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert 'href="#id_kvk_number"' in html
    assert 'href="#id_iban"' in html
    assert 'value="123"' in html
    assert _row(provider) == before
    # when they send it corrected
    response = client.post(
        _application_url(provider), _data(wijk, name="Zaak", kvk_number="87654321")
    )
    # then it waits for review again and the coordinator is told
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.review_state == R.SUBMITTED
    assert provider.kvk_number == "87654321"
    assert (
        Notification.objects.filter(
            recipient=coordinator, url=_review_url(provider)
        ).count()
        == 2
    )
    assert (
        AuditEvent.objects.filter(
            action="vouchers.provider_application_resubmit"
        ).count()
        == 1
    )


def test_rejecting_sends_the_reason_and_ends_the_application(
    wijk: Neighbourhood, coordinator: User
) -> None:
    # given
    provider, registrant = _registered(wijk)
    client = _client(coordinator, verified=True)
    # when
    response = client.post(
        _review_url(provider),
        {"action": "reject", "reject-reason": "Geen winkel in de gemeente."},
    )
    # then
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.review_state == R.REJECTED
    assert provider.approved_at is None
    note = Notification.objects.get(
        recipient=registrant, kind="vouchers.provider_rejected"
    )
    assert "Geen winkel in de gemeente." in note.body
    assert note.url == _application_url(provider)
    # the applicant reads why, and cannot change it any more
    page = _client(registrant).get(_application_url(provider)).content.decode()
    assert "Geen winkel in de gemeente." in page
    assert 'name="kvk_number"' not in page
    before = _row(provider)
    _client(registrant).post(_application_url(provider), _data(wijk, name="Zaak"))
    assert _row(provider) == before
    # and it can no longer be approved
    with pytest.raises(ValidationError) as refused:
        provider_approve(actor=coordinator, provider=provider)
    assert refused.value.code == "invalid_review_step"
    assert client.post(_review_url(provider), {"confirm": "on"}).status_code == 302
    assert _row(provider) == before


def test_only_a_coordinator_of_the_municipality_returns_or_rejects(
    wijk: Neighbourhood,
) -> None:
    provider, registrant = _registered(wijk)
    before = _row(provider)
    contact = official(neighbourhood=wijk, role=Role.CONTACT_OFFICIAL)
    for person in (registrant, contact):
        for action in ("return", "reject"):
            response = _client(person, verified=True).post(
                _review_url(provider), {"action": action, f"{action}-reason": "Nee"}
            )
            assert response.status_code == 403
    # the service refuses as well
    with pytest.raises(PermissionDenied):
        provider_reject(actor=contact, provider=provider, reason="Nee")
    assert _row(provider) == before


def test_another_person_cannot_open_or_resubmit_an_application(
    wijk: Neighbourhood, coordinator: User
) -> None:
    provider, _registrant = _registered(wijk)
    provider_return(actor=coordinator, provider=provider, reason="Meer graag")
    stranger = _resident(wijk)
    assert _client(stranger).get(_application_url(provider)).status_code == 404
    assert (
        _client(stranger).post(_application_url(provider), _data(wijk)).status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        provider_application_resubmit(actor=stranger, provider=provider, **_fields())


def _fields() -> dict[str, Any]:
    return {
        "name": "Zaak",
        "kvk_number": "12345678",
        "iban": "NL91ABNA0417164300",
        "street_address": "Straat 1",
        "postcode": "1091AB",
        "city": "Dijkstad",
    }


def test_registration_reports_every_problem_at_once(wijk: Neighbourhood) -> None:
    # given a resident who makes four mistakes in one go
    client = _client(_resident(wijk))
    data = _data(wijk, kvk_number="1234", iban="NL00ABNA0417164300", postcode="12345")
    data["categories"] = ["materials", "spaceships"]
    # when
    response = client.post(REGISTER, data)
    # then the form shows the field errors all at once, keeping what was typed
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("kvk_number", "iban", "postcode"):
        assert f'href="#id_{field}"' in html, field
    assert not Provider.objects.exists()


def test_the_registration_service_collects_its_refusals(wijk: Neighbourhood) -> None:
    with pytest.raises(ValidationError) as refused:
        provider_register(
            actor=UserFactory.create(),
            municipality=wijk.municipality,
            **{**_fields(), "name": " ", "kvk_number": "123", "iban": ""},
            categories=["spaceships"],
        )
    codes = sorted(e.code or "" for e in refused.value.error_list)
    assert codes == sorted(
        ["name_required", "iban_required", "invalid_kvk", "invalid_category"]
    )
    assert not Provider.objects.exists()
