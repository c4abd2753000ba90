"""Reads: open consultations, counts while open, the harvesting report."""

from __future__ import annotations

import datetime as dt

import pytest

from wijkvoucher.consultations.constants import HARVEST_THRESHOLD
from wijkvoucher.consultations.models import VotingLocation
from wijkvoucher.consultations.selectors import (
    ballot_count,
    consultation_with_options,
    consultations_open,
    credential_for_code,
    harvest_signals,
    turnout,
)
from wijkvoucher.consultations.services import BallotOrigin, ballot_cast
from wijkvoucher.consultations.services.ballots import user_agent_digest
from wijkvoucher.consultations.tests.helpers import (
    CLOSES,
    DURING,
    OPENS,
    at,
    budget_vote,
    on_roll,
    published,
    vote,
    wijk_with_organiser,
)

pytestmark = pytest.mark.django_db


def test_open_means_published_and_inside_the_window() -> None:
    # given a published vote and a draft
    wijk, organiser = wijk_with_organiser()
    open_vote = published(budget_vote(wijk, organiser), organiser)
    budget_vote(wijk, organiser)
    # then
    assert list(consultations_open(neighbourhood=wijk, now=DURING)) == [open_vote]
    assert list(consultations_open(neighbourhood=wijk, now=CLOSES)) == []
    assert (
        list(
            consultations_open(neighbourhood=wijk, now=OPENS - dt.timedelta(seconds=1))
        )
        == []
    )


def test_while_open_only_the_number_of_ballots_is_known() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    roll = on_roll(consultation, organiser, 3)
    for credential, _code in roll[:2]:
        vote(consultation, credential, [])
    vote(consultation, roll[0][0], [])  # a re-vote counts once
    # then
    assert ballot_count(consultation=consultation) == 2
    assert turnout(consultation=consultation) == (2, 3)
    found = consultation_with_options(pk=consultation.pk)
    assert found is not None
    assert [o.title for o in found.options.all()] == ["Plan A", "Plan B", "Plan C"]


def test_a_code_is_found_only_while_its_consultation_is_published() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    [(credential, code)] = on_roll(consultation, organiser, 1)
    # then
    assert credential_for_code(code=code) is None
    published(consultation, organiser)
    found = credential_for_code(code=code.lower().replace("-", " "))
    assert found is not None
    assert found.pk == credential.pk
    assert credential_for_code(code="not a code") is None


def test_many_ballots_from_one_network_show_up_unless_it_is_a_voting_location() -> None:
    # given eleven ballots from one browser in one /24, and eleven from a buurthuis
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    roll = on_roll(consultation, organiser, 2 * (HARVEST_THRESHOLD + 1) + 1)
    VotingLocation.objects.create(
        neighbourhood=wijk, name="Buurthuis De Dijk", network="198.51.100.0/26"
    )
    origins = [BallotOrigin("203.0.113.9", "Bot")] * (HARVEST_THRESHOLD + 1)
    origins += [BallotOrigin("198.51.100.4", "Kiosk")] * (HARVEST_THRESHOLD + 1)
    origins += [BallotOrigin("192.0.2.1", "Firefox")]
    # when
    with at(DURING):
        for (credential, _code), origin in zip(roll, origins, strict=True):
            ballot_cast(
                consultation=consultation,
                credential=credential,
                choices=[],
                channel="letter",
                origin=origin,
            )
    # then
    signals = harvest_signals(consultation=consultation)
    assert [(s.source, s.user_agent_digest, s.count) for s in signals] == [
        ("203.0.113.0/24", user_agent_digest("Bot"), HARVEST_THRESHOLD + 1)
    ]
