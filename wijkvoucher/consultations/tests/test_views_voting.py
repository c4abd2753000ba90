"""Voting with an official: assisted at a voting location, paper ballots typed in by
two officials, and the harvesting report."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="arg-type"
import datetime as dt

import pytest

from wijkvoucher.consultations.models import Ballot, BallotSource, PaperEntry
from wijkvoucher.consultations.services import BallotOrigin, ballot_cast
from wijkvoucher.consultations.tests.factories import CredentialFactory
from wijkvoucher.consultations.tests.helpers import (
    AFTER,
    DURING,
    PREPARED,
    at,
    budget_vote,
    on_roll,
    options_of,
    published,
    snapshot,
    wijk_with_organiser,
)
from wijkvoucher.consultations.tests.pages_manage import client_for, page, url
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.helpers import official

pytestmark = pytest.mark.django_db


def _open_vote(count: int = 2):  # type: ignore[no-untyped-def]
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    roll = on_roll(consultation, organiser, count)
    published(consultation, organiser)
    return wijk, organiser, consultation, roll


# --- Assisted ------------------------------------------------------------------------


def test_an_official_looks_a_voter_up_by_code_and_casts_an_assisted_ballot() -> None:
    # given an open vote and a resident with their letter at the buurthuis
    _wijk, organiser, consultation, roll = _open_vote()
    credential, code = roll[0]
    first = options_of(consultation)[0]
    with at(DURING):
        client = client_for(organiser)
        # when the official types the code (lower case, without dashes)
        found = client.post(
            url("assisted", consultation), {"code": code.replace("-", "").lower()}
        )
        token = found.context["token"]
        # and fills in the ballot after checking the ID
        done = client.post(
            url("assisted", consultation),
            {"voter": token, "id_checked": "on", "chosen": [str(first)]},
            REMOTE_ADDR="192.0.2.10",
        )
    # then the ballot is cast as assisted, and the receipt shown once
    assert found.context["voter"] == credential
    assert done.status_code == 200
    assert done["Cache-Control"] == "no-store"
    ballot = Ballot.objects.get(consultation=consultation)
    assert (ballot.channel, ballot.choices) == ("assisted", [first])
    assert done.context["receipt"].replace("-", "") == ballot.receipt
    credential.refresh_from_db()
    assert credential.voted_on == DURING.date()


def test_the_voter_is_found_by_address_and_name() -> None:
    _wijk, organiser, consultation, roll = _open_vote()
    with at(DURING):
        found = client_for(organiser).post(
            url("assisted", consultation),
            {"postcode": "1000 AB", "house_number": "2", "name": "BEWONER 2"},
        )
    assert found.context["voter"] == roll[1][0]


def test_without_the_id_check_nothing_is_cast_and_the_choices_stay() -> None:
    _wijk, organiser, consultation, roll = _open_vote()
    first = options_of(consultation)[0]
    before = snapshot()
    with at(DURING):
        client = client_for(organiser)
        token = client.post(
            url("assisted", consultation), {"code": roll[0][1]}
        ).context["token"]
        response = client.post(
            url("assisted", consultation), {"voter": token, "chosen": [str(first)]}
        )
    assert response.status_code == 200
    assert "id_checked" in response.context["form"].errors
    assert response.context["form"]["chosen"].value() == [str(first)]
    assert snapshot() == before


def test_a_ballot_over_the_budget_is_refused_at_the_desk() -> None:
    # given a knapsack ballot where two options together exceed the budget
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(
        wijk, organiser, ballot_type="knapsack", costs=(600_000, 500_000)
    )
    [(_credential, code)] = on_roll(consultation, organiser, 1)
    published(consultation, organiser)
    before = snapshot()
    with at(DURING):
        client = client_for(organiser)
        token = client.post(url("assisted", consultation), {"code": code}).context[
            "token"
        ]
        response = client.post(
            url("assisted", consultation),
            {
                "voter": token,
                "id_checked": "on",
                "chosen": [str(o) for o in options_of(consultation)],
            },
        )
    assert response.context["form"].non_field_errors()
    assert snapshot() == before


def test_a_token_of_another_official_is_not_accepted() -> None:
    wijk, organiser, consultation, roll = _open_vote()
    colleague = official(neighbourhood=wijk)
    with at(DURING):
        token = (
            client_for(organiser)
            .post(url("assisted", consultation), {"code": roll[0][1]})
            .context["token"]
        )
        response = client_for(colleague).post(
            url("assisted", consultation),
            {"voter": token, "id_checked": "on", "chosen": []},
        )
    assert response.context["expired"] is True
    assert not Ballot.objects.exists()


def test_assisted_voting_only_while_the_vote_is_open() -> None:
    _wijk, organiser, consultation, roll = _open_vote()
    with at(AFTER):
        response = client_for(organiser).post(
            url("assisted", consultation), {"code": roll[0][1]}
        )
    assert response.context["accepting"] is False
    assert "form" not in response.context


def test_a_chair_organises_but_does_not_help_at_the_desk() -> None:
    wijk, _organiser, consultation, _roll = _open_vote()
    chair = official(neighbourhood=wijk, role=Role.STEERING_CHAIR)
    with at(DURING):
        client = client_for(chair)
        assert client.get(url("assisted", consultation)).status_code == 403
        assert client.get(url("paper", consultation)).status_code == 403


# --- Paper ---------------------------------------------------------------------------


def test_two_officials_agree_and_the_paper_ballot_counts() -> None:
    # given
    wijk, organiser, consultation, roll = _open_vote()
    colleague = official(neighbourhood=wijk, role=Role.COORDINATOR)
    code = roll[0][1]
    first = str(options_of(consultation)[0])
    entry = {"code": code, "chosen": [first]}
    with at(DURING):
        # when the first official types it in
        one = client_for(organiser).post(url("paper", consultation), entry)
        assert not Ballot.objects.exists()
        # and a second official types the same
        two = client_for(colleague).post(url("paper", consultation), entry)
    # then the second entry casts one paper ballot
    assert one.context["first"] is True
    assert two.context["counted"] is True
    ballot = Ballot.objects.get()
    assert (ballot.channel, ballot.choices) == ("paper", [int(first)])
    assert PaperEntry.objects.filter(matched=True).count() == 2


def test_a_differing_second_entry_is_shown_and_nothing_is_cast() -> None:
    wijk, organiser, consultation, roll = _open_vote()
    colleague = official(neighbourhood=wijk)
    code = roll[0][1]
    first, second = (str(o) for o in options_of(consultation)[:2])
    with at(DURING):
        client_for(organiser).post(
            url("paper", consultation), {"code": code, "chosen": [first]}
        )
        response = client_for(colleague).post(
            url("paper", consultation), {"code": code, "chosen": [second]}
        )
    assert response.context["differs"] is True
    assert response.context["message"]
    assert 'role="alert"' in page(response)
    assert not Ballot.objects.exists()
    assert PaperEntry.objects.filter(matched=False).count() == 2


def test_one_official_cannot_type_a_ballot_twice() -> None:
    _wijk, organiser, consultation, roll = _open_vote()
    entry = {"code": roll[0][1], "chosen": [str(options_of(consultation)[0])]}
    with at(DURING):
        client = client_for(organiser)
        client.post(url("paper", consultation), entry)
        before = snapshot()
        again = client.post(url("paper", consultation), entry)
    assert "code" in again.context["form"].errors
    assert snapshot() == before
    assert not Ballot.objects.exists()


def test_an_unknown_code_is_refused_at_the_code() -> None:
    _wijk, organiser, consultation, _roll = _open_vote()
    with at(DURING):
        response = client_for(organiser).post(
            url("paper", consultation), {"code": "0000-0000-00000", "chosen": []}
        )
    assert "code" in response.context["form"].errors
    assert not PaperEntry.objects.exists()


# --- Harvesting report ---------------------------------------------------------------


def test_the_report_flags_25_ballots_from_one_network_and_not_5() -> None:
    # given 25 ballots from one /24 with one browser, and 5 from another
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    published(consultation, organiser)
    first = options_of(consultation)[0]
    origins = [BallotOrigin(f"198.51.100.{n}", "Harvester/1.0") for n in range(25)]
    origins += [BallotOrigin(f"203.0.113.{n}", "Firefox") for n in range(5)]
    with at(DURING):
        for origin in origins:
            ballot_cast(
                consultation=consultation,
                credential=CredentialFactory(consultation=consultation),
                choices=[first],
                channel="letter",
                origin=origin,
            )
        member = official(neighbourhood=wijk, role=Role.STEERING_MEMBER)
        response = client_for(member).get(url("harvest", consultation))
    # then only the first network is listed
    assert response.status_code == 200
    signals = response.context["signals"]
    assert [(s.source, s.count) for s in signals] == [("198.51.100.0/24", 25)]
    assert "198.51.100.0/24" in page(response)
    assert "203.0.113.0/24" not in page(response)
    assert BallotSource.objects.get(source="203.0.113.0/24").count == 5
    assert signals[0].hour == dt.datetime(
        DURING.year, DURING.month, DURING.day, DURING.hour, tzinfo=DURING.tzinfo
    )


def test_the_report_passes_over_a_registered_voting_location() -> None:
    from wijkvoucher.consultations.models import VotingLocation

    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    published(consultation, organiser)
    VotingLocation.objects.create(
        neighbourhood=wijk,
        municipality=wijk.municipality,
        name="Buurthuis De Schakel",
        network="198.51.100.0/24",
    )
    first = options_of(consultation)[0]
    with at(DURING):
        for n in range(25):
            ballot_cast(
                consultation=consultation,
                credential=CredentialFactory(consultation=consultation),
                choices=[first],
                channel="letter",
                origin=BallotOrigin(f"198.51.100.{n}", "Kiosk"),
            )
        response = client_for(organiser).get(url("harvest", consultation))
    assert response.context["signals"] == []


def test_nothing_to_do_before_publication() -> None:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    with at(PREPARED):
        response = client_for(organiser).get(url("paper", consultation))
    assert response.context["accepting"] is False
