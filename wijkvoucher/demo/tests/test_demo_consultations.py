"""The demo's wijkraadplegingen (issue #12): a finished budget vote with its result
and receipts, an open advisory poll on the plan waiting on an agenda, and the letter
codes and receipts that ``demo_credentials`` hands out."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.utils import timezone

import pytest

from wijkvoucher.consultations.codes import receipt_normalise
from wijkvoucher.consultations.constants import ConsultationKind, ConsultationStatus
from wijkvoucher.consultations.models import Ballot, Consultation
from wijkvoucher.consultations.selectors import ballots_published, credential_for_code
from wijkvoucher.consultations.selectors_manage import consultation_tally
from wijkvoucher.demo.votecodes import BUDGET_VOTE_TITLE, POLL_TITLE
from wijkvoucher.initiatives.constants import InitiativeStatus

pytestmark = pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")


def _credentials() -> dict[str, Any]:
    out = StringIO()
    call_command("demo_credentials", stdout=out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_the_finished_budget_vote_is_certified_with_a_result_that_recounts() -> None:
    vote = Consultation.objects.get(title=BUDGET_VOTE_TITLE)
    assert vote.kind == ConsultationKind.BUDGET_VOTE
    assert vote.status == ConsultationStatus.CERTIFIED
    assert vote.ballot_key is None
    assert not Ballot.objects.filter(consultation=vote, link__isnull=False).exists()
    result = vote.result
    assert result is not None
    assert result["rule"] == "equalshares/add1"
    assert result["selected"]
    assert 0 < result["cost"] <= result["budget"] == vote.budget_cents
    assert result["ballots"] == Ballot.objects.filter(consultation=vote).count() > 50
    # the stored result is what the published ballots count to
    assert consultation_tally(vote) == result


def test_the_open_poll_asks_about_the_plan_on_the_agenda() -> None:
    poll = Consultation.objects.get(title=POLL_TITLE)
    assert poll.kind == ConsultationKind.ADVISORY
    assert poll.status == ConsultationStatus.PUBLISHED
    assert poll.opens_at <= timezone.now() < poll.closes_at
    (option,) = poll.options.all()
    assert option.initiative is not None
    assert option.initiative.status == InitiativeStatus.IN_CONSULTATION
    assert (
        0 < Ballot.objects.filter(consultation=poll).count() < poll.credentials.count()
    )


def test_demo_credentials_hands_out_unused_codes_and_published_receipts() -> None:
    data = _credentials()
    poll = Consultation.objects.get(title=POLL_TITLE)
    assert len(data["vote_codes"]) == 10
    for code in data["vote_codes"]:
        credential = credential_for_code(code=code)
        assert credential is not None
        assert credential.consultation_id == poll.pk
        assert credential.voted_on is None
    vote = Consultation.objects.get(title=BUDGET_VOTE_TITLE)
    published = {receipt for receipt, _choices in ballots_published(consultation=vote)}
    assert len(data["vote_receipts"]) == 3
    assert {receipt_normalise(r) for r in data["vote_receipts"]} <= published
    assert data["vote_url"].endswith("/stemmen/")
