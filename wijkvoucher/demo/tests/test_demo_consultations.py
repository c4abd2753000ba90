"""The demo's wijkraadplegingen (issue #12): a finished budget vote with its result
and receipts, an open advisory poll on the plan waiting on an agenda, and the letter
codes and receipts that ``demo_credentials`` hands out."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.codes import receipt_normalise
from wijkvoucher.consultations.constants import (
    AgeBasis,
    ConsultationKind,
    ConsultationStatus,
)
from wijkvoucher.consultations.models import Ballot, Consultation, Credential
from wijkvoucher.consultations.selectors import ballots_published, credential_for_code
from wijkvoucher.consultations.selectors_manage import consultation_tally
from wijkvoucher.demo.votecodes import (
    ACCOUNT_VOTE_TITLE,
    BUDGET_VOTE_TITLE,
    POLL_TITLE,
)
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient

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


def _vote_from_account(
    email: str, consultation: Consultation, data: dict[str, Any]
) -> tuple[str, Any]:
    """Sign in as ``email``, start voting from the account, send ``data`` as the
    ballot: the ballot page as first shown, and the answer to sending it."""
    client = HttpsClient()
    client.force_login(User.objects.get(email=email))
    start = client.post(
        reverse("consultations:account_start", args=[consultation.uuid])
    )
    assert start.status_code == 302, start.content.decode()[:2000]
    url = reverse("consultations:ballot", args=[consultation.uuid])
    shown = client.get(url).content.decode()
    return shown, client.post(url, data)


def test_the_open_vote_without_letters_has_both_kinds_of_account_voters() -> None:
    vote = Consultation.objects.get(title=ACCOUNT_VOTE_TITLE)
    assert vote.status == ConsultationStatus.PUBLISHED
    assert vote.opens_at <= timezone.now() < vote.closes_at
    roll = Credential.objects.filter(consultation=vote)
    assert not roll.filter(code_digest__isnull=False).exists()
    assert sorted(roll.values_list("user__email", "age_basis")) == [
        ("hanneke.prins@example.nl", AgeBasis.DECLARED),
        ("sven.post@example.nl", AgeBasis.BIRTH_DATE),
    ]
    assert Ballot.objects.filter(consultation=vote).count() == 2


def test_a_demo_resident_without_a_birth_date_declares_the_age_and_votes() -> None:
    vote = Consultation.objects.get(title=ACCOUNT_VOTE_TITLE)
    first = vote.options.order_by("position").first()
    assert first is not None
    shown, sent = _vote_from_account(
        "floor.vanrijn@example.nl",
        vote,
        {"age_declared": "on", "choices": [str(first.pk)]},
    )
    assert 'name="age_declared"' in shown
    assert sent.status_code == 303
    credential = Credential.objects.get(
        consultation=vote, user__email="floor.vanrijn@example.nl"
    )
    assert credential.age_basis == AgeBasis.DECLARED


def test_a_demo_resident_on_the_register_votes_from_the_account_as_before() -> None:
    poll = Consultation.objects.get(title=POLL_TITLE)
    (option,) = poll.options.all()
    shown, sent = _vote_from_account(
        "bas.verbeek@example.nl", poll, {f"stance-{option.pk}": "support"}
    )
    assert 'name="age_declared"' not in shown
    assert sent.status_code == 303
    credential = Credential.objects.get(
        consultation=poll, user__email="bas.verbeek@example.nl"
    )
    assert credential.code_digest is not None  # the register's line
    assert credential.age_basis == AgeBasis.NONE
