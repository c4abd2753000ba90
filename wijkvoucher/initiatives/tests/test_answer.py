"""The initiator answers an information request: the service and the page."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative, StatusChange
from wijkvoucher.initiatives.services import initiative_request_information
from wijkvoucher.initiatives.services.answers import (
    ANSWER_MAX_LENGTH,
    initiative_answer_information,
)
from wijkvoucher.initiatives.tests.factories import initiative_in
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day, sign_in

S = InitiativeStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _asked() -> Initiative:
    initiative = initiative_in(S.SUBMITTED)
    assert initiative.contact_official is not None
    initiative_request_information(
        actor=initiative.contact_official,
        initiative=initiative,
        message="Welke hovenier gaat de planten leveren?",
    )
    initiative.refresh_from_db()
    return initiative


def test_answer_sends_the_plan_back_with_the_answer_on_the_timeline() -> None:
    initiative = _asked()
    change = initiative_answer_information(
        actor=initiative.initiator,
        initiative=initiative,
        answer="  De buurvrouw van nummer 12 doet ook mee.  ",
    )
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED
    assert initiative.clock_paused_on is None
    assert change.from_status == S.INFORMATION_REQUESTED
    assert change.to_status == S.SUBMITTED
    assert change.actor == initiative.initiator
    assert change.motivation == "De buurvrouw van nummer 12 doet ook mee."


@pytest.mark.parametrize(
    ("answer", "code"),
    [("   ", "answer_required"), ("x" * (ANSWER_MAX_LENGTH + 1), "answer_too_long")],
)
def test_an_empty_or_too_long_answer_changes_nothing(answer: str, code: str) -> None:
    initiative = _asked()
    before = snapshot(initiative)
    with pytest.raises(ValidationError) as refused:
        initiative_answer_information(
            actor=initiative.initiator, initiative=initiative, answer=answer
        )
    assert refused.value.code == code
    assert snapshot(initiative) == before


def test_only_the_initiator_answers() -> None:
    initiative = _asked()
    before = snapshot(initiative)
    stranger: User = UserFactory()  # type: ignore[assignment]
    assert initiative.contact_official is not None
    outsiders = [stranger, initiative.contact_official]
    for outsider in outsiders:
        with pytest.raises(PermissionDenied):
            initiative_answer_information(
                actor=outsider, initiative=initiative, answer="Antwoord"
            )
    assert snapshot(initiative) == before


def test_no_answer_when_nothing_is_asked() -> None:
    initiative = initiative_in(S.SUBMITTED)
    before = snapshot(initiative)
    with pytest.raises(ValidationError) as refused:
        initiative_answer_information(
            actor=initiative.initiator, initiative=initiative, answer="Antwoord"
        )
    assert refused.value.code == "no_information_requested"
    assert snapshot(initiative) == before


def test_page_shows_the_question_and_takes_the_answer() -> None:
    initiative = _asked()
    question = initiative.status_changes.get(to_status=S.INFORMATION_REQUESTED)
    client = HttpsClient()
    sign_in(client, initiative.initiator)
    url = reverse("initiatives:plan_answer", args=[initiative.uuid])
    page = client.get(url)
    assert page.status_code == 200
    assert "Welke hovenier gaat de planten leveren?" in page.content.decode()
    assert question.motivation.startswith("Welke hovenier")

    response = client.post(url, {"answer": "Hier is de offerte van de hovenier."})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "initiatives:plan_detail", args=[initiative.uuid]
    )
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED


def test_page_refusal_keeps_nothing_changed_and_shows_the_error() -> None:
    initiative = _asked()
    client = HttpsClient()
    sign_in(client, initiative.initiator)
    url = reverse("initiatives:plan_answer", args=[initiative.uuid])
    changes = StatusChange.objects.count()
    response = client.post(url, {"answer": ""})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert StatusChange.objects.count() == changes


def test_page_sends_back_when_nothing_is_asked() -> None:
    initiative = initiative_in(S.SUBMITTED)
    client = HttpsClient()
    sign_in(client, initiative.initiator)
    response = client.get(reverse("initiatives:plan_answer", args=[initiative.uuid]))
    assert response.status_code == 302
