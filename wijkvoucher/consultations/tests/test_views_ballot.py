"""The voter's pages: the code, the letter's QR link, the limit on wrong codes, every
ballot type through the client (refusals store nothing and keep what was typed),
re-voting, the window in server time, and the receipt."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.consultations.codes import code_normalise
from wijkvoucher.consultations.constants import BallotType
from wijkvoucher.consultations.models import (
    Ballot,
    Consultation,
    ConsultationOption,
    VotingLocation,
)
from wijkvoucher.consultations.selectors import ballot_options, consultation_for_ballot
from wijkvoucher.consultations.services import consultation_cancel
from wijkvoucher.consultations.tests.helpers import (
    CLOSES,
    DURING,
    OPENS,
    PREPARED,
    advisory_poll,
    at,
    budget_vote,
    on_roll,
    options_of,
    published,
    snapshot,
    wijk_with_organiser,
)
from wijkvoucher.consultations.tests.pages import (
    ballot_url,
    browser,
    enter_code,
    receipt_in,
    signed_in_as_voter,
    vote_with_roll,
)
from wijkvoucher.consultations.views.voter import VOTER_COOKIE
from wijkvoucher.core.models import SecurityEvent
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.tests.factories import InitiativeFactory
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import RoleAssignment
from wijkvoucher.neighbourhoods.tests.factories import RoleAssignmentFactory
from wijkvoucher.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


def _cast(
    client: Client,
    consultation: Consultation,
    data: dict[str, Any],
    when: dt.datetime = DURING,
) -> Any:
    with at(when):
        return client.post(ballot_url(consultation), data, follow=True)


def _ballots(consultation: Consultation) -> list[Any]:
    return list(
        Ballot.objects.filter(consultation=consultation).values_list(
            "choices", flat=True
        )
    )


# --- The code ------------------------------------------------------------------


def test_the_code_page_asks_for_the_code_with_help() -> None:
    page = browser().get(reverse("consultations:vote")).content.decode()
    assert 'name="code"' in page
    assert 'autocomplete="one-time-code"' in page
    assert "7K3M-Q9TX-4HR2W" in page  # the example in the hint


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code,
        lambda code: code.lower(),
        lambda code: " ".join(code.replace("-", "")),
        lambda code: code.replace("0", "O").replace("1", "l"),
    ],
)
def test_a_right_code_leads_to_the_ballot_however_typed(typed: Any) -> None:
    consultation, roll = vote_with_roll(1)
    client = browser()
    response = enter_code(client, typed(roll[0][1]))
    assert response.status_code == 302
    assert response["Location"] == ballot_url(consultation)
    # the cookie carries the voter, not the code
    cookie = response.cookies[VOTER_COOKIE]
    raw = code_normalise(roll[0][1])
    assert raw is not None
    assert raw not in cookie.value
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"]
    assert cookie["path"] == "/stemmen/"


@pytest.mark.parametrize("typed", ["ABCD-EFGH-JKMNP", "hello", "1234"])
def test_a_wrong_code_gets_a_plain_error_and_keeps_what_was_typed(typed: str) -> None:
    vote_with_roll(1)
    before = snapshot()
    response = enter_code(browser(), typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please check the following" in page
    assert f'value="{typed}"' in page
    assert 'aria-invalid="true"' in page
    assert VOTER_COOKIE not in response.cookies
    assert snapshot() == before


def test_the_eleventh_wrong_code_from_one_session_is_refused_with_429() -> None:
    _consultation, roll = vote_with_roll(1)
    client = browser()
    answers = [enter_code(client, "ABCD-EFGH-JKMN0").status_code for _ in range(11)]
    assert answers == [200] * 10 + [429]
    # the right code does not get through this session any more
    assert enter_code(client, roll[0][1]).status_code == 429
    # another browser still gets in
    assert enter_code(browser(), roll[0][1]).status_code == 302


def test_a_right_code_costs_the_same_lookup_as_a_wrong_one(
    django_assert_num_queries: Any,
) -> None:
    _consultation, roll = vote_with_roll(1)
    client = browser()
    enter_code(client, "ABCD-EFGH-JKMN0")  # a session exists from here on
    counts = []
    for typed in (roll[0][1], "ABCD-EFGH-JKMN1", "no code"):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            enter_code(client, typed)
        lookups = [q for q in queries if "consultations_credential" in q["sql"]]
        counts.append(len(lookups))
    assert counts == [1, 1, 1]


def test_many_wrong_codes_from_one_address_are_limited_outside_a_voting_location(
    settings: Any,
) -> None:
    settings.VOTE_CODE_RATE_PER_IP = "5/15m"
    _consultation, roll = vote_with_roll(1)
    answers = [
        enter_code(browser("198.51.100.9"), "ABCD-EFGH-JKMN0").status_code
        for _ in range(6)
    ]
    assert answers == [200] * 5 + [429]
    assert enter_code(browser("198.51.100.9"), roll[0][1]).status_code == 429


def test_at_a_voting_location_the_address_is_not_limited_but_the_session_is(
    settings: Any,
) -> None:
    settings.VOTE_CODE_RATE_PER_IP = "5/15m"
    consultation, roll = vote_with_roll(1)
    VotingLocation.objects.create(
        neighbourhood=consultation.neighbourhood,
        name="Buurthuis De Kern",
        network="192.0.2.0/24",
    )
    helper = browser("192.0.2.10")
    # one session at the buurthuis types 11 wrong codes: the 11th is refused
    answers = [enter_code(helper, "ABCD-EFGH-JKMN0").status_code for _ in range(11)]
    assert answers == [200] * 10 + [429]
    # other residents at the buurthuis (same address, far above its limit of 5)
    for _ in range(6):
        assert enter_code(browser("192.0.2.10"), "ABCD-EFGH-JKMN0").status_code == 200
    # and a right code from there still works
    assert enter_code(browser("192.0.2.10"), roll[0][1]).status_code == 302


# --- The QR link ---------------------------------------------------------------


def test_the_qr_link_shows_a_button_and_changes_nothing() -> None:
    _consultation, roll = vote_with_roll(1)
    url = reverse("consultations:vote_link", args=[roll[0][1]])
    before = snapshot()
    with at(DURING):
        response = browser().get(url)
    assert response.status_code == 200
    assert VOTER_COOKIE not in response.cookies
    assert not response.cookies.get("sessionid")
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert '<form method="post"' in page
    assert snapshot() == before


def test_the_qr_links_button_goes_to_the_ballot_without_the_code_in_the_address() -> (
    None
):
    consultation, roll = vote_with_roll(1)
    client = browser()
    url = reverse("consultations:vote_link", args=[roll[0][1]])
    with at(DURING):
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"] == ballot_url(consultation)
        page = client.get(response["Location"]).content.decode()
    assert roll[0][1] not in page
    assert 'name="choices"' in page


def test_a_wrong_qr_link_shows_the_code_form_with_the_error() -> None:
    vote_with_roll(1)
    with at(DURING):
        response = browser().post(
            reverse("consultations:vote_link", args=["ABCD-EFGH-JKMN0"])
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="ABCD-EFGH-JKMN0"' in page
    assert "We do not know this code" in page


# --- The ballot ------------------------------------------------------------------


def test_without_a_code_the_ballot_asks_for_one() -> None:
    consultation, _roll = vote_with_roll(1)
    with at(DURING):
        response = browser().get(ballot_url(consultation))
    assert response.status_code == 403
    assert reverse("consultations:vote") in response.content.decode()


def test_an_approval_ballot_is_cast_and_answered_with_the_receipt() -> None:
    consultation, roll = vote_with_roll(1, max_choices=2)
    a, _b, c = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    with at(DURING):
        page = client.get(ballot_url(consultation)).content.decode()
    assert "Choose at most 2 plans." in page
    assert page.count('name="choices"') == 3
    with at(DURING):
        sent = client.post(ballot_url(consultation), {"choices": [str(a), str(c)]})
        # The receipt page is a redirect away (reloading it sends nothing again), and
        # the receipt travels in a signed cookie, never in the address.
        assert sent.status_code == 303
        assert sent["Location"] == reverse(
            "consultations:receipt", args=[consultation.uuid]
        )
        response = client.get(sent["Location"])
        again = client.get(sent["Location"]).content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    receipt = receipt_in(response.content.decode())
    ballot = Ballot.objects.get(consultation=consultation)
    assert ballot.receipt == receipt
    assert ballot.choices == [a, c]
    assert ballot.channel == "letter"
    assert "Change my vote" in response.content.decode()
    # Shown once: the second look shows no receipt, and says why.
    assert receipt not in again.replace("-", "")
    assert 'id="receipt"' not in again
    assert "cannot be shown again" in again


def test_too_many_plans_are_refused_and_the_ticks_kept() -> None:
    consultation, roll = vote_with_roll(1, max_choices=2)
    a, b, c = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    before = snapshot()
    response = _cast(client, consultation, {"choices": [str(a), str(b), str(c)]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose at most 2 plans." in page
    assert 'href="#choices"' in page  # the summary links to the group
    assert page.count("checked") == 3
    assert snapshot() == before


def test_a_knapsack_ballot_over_the_budget_is_refused_and_the_ticks_kept() -> None:
    consultation, roll = vote_with_roll(
        1,
        ballot_type=BallotType.KNAPSACK,
        costs=(300_000, 400_000, 500_000),
        budget_cents=800_000,
    )
    a, b, c = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    with at(DURING):
        page = client.get(ballot_url(consultation)).content.decode()
    assert "ballot-total.js" in page
    assert 'data-cost="300000"' in page
    before = snapshot()
    refused = _cast(client, consultation, {"choices": [str(b), str(c)]})
    text = refused.content.decode()
    assert "more than the budget" in text
    assert "€\xa09.000" in text  # the running total as sent
    assert text.count(" checked") == 2
    assert snapshot() == before
    accepted = _cast(client, consultation, {"choices": [str(a), str(c)]})
    assert receipt_in(accepted.content.decode())
    assert _ballots(consultation) == [[a, c]]


def test_a_cumulative_ballot_keeps_the_points_typed_when_refused() -> None:
    consultation, roll = vote_with_roll(
        1, ballot_type=BallotType.CUMULATIVE, points=10, rule="greedy"
    )
    a, b, c = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    before = snapshot()
    refused = _cast(
        client,
        consultation,
        {f"points-{a}": "7", f"points-{b}": "5", f"points-{c}": ""},
    )
    text = refused.content.decode()
    assert "You gave 12 points; you have 10 to divide." in text
    assert 'value="7"' in text
    assert 'value="5"' in text
    assert snapshot() == before
    negative = _cast(client, consultation, {f"points-{a}": "-1"})
    assert 'aria-invalid="true"' in negative.content.decode()
    assert snapshot() == before
    _cast(client, consultation, {f"points-{a}": "6", f"points-{c}": "4"})
    assert _ballots(consultation) == [{str(a): 6, str(c): 4}]


def test_an_ordinal_ballot_stores_the_order_and_refuses_a_place_twice() -> None:
    consultation, roll = vote_with_roll(
        1, ballot_type=BallotType.ORDINAL, max_choices=2
    )
    a, b, c = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    with at(DURING):
        page = client.get(ballot_url(consultation)).content.decode()
    assert page.count("<select") == 3
    assert '<option value="3">' not in page  # two places to give
    before = snapshot()
    refused = _cast(client, consultation, {f"rank-{a}": "1", f"rank-{c}": "1"})
    assert "Give each place only once" in refused.content.decode()
    assert snapshot() == before
    _cast(client, consultation, {f"rank-{a}": "2", f"rank-{c}": "1", f"rank-{b}": ""})
    assert _ballots(consultation) == [[c, a]]


def _poll() -> tuple[Consultation, list[Any]]:
    wijk, organiser = wijk_with_organiser()
    with at(PREPARED):
        plans = [
            InitiativeFactory.create(
                neighbourhood=wijk, status=InitiativeStatus.ON_AGENDA, title=title
            )
            for title in ("Moestuin", "Speelplek")
        ]
    consultation = advisory_poll(wijk, organiser, plans)
    roll = on_roll(consultation, organiser, 1)
    return published(consultation, organiser), roll


def test_an_advisory_poll_takes_stances_and_comments() -> None:
    consultation, roll = _poll()
    first, second = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    with at(DURING):
        page = client.get(ballot_url(consultation)).content.decode()
    assert page.count('type="radio"') == 6
    assert "<legend" in page
    before = snapshot()
    refused = _cast(
        client,
        consultation,
        {f"comment-{first}": "x" * 1001, f"stance-{second}": "support"},
    )
    text = refused.content.decode()
    assert refused.status_code == 200
    assert "Please check the following" in text
    assert 'value="support" ' in text
    assert "checked" in text
    assert snapshot() == before
    _cast(
        client,
        consultation,
        {
            f"stance-{first}": "oppose",
            f"comment-{first}": "Te duur.",
            f"stance-{second}": "support",
        },
    )
    assert _ballots(consultation) == [
        {
            str(first): {"stance": "oppose", "comment": "Te duur."},
            str(second): {"stance": "support", "comment": ""},
        }
    ]


def test_a_comment_without_a_stance_is_refused() -> None:
    consultation, roll = _poll()
    first, _second = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    before = snapshot()
    refused = _cast(client, consultation, {f"comment-{first}": "Goed plan"})
    assert "to send a comment" in refused.content.decode()
    assert "Goed plan" in refused.content.decode()
    assert snapshot() == before


def test_voting_again_replaces_the_ballot_and_gives_a_new_receipt() -> None:
    consultation, roll = vote_with_roll(1)
    a, b, _c = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    first = receipt_in(
        _cast(client, consultation, {"choices": [str(a)]}).content.decode()
    )
    with at(DURING):
        page = client.get(ballot_url(consultation)).content.decode()
    assert "You already voted on" in page
    assert " checked" not in page  # the earlier choices are not shown
    second = receipt_in(
        _cast(client, consultation, {"choices": [str(b)]}).content.decode()
    )
    assert first != second
    assert list(
        Ballot.objects.filter(consultation=consultation).values_list(
            "receipt", "choices"
        )
    ) == [(second, [b])]


def test_a_ballot_one_second_after_closing_is_refused() -> None:
    consultation, roll = vote_with_roll(1)
    a, _b, _c = options_of(consultation)
    client = browser()
    with at(CLOSES - dt.timedelta(minutes=10)):
        client.post(reverse("consultations:vote"), {"code": roll[0][1]})
        assert client.get(ballot_url(consultation)).status_code == 200
    before = snapshot()
    late = CLOSES + dt.timedelta(seconds=1)
    response = _cast(client, consultation, {"choices": [str(a)]}, when=late)
    assert response.status_code == 409
    assert "Your vote was not counted" in response.content.decode()
    assert snapshot() == before
    # and the page is no form any more
    with at(late):
        page = client.get(ballot_url(consultation)).content.decode()
    assert "Voting has closed" in page
    assert 'name="choices"' not in page


def test_before_opening_the_ballot_page_says_when_voting_starts() -> None:
    consultation, roll = vote_with_roll(1)
    client = browser()
    with at(OPENS - dt.timedelta(minutes=5)):
        assert (
            client.post(reverse("consultations:vote"), {"code": roll[0][1]}).status_code
            == 302
        )
        page = client.get(ballot_url(consultation)).content.decode()
        refused = client.post(ballot_url(consultation), {"choices": []})
    assert "Voting has not started yet" in page
    assert 'name="choices"' not in page
    assert refused.status_code == 409
    assert not Ballot.objects.exists()


def test_the_voter_cookie_of_one_consultation_does_not_open_another() -> None:
    consultation, roll = vote_with_roll(1)
    wijk = consultation.neighbourhood
    other = published(
        budget_vote(wijk, consultation.created_by), consultation.created_by
    )
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    with at(DURING):
        assert client.get(ballot_url(other)).status_code == 403
        assert client.post(ballot_url(other), {"choices": []}).status_code == 403
    assert not Ballot.objects.exists()


def test_a_tampered_cookie_is_refused() -> None:
    consultation, roll = vote_with_roll(2)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    value = client.cookies[VOTER_COOKIE].value
    parts = value.split(":")
    parts[1] = str(roll[1][0].pk)
    client.cookies[VOTER_COOKIE] = ":".join(parts)
    with at(DURING):
        assert client.post(ballot_url(consultation), {"choices": []}).status_code == 403
    assert not Ballot.objects.exists()


def test_the_phone_path_takes_three_page_loads() -> None:
    """Letter link (one button) → ballot → receipt: three pages the phone shows; a
    redirect (after the button, after sending the ballot) is followed by its page and
    counts once."""
    consultation, roll = vote_with_roll(1)
    a, _b, _c = options_of(consultation)
    client = browser()
    loads = []
    with at(DURING):
        link = reverse("consultations:vote_link", args=[roll[0][1]])
        assert client.get(link).status_code == 200
        loads.append(link)
        redirect = client.post(link)
        assert redirect.status_code == 302
        assert client.get(redirect["Location"]).status_code == 200
        loads.append(redirect["Location"])
        sent = client.post(redirect["Location"], {"choices": [str(a)]})
        assert sent.status_code == 303
        receipt = client.get(sent["Location"])
        assert receipt.status_code == 200
        loads.append(sent["Location"])
    assert receipt_in(receipt.content.decode())
    assert len(loads) == 3


def test_the_ballot_page_runs_a_few_queries_however_many_options(
    django_assert_max_num_queries: Any,
) -> None:
    consultation, roll = vote_with_roll(1, costs=[100_000] * 12, budget_cents=2_000_000)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    ids = options_of(consultation)
    with at(DURING):
        with django_assert_max_num_queries(3):
            assert client.get(ballot_url(consultation)).status_code == 200
        with django_assert_max_num_queries(7):
            sent = client.post(
                ballot_url(consultation), {"choices": [str(i) for i in ids[:5]]}
            )
        assert sent.status_code == 303
        with django_assert_max_num_queries(2):
            response = client.get(sent["Location"])
    assert receipt_in(response.content.decode())


def test_the_ballot_pages_plain_sql_reads_what_the_orm_reads() -> None:
    consultation, _roll = vote_with_roll(1, ballot_type=BallotType.KNAPSACK)
    found = consultation_for_ballot(uuid=consultation.uuid)
    assert found is not None
    orm = Consultation.objects.select_related("neighbourhood").get(pk=consultation.pk)
    fields = [f.attname for f in Consultation._meta.concrete_fields]
    assert [getattr(found, f) for f in fields] == [getattr(orm, f) for f in fields]
    assert (found.neighbourhood.name, found.neighbourhood.slug) == (
        orm.neighbourhood.name,
        orm.neighbourhood.slug,
    )
    assert [
        (o.pk, o.title, o.summary, o.cost_cents, o.position)
        for o in ballot_options(consultation=found)
    ] == list(
        ConsultationOption.objects.filter(consultation=consultation)
        .order_by("position")
        .values_list("pk", "title", "summary", "cost_cents", "position")
    )
    # a draft is not found
    Consultation.objects.filter(pk=consultation.pk).update(status="draft")
    assert consultation_for_ballot(uuid=consultation.uuid) is None


def test_a_ballot_in_a_consultation_cancelled_meanwhile_is_refused() -> None:
    """The ballot's POST may use a kept copy of the consultation: the service reads
    its status again under the lock and refuses."""
    consultation, roll = vote_with_roll(1)
    a, _b, _c = options_of(consultation)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    with at(DURING):
        assert client.get(ballot_url(consultation)).status_code == 200  # kept now
        consultation_cancel(
            actor=consultation.created_by, consultation=consultation, reason="Fout"
        )
        before = snapshot()
        response = client.post(ballot_url(consultation), {"choices": [str(a)]})
    assert response.status_code in (404, 409)
    assert snapshot() == before
    assert not Ballot.objects.exists()


def test_more_than_the_hourly_wrong_codes_alarm_the_coordinators_once(
    settings: Any,
) -> None:
    # given an alarm after 3 wrong codes an hour, from any addresses
    settings.VOTE_CODE_ALARM_PER_HOUR = 3
    consultation, _roll = vote_with_roll(1)
    seat: RoleAssignment = RoleAssignmentFactory(  # type: ignore[assignment]
        role=Role.COORDINATOR,
        neighbourhood=None,
        municipality=consultation.neighbourhood.municipality,
    )
    coordinator = seat.user
    cache.clear()
    # when five addresses each type one wrong code
    for n in range(5):
        enter_code(browser(f"198.51.100.{n + 1}"), "ABCD-EFGH-JKMN0")
    # then the coordinators heard of it once, and every wrong code is a trace
    alarms = Notification.objects.filter(kind="consultations.wrong_codes")
    assert list(alarms.values_list("recipient", flat=True)) == [coordinator.pk]
    assert (
        SecurityEvent.objects.filter(reason="vote.code_wrong").aggregate(
            total=Sum("count")
        )["total"]
        == 5
    )
