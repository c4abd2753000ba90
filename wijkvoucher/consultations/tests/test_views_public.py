"""The public pages of a consultation and voting with an account: the list, the page
while open (the number of ballots, never the choices), the result after
certification, the published ballot list with the receipt search, and the CSV and
Pabulib downloads that recount to the stored result."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.consultations.constants import BallotType
from wijkvoucher.consultations.models import Ballot, Consultation
from wijkvoucher.consultations.tests.helpers import (
    AFTER,
    DURING,
    PREPARED,
    advisory_poll,
    at,
    certified,
    on_roll,
    options_of,
    published,
    wijk_with_organiser,
)
from wijkvoucher.consultations.tests.pages import (
    ballot_url,
    browser,
    receipt_in,
    signed_in_as_voter,
    vote_with_roll,
)
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.tests.factories import InitiativeFactory
from wijkvoucher.neighbourhoods.tests.factories import AddressFactory
from wijkvoucher.tally.__main__ import main as tally_main

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


def _detail(consultation: Consultation) -> str:
    return reverse(
        "consultations:detail",
        args=[consultation.neighbourhood.slug, consultation.uuid],
    )


def _url(name: str, consultation: Consultation) -> str:
    return reverse(
        f"consultations:{name}",
        args=[consultation.neighbourhood.slug, consultation.uuid],
    )


def _votes(
    consultation: Consultation, roll: list[Any], ballots: list[Any]
) -> list[str]:
    """Each resident of ``roll`` votes ``ballots[i]`` (form data) through the pages;
    returns the receipts."""
    receipts = []
    for (_credential, code), data in zip(roll, ballots, strict=False):
        client = browser()
        signed_in_as_voter(client, code)
        with at(DURING):
            page = client.post(
                ballot_url(consultation), data, follow=True
            ).content.decode()
        receipts.append(receipt_in(page))
    return receipts


def test_while_open_the_page_shows_how_many_ballots_but_no_choices() -> None:
    consultation, roll = vote_with_roll(3)
    a, b, _c = options_of(consultation)
    _votes(consultation, roll, [{"choices": [str(a)]}, {"choices": [str(a), str(b)]}])
    with at(DURING):
        page = browser().get(_detail(consultation)).content.decode()
        listing = (
            browser()
            .get(reverse("consultations:list", args=[consultation.neighbourhood.slug]))
            .content.decode()
        )
    assert "Ballots so far" in page
    assert "<dd>2</dd>" in page
    assert "votes" not in page.lower().replace("vote with", "")
    assert reverse("consultations:vote") in page
    assert consultation.title in listing
    assert "Open now" in listing
    with at(DURING):
        assert browser().get(_url("ballots", consultation)).status_code == 404
        assert browser().get(_url("ballots_csv", consultation)).status_code == 404


def _certified_vote(
    ballot_type: str = BallotType.APPROVAL, **fields: Any
) -> tuple[Consultation, list[str], list[int]]:
    consultation, roll = vote_with_roll(4, ballot_type=ballot_type, **fields)
    a, b, c = options_of(consultation)
    ballots: list[dict[str, Any]]
    if ballot_type == BallotType.CUMULATIVE:
        ballots = [
            {f"points-{a}": "6", f"points-{b}": "4"},
            {f"points-{b}": "10"},
            {f"points-{a}": "3"},
            {},
        ]
    elif ballot_type == BallotType.ORDINAL:
        ballots = [
            {f"rank-{a}": "1", f"rank-{b}": "2"},
            {f"rank-{b}": "1"},
            {f"rank-{a}": "2", f"rank-{b}": "1"},
            {},
        ]
    else:
        ballots = [
            {"choices": [str(a), str(b)]},
            {"choices": [str(b)]},
            {"choices": [str(a)]},
            {},
        ]
    receipts = _votes(consultation, roll, ballots)
    return certified(consultation, consultation.created_by), receipts, [a, b, c]


def test_after_certification_the_result_page_shows_the_chart_table_and_rule() -> None:
    consultation, _receipts, (_a, _b, c) = _certified_vote()
    with at(AFTER):
        page = browser().get(_detail(consultation)).content.decode()
    assert 'class="result-chart"' in page
    assert "<table" in page
    assert "Down the list" in page or "most votes first" in page
    # Plan C got no vote: left out of the count, and said so
    assert consultation.result is not None
    assert consultation.result["unsupported"] == [c]
    assert "Nobody voted for these plans" in page


def test_a_voter_finds_the_receipt_in_the_published_list() -> None:
    consultation, receipts, (_a, _b, _c) = _certified_vote()
    url = _url("ballots", consultation)
    with at(AFTER):
        page = browser().get(url, {"bon": receipts[0].lower()}).content.decode()
        wrong = browser().get(url, {"bon": "00000-00000"}).content.decode()
        listing = browser().get(url).content.decode()
    assert "is in the list and was counted" in page
    assert "Plan A" in page
    assert "Plan B" in page
    assert "This receipt is not in the list" in wrong
    for receipt in receipts:
        assert f"{receipt[:5]}-{receipt[5:]}" in listing


def test_the_csv_has_one_row_per_ballot() -> None:
    consultation, receipts, (a, b, c) = _certified_vote()
    with at(AFTER):
        response = browser().get(_url("ballots_csv", consultation))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Receipt", f"Plan A [{a}]", f"Plan B [{b}]", f"Plan C [{c}]"]
    assert sorted(row[0] for row in rows[1:]) == sorted(receipts)
    chosen = {row[0]: row[1:] for row in rows[1:]}
    assert chosen[receipts[0]] == ["1", "1", "0"]
    assert chosen[receipts[3]] == ["0", "0", "0"]
    # and the columns recount to the stored votes
    assert consultation.result is not None
    recount = {
        str(option): sum(int(row[n]) for row in rows[1:])
        for n, option in enumerate((a, b, c), start=1)
    }
    assert recount == {str(k): v for k, v in consultation.result["votes"].items()}


@pytest.mark.parametrize(
    ("ballot_type", "fields"),
    [
        (BallotType.APPROVAL, {}),
        (BallotType.KNAPSACK, {"budget_cents": 800_000}),
        (BallotType.CUMULATIVE, {"points": 10}),
        (BallotType.ORDINAL, {}),
        (BallotType.APPROVAL, {"rule": "equalshares/add1"}),
    ],
)
def test_the_pabulib_file_recounts_to_the_certified_result(
    ballot_type: str, fields: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    consultation, _receipts, _ids = _certified_vote(ballot_type, **fields)
    with at(AFTER):
        response = browser().get(_url("ballots_pb", consultation))
    assert response.status_code == 200
    path = tmp_path / "ballots.pb"
    path.write_bytes(response.content)
    capsys.readouterr()
    assert tally_main([str(path)]) == 0
    recount = json.loads(capsys.readouterr().out)
    result = consultation.result
    assert result is not None
    assert [int(i) for i in recount["selected"]] == result["selected"]
    assert round(recount["cost"] * 100) == result["cost"]
    assert recount["rule"] == result["rule"]


# --- Voting with an account ---------------------------------------------------------


def _resident(consultation: Consultation, *, confirmed: bool, number: int = 40) -> Any:
    user = UserFactory.create(full_name="Anna de Vries")
    AddressFactory(
        user=user,
        postcode="1000AB",
        house_number=number,
        neighbourhood=consultation.neighbourhood,
        residency_confirmed_at=timezone.now() if confirmed else None,
    )
    return user


def test_a_confirmed_resident_votes_with_the_account() -> None:
    consultation, _roll = vote_with_roll(0)
    user = _resident(consultation, confirmed=True)
    a, _b, _c = options_of(consultation)
    client = browser()
    client.force_login(user)
    with at(DURING):
        page = client.get(_detail(consultation)).content.decode()
        assert reverse("consultations:account_start", args=[consultation.uuid]) in page
        start = client.post(
            reverse("consultations:account_start", args=[consultation.uuid])
        )
        assert start.status_code == 302
        assert start["Location"] == ballot_url(consultation)
        # no register and no birth date recorded: the ballot asks for the age
        assert 'name="age_declared"' in client.get(ballot_url(consultation)).text
        receipt = client.post(
            ballot_url(consultation),
            {"age_declared": "on", "choices": [str(a)]},
            follow=True,
        )
    assert receipt_in(receipt.content.decode())
    ballot = Ballot.objects.get(consultation=consultation)
    assert ballot.channel == "account"
    # signed out, the account's cookie no longer votes
    client.logout()
    with at(DURING):
        assert client.get(ballot_url(consultation)).status_code == 403


def test_an_unconfirmed_resident_is_told_why_and_pointed_to_the_letter() -> None:
    consultation, _roll = vote_with_roll(0)
    user = _resident(consultation, confirmed=False)
    client = browser()
    client.force_login(user)
    with at(DURING):
        page = client.get(_detail(consultation)).content.decode()
        refused = client.post(
            reverse("consultations:account_start", args=[consultation.uuid])
        )
    assert "has not yet confirmed that you live in this wijk" in page
    assert reverse("consultations:account_start", args=[consultation.uuid]) not in page
    assert refused.status_code == 403
    assert "the code from the letter" in refused.content.decode()
    assert not Ballot.objects.exists()


def test_a_resident_not_on_the_register_is_sent_to_the_letter() -> None:
    consultation, _roll = vote_with_roll(2)  # a register: Bewoner 1 and 2
    user = _resident(consultation, confirmed=True, number=40)
    client = browser()
    client.force_login(user)
    with at(DURING):
        refused = client.post(
            reverse("consultations:account_start", args=[consultation.uuid])
        )
    assert refused.status_code == 403
    assert "Use the code from the letter" in refused.content.decode()


def test_a_certified_poll_shows_the_stances_and_comments() -> None:
    wijk, organiser = wijk_with_organiser()
    with at(PREPARED):
        plans = [
            InitiativeFactory.create(
                neighbourhood=wijk, status=InitiativeStatus.ON_AGENDA, title=title
            )
            for title in ("Moestuin", "Speelplek")
        ]
    poll = advisory_poll(wijk, organiser, plans)
    roll = on_roll(poll, organiser, 2)
    poll = published(poll, organiser)
    first, second = options_of(poll)
    _votes(
        poll,
        roll,
        [
            {f"stance-{first}": "support", f"comment-{first}": "=Mooi plan"},
            {f"stance-{first}": "oppose", f"stance-{second}": "neutral"},
        ],
    )
    poll = certified(poll, organiser)
    with at(AFTER):
        page = browser().get(_detail(poll)).content.decode()
        rows = list(
            csv.reader(
                io.StringIO(browser().get(_url("ballots_csv", poll)).content.decode())
            )
        )
        assert browser().get(_url("ballots_pb", poll)).status_code == 404
    assert "What the wijk thinks of each plan (2 ballots)" in page
    assert "=Mooi plan" in page
    assert rows[0][1:] == [
        f"Moestuin [{first}]",
        f"Moestuin [{first}]: comment",
        f"Speelplek [{second}]",
        f"Speelplek [{second}]: comment",
    ]
    # a comment is never a formula in a spreadsheet
    assert ["support", "'=Mooi plan", "", ""] in [row[1:] for row in rows[1:]]
