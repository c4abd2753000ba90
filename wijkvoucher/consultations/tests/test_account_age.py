"""The minimum age of a resident who votes from their account when the consultation
has no register (docs/voting.md, "The roll"): the birth date an official recorded
from the BRP decides; without one, the resident declares it on the ballot page.

The consultation of these tests closes on 29 June 2026 (``CLOSES``) and asks 12."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.consultations.constants import AgeBasis
from wijkvoucher.consultations.models import Ballot, Consultation, Credential
from wijkvoucher.consultations.selectors_manage import roll_size
from wijkvoucher.consultations.services import (
    account_ballot_cast,
    account_credential_for,
)
from wijkvoucher.consultations.tests.helpers import (
    CLOSES,
    DURING,
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
    receipt_in,
    vote_with_roll,
)
from wijkvoucher.consultations.tests.pages_manage import client_for, page, url
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.tests.factories import AddressFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

# Twelve on the closing day, 29 June 2026 (the vote day of the register, too).
TWELVE_ON_THE_DAY = dt.date(2014, 6, 29)
ELEVEN_ON_THE_DAY = dt.date(2014, 6, 30)


def _open_vote(**fields: Any) -> Consultation:
    """A published budget vote without a register."""
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser, **fields), organiser)
    assert timezone.localdate(consultation.closes_at) == CLOSES.date()
    assert consultation.min_age == 12
    return consultation


def _resident(
    consultation: Consultation,
    *,
    birth_date: dt.date | None = None,
    number: int = 40,
    name: str = "Anna de Vries",
) -> User:
    user = UserFactory.create(full_name=name)
    AddressFactory(
        user=user,
        postcode="1000AB",
        house_number=number,
        neighbourhood=consultation.neighbourhood,
        residency_confirmed_at=timezone.now(),
        birth_date_confirmed=birth_date,
    )
    return user


def _account_events() -> list[dict[str, Any]]:
    return [
        event.data
        for event in AuditEvent.objects.filter(
            action="consultations.credential_for_account"
        ).order_by("id")
    ]


# --- The service ---------------------------------------------------------------------


def test_a_resident_of_exactly_the_minimum_age_on_the_closing_day_may_vote() -> None:
    # given
    consultation = _open_vote()
    user = _resident(consultation, birth_date=TWELVE_ON_THE_DAY)
    # when
    with at(DURING):
        credential = account_credential_for(user=user, consultation=consultation)
    # then
    assert credential.user == user
    assert credential.age_basis == AgeBasis.BIRTH_DATE
    assert _account_events() == [{"register": False, "age_basis": "birth_date"}]


@pytest.mark.parametrize("declared", [False, True])
def test_a_resident_younger_by_the_recorded_birth_date_is_refused(
    declared: bool,
) -> None:
    # given a birth date one day too late; a declaration does not outweigh it
    consultation = _open_vote()
    user = _resident(consultation, birth_date=ELEVEN_ON_THE_DAY)
    before = snapshot()
    # when
    with at(DURING), pytest.raises(ValidationError) as refused:
        account_credential_for(
            user=user, consultation=consultation, age_declared=declared
        )
    # then
    assert refused.value.code == "too_young"
    assert "12 or older on 29 June 2026" in refused.value.messages[0]
    assert snapshot() == before


def test_without_a_birth_date_the_resident_must_declare_the_age() -> None:
    # given
    consultation = _open_vote()
    user = _resident(consultation)
    before = snapshot()
    # when
    with at(DURING), pytest.raises(ValidationError) as refused:
        account_credential_for(user=user, consultation=consultation)
    # then
    assert refused.value.code == "age_declaration_needed"
    assert snapshot() == before


def test_the_declaration_is_recorded_on_the_roll_and_in_the_audit_trail() -> None:
    # given
    consultation = _open_vote()
    user = _resident(consultation)
    # when
    with at(DURING):
        credential = account_credential_for(
            user=user, consultation=consultation, age_declared=True
        )
        again = account_credential_for(user=user, consultation=consultation)
    # then the question is not asked again once the credential exists
    assert again.pk == credential.pk
    assert Credential.objects.get(pk=credential.pk).age_basis == AgeBasis.DECLARED
    assert _account_events() == [{"register": False, "age_basis": "declared"}]


def test_without_a_minimum_age_nothing_is_asked() -> None:
    # given
    consultation = _open_vote()
    consultation.min_age = 0
    consultation.save(update_fields=["min_age"])
    user = _resident(consultation, birth_date=dt.date(2024, 1, 1))
    # when
    with at(DURING):
        credential = account_credential_for(user=user, consultation=consultation)
    # then
    assert credential.age_basis == AgeBasis.NONE


def test_with_a_register_the_register_decides_as_before() -> None:
    # given a register (adults) and the account of its second resident, whose
    # address carries a child's birth date: the register's line decides
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    roll = on_roll(consultation, organiser, 2)
    consultation = published(consultation, organiser)
    user = _resident(
        consultation, birth_date=dt.date(2020, 1, 1), number=2, name="Bewoner 2"
    )
    # when
    with at(DURING):
        credential = account_credential_for(user=user, consultation=consultation)
    # then
    assert credential.pk == roll[1][0].pk
    assert credential.age_basis == AgeBasis.NONE
    assert _account_events() == [{"register": True, "age_basis": ""}]


def test_a_refused_ballot_leaves_no_credential_with_its_declaration() -> None:
    # given at most 1 choice
    consultation = _open_vote(max_choices=1)
    user = _resident(consultation)
    a, b, _c = options_of(consultation)
    before = snapshot()
    # when two are chosen
    with at(DURING), pytest.raises(ValidationError) as refused:
        account_ballot_cast(
            user=user, consultation=consultation, age_declared=True, choices=[a, b]
        )
    # then
    assert refused.value.code == "too_many_choices"
    assert snapshot() == before


def test_the_declared_first_ballot_makes_the_credential_and_the_ballot() -> None:
    # given
    consultation = _open_vote()
    user = _resident(consultation)
    a, _b, _c = options_of(consultation)
    # when
    with at(DURING):
        credential, receipt = account_ballot_cast(
            user=user, consultation=consultation, age_declared=True, choices=[a]
        )
    # then
    ballot = Ballot.objects.get(consultation=consultation)
    assert (ballot.choices, ballot.channel, ballot.receipt) == ([a], "account", receipt)
    stored = Credential.objects.get(pk=credential.pk)
    assert (stored.user_id, stored.age_basis) == (user.pk, AgeBasis.DECLARED)
    assert stored.voted_on == DURING.date()


# --- The pages -----------------------------------------------------------------------


def _start(client: Any, consultation: Consultation) -> Any:
    return client.post(reverse("consultations:account_start", args=[consultation.uuid]))


def test_the_ballot_asks_for_the_declaration_with_its_label_and_hint() -> None:
    # given
    consultation = _open_vote()
    client = browser()
    client.force_login(_resident(consultation))
    # when
    with at(DURING):
        start = _start(client, consultation)
        ballot = client.get(ballot_url(consultation)).text
    # then no credential yet, and the box above the ballot
    assert start.status_code == 302
    assert start["Location"] == ballot_url(consultation)
    assert not Credential.objects.exists()
    assert (
        '<label class="utrecht-form-label utrecht-form-label--checkbox" for="id_age_declared">I am 12 or older on 29 June 2026</label>'
        in ballot
    )
    assert 'aria-describedby="id_age_declared-hint"' in ballot
    assert ballot.index('name="age_declared"') < ballot.index('name="choices"')


def test_without_the_box_the_ballot_comes_back_with_the_error_and_the_ticks() -> None:
    # given
    consultation = _open_vote()
    client = browser()
    client.force_login(_resident(consultation))
    a, b, _c = options_of(consultation)
    with at(DURING):
        _start(client, consultation)
        before = snapshot()
        # when
        response = client.post(ballot_url(consultation), {"choices": [str(a), str(b)]})
    # then
    assert response.status_code == 200
    text = page(response)
    assert "Tick the box if you are 12 or older on 29 June 2026." in text
    assert 'href="#id_age_declared"' in text  # the error summary links to the box
    assert 'id="id_age_declared-error"' in text
    assert 'aria-describedby="id_age_declared-hint id_age_declared-error"' in text
    assert (
        f'value="{a}" id="option-{a}" data-cost="300000" aria-describedby="option-{a}-summary" checked'
        in text
    )
    assert (
        f'value="{b}" id="option-{b}" data-cost="400000" aria-describedby="option-{b}-summary" checked'
        in text
    )
    assert snapshot() == before


def test_with_the_box_the_resident_votes_and_is_not_asked_again() -> None:
    # given
    consultation = _open_vote()
    user = _resident(consultation)
    client = browser()
    client.force_login(user)
    a, _b, _c = options_of(consultation)
    with at(DURING):
        _start(client, consultation)
        # when
        sent = client.post(
            ballot_url(consultation),
            {"age_declared": "on", "choices": [str(a)]},
            follow=True,
        )
        again = client.get(ballot_url(consultation)).text
        restart = _start(client, consultation)
        after_restart = client.get(ballot_url(consultation)).text
    # then
    assert receipt_in(sent.content.decode())
    credential = Credential.objects.get(user=user)
    assert credential.age_basis == AgeBasis.DECLARED
    assert Ballot.objects.filter(consultation=consultation).count() == 1
    assert restart.status_code == 302
    for ballot in (again, after_restart):
        assert 'name="choices"' in ballot
        assert 'name="age_declared"' not in ballot


def test_a_ballot_sent_after_the_credential_was_made_elsewhere_asks_nothing() -> None:
    # given a ballot page asking for the age, and meanwhile (another tab) the
    # declaration made the credential
    consultation = _open_vote()
    user = _resident(consultation)
    client = browser()
    client.force_login(user)
    a, _b, _c = options_of(consultation)
    with at(DURING):
        _start(client, consultation)
        account_credential_for(user=user, consultation=consultation, age_declared=True)
        # when the first page sends its ballot without the box
        sent = client.post(ballot_url(consultation), {"choices": [str(a)]})
        again = client.post(sent["Location"], {"choices": [str(a)]})
    # then it goes, once, to the credential that exists
    assert sent.status_code == 307
    assert sent["Location"] == ballot_url(consultation)
    assert again.status_code == 303
    assert Ballot.objects.filter(consultation=consultation).count() == 1
    assert Credential.objects.filter(consultation=consultation).count() == 1


def test_a_recorded_birth_date_old_enough_goes_straight_to_the_ballot() -> None:
    # given
    consultation = _open_vote()
    user = _resident(consultation, birth_date=dt.date(1980, 5, 1))
    client = browser()
    client.force_login(user)
    a, _b, _c = options_of(consultation)
    with at(DURING):
        # when
        _start(client, consultation)
        ballot = client.get(ballot_url(consultation)).text
        sent = client.post(ballot_url(consultation), {"choices": [str(a)]})
    # then
    assert 'name="age_declared"' not in ballot
    assert sent.status_code == 303
    assert Credential.objects.get(user=user).age_basis == AgeBasis.BIRTH_DATE


def test_too_young_by_the_recorded_birth_date_is_told_so_plainly() -> None:
    # given
    consultation = _open_vote()
    client = browser()
    client.force_login(_resident(consultation, birth_date=ELEVEN_ON_THE_DAY))
    before = snapshot()
    # when
    with at(DURING):
        refused = _start(client, consultation)
        ballot = client.get(ballot_url(consultation))
    # then
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "who are 12 or older on 29 June 2026" in text
    assert "you are younger on that day, so you cannot vote" in text
    assert "the code from the letter" not in text
    assert ballot.status_code == 403  # no voter cookie was given
    assert snapshot() == before


def test_the_roll_page_counts_accounts_by_what_their_age_rests_on() -> None:
    # given one account on a declaration and two on a recorded birth date
    consultation, _roll = vote_with_roll(0)
    with at(DURING):
        account_credential_for(
            user=_resident(consultation, number=41),
            consultation=consultation,
            age_declared=True,
        )
        for number in (42, 43):
            account_credential_for(
                user=_resident(
                    consultation, number=number, birth_date=dt.date(1980, 5, 1)
                ),
                consultation=consultation,
            )
    organiser = consultation.neighbourhood.contact_official
    assert organiser is not None
    # when
    with at(DURING):
        response = client_for(organiser).get(url("roll", consultation))
    # then
    counts = roll_size(consultation=consultation)
    assert (counts["age_declared"], counts["age_birth_date"]) == (1, 2)
    text = page(response)
    assert "2 accounts on the birth date the municipality recorded" in text
    assert "1 account on the resident's own declaration" in text
    assert "A declaration is weaker than the register" in text
