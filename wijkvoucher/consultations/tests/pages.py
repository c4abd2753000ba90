"""What the tests of the voting pages share: a browser on https, a published vote
with residents on the roll, and reading the receipt and the voter cookie."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from wijkvoucher.consultations.models import Consultation, Credential
from wijkvoucher.consultations.tests.helpers import (
    DURING,
    at,
    budget_vote,
    on_roll,
    published,
    wijk_with_organiser,
)
from wijkvoucher.consultations.views.voter import VOTER_COOKIE
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient

RECEIPT = re.compile(r'<output id="receipt"[^>]*>([0-9A-Z]{5}-[0-9A-Z]{5})</output>')


def browser(ip: str = "203.0.113.7") -> Client:
    return HttpsClient(REMOTE_ADDR=ip, HTTP_USER_AGENT="Testbrowser/1.0")


def ballot_url(consultation: Consultation) -> str:
    return reverse("consultations:ballot", args=[consultation.uuid])


def vote_with_roll(
    voters: int = 2, **fields: Any
) -> tuple[Consultation, list[tuple[Credential, str]]]:
    """A published budget vote (Plan A € 3.000, B € 4.000, C € 5.000 unless
    ``costs`` says otherwise) with ``voters`` residents and their codes."""
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser, **fields)
    roll = on_roll(consultation, organiser, voters)
    return published(consultation, organiser), roll


def enter_code(client: Client, code: str) -> Any:
    with at(DURING):
        return client.post(reverse("consultations:vote"), {"code": code})


def signed_in_as_voter(client: Client, code: str) -> None:
    response = enter_code(client, code)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert VOTER_COOKIE in response.cookies


def receipt_in(page: str) -> str:
    found = RECEIPT.search(page)
    assert found is not None, page[:3000]
    return found.group(1).replace("-", "")
