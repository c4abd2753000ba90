"""The voter roll: importing the register, replacing a letter, voting with an account."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.consultations.codes import CODE_LENGTH, code_digest, person_digest
from wijkvoucher.consultations.models import Ballot, Credential
from wijkvoucher.consultations.selectors import credential_for_code
from wijkvoucher.consultations.services import (
    account_credential_for,
    credential_replace_letter,
    credentials_import,
)
from wijkvoucher.consultations.tests.helpers import (
    PREPARED,
    at,
    budget_vote,
    on_roll,
    published,
    register_rows,
    snapshot,
    vote,
    wijk_with_organiser,
)
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    RegulationVersionFactory,
)

pytestmark = pytest.mark.django_db


def test_the_import_returns_each_code_once_and_stores_only_its_hash() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    # when
    with at(PREPARED):
        made = credentials_import(
            actor=organiser, consultation=consultation, rows=register_rows(3)
        )
    # then
    assert len(made) == 3
    first, code = made[0]
    assert len(code.replace("-", "")) == CODE_LENGTH
    stored = Credential.objects.get(pk=first.pk)
    assert stored.code_digest == code_digest(code)
    assert (
        stored.letter_name,
        stored.letter_street,
        stored.letter_postcode,
        stored.letter_city,
    ) == ("Bewoner 1", "Dijkstraat 1", "1000 AB", "Dijkstad")
    assert stored.person_digest == person_digest(
        postcode="1000AB", house_number=1, name="Bewoner 1"
    )
    values = str(list(Credential.objects.values()))
    assert all(code not in values for _credential, code in made)
    event = AuditEvent.objects.get(action="consultations.credentials_import")
    assert event.data == {
        "rows": 3,
        "credentials": 3,
        "too_young": 0,
        "already_on_roll": 0,
    }
    assert "Bewoner" not in str(event.canonical())


def test_every_bad_row_is_named_and_nothing_is_imported() -> None:
    # given a register with a good row and three bad ones
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    rows = [
        *register_rows(1),
        *register_rows(1, start=2, postcode="12AB"),
        *register_rows(1, start=3, postcode="2000AA"),
        *register_rows(1, start=0),
    ]
    before = snapshot()
    # when
    with at(PREPARED), pytest.raises(ValidationError) as refused:
        credentials_import(actor=organiser, consultation=consultation, rows=rows)
    # then
    problems = refused.value.error_list
    assert [(p.code, p.params["row"]) for p in problems] == [  # type: ignore[index]
        ("bad_row", 2),
        ("bad_row", 3),
        ("bad_row", 4),
    ]
    assert snapshot() == before


def test_the_young_and_those_already_on_the_roll_are_left_out() -> None:
    # given a minimum age of 12 on the closing day (29 June 2026)
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    on_roll(consultation, organiser, 2)
    rows = [
        *register_rows(2),  # already on the roll
        *register_rows(1, start=3, birth_date=dt.date(2014, 6, 29)),  # 12 that day
        *register_rows(1, start=4, birth_date=dt.date(2014, 6, 30)),  # 11
        *register_rows(1, start=5, birth_date=None),
    ]
    # when
    with at(PREPARED):
        made = credentials_import(actor=organiser, consultation=consultation, rows=rows)
    # then
    assert sorted(c.letter_name for c, _code in made) == ["Bewoner 3", "Bewoner 5"]
    event = AuditEvent.objects.filter(action="consultations.credentials_import").last()
    assert event is not None
    assert event.data["too_young"] == 1
    assert event.data["already_on_roll"] == 2


def test_per_household_one_letter_goes_to_each_address() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    consultation.per_household = True
    consultation.save(update_fields=["per_household"])
    rows = [*register_rows(1), *register_rows(1), *register_rows(1, start=2)]
    # when
    with at(PREPARED):
        made = credentials_import(actor=organiser, consultation=consultation, rows=rows)
    # then
    assert [c.letter_street for c, _code in made] == ["Dijkstraat 1", "Dijkstraat 2"]
    assert {c.letter_name for c, _code in made} == {""}


def test_only_an_organiser_imports_and_not_after_the_end() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    before = snapshot()
    # when / then
    with at(PREPARED), pytest.raises(PermissionDenied):
        credentials_import(
            actor=UserFactory.create(), consultation=consultation, rows=register_rows(1)
        )
    assert snapshot() == before


def test_a_new_letter_stops_the_old_code_and_keeps_the_ballot() -> None:
    # given a resident who voted with the first letter
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    [(credential, old_code)] = on_roll(consultation, organiser, 1)
    vote(consultation, credential, [])
    # when
    with at(PREPARED):
        replaced, new_code = credential_replace_letter(
            actor=organiser, credential=credential
        )
    # then
    assert replaced.letter_number == 2
    assert credential_for_code(code=old_code) is None
    found = credential_for_code(code=new_code)
    assert found is not None
    assert found.pk == credential.pk
    vote(consultation, found, [])
    assert Ballot.objects.filter(consultation=consultation).count() == 1


def _resident_at(wijk: Neighbourhood, number: int, name: str, confirmed: bool = True):  # type: ignore[no-untyped-def]
    user = UserFactory.create(full_name=name)
    AddressFactory(
        user=user,
        postcode="1000AB",
        house_number=number,
        neighbourhood=wijk,
        residency_confirmed_at=timezone.now() if confirmed else None,
    )
    return user


def test_with_a_register_an_account_finds_its_own_line() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    roll = on_roll(consultation, organiser, 2)
    user = _resident_at(wijk, 2, "Bewoner 2")
    # when
    credential = account_credential_for(user=user, consultation=consultation)
    again = account_credential_for(user=user, consultation=consultation)
    # then
    assert credential.pk == again.pk == roll[1][0].pk
    assert credential.user == user
    assert (
        AuditEvent.objects.filter(action="consultations.credential_for_account").count()
        == 1
    )


@pytest.mark.parametrize(
    ("number", "name", "confirmed", "code"),
    [
        (2, "Bewoner 2", False, "no_confirmed_address"),
        (7, "Bewoner 7", True, "use_letter"),
        (2, "Iemand Anders", True, "use_letter"),
    ],
)
def test_an_account_not_on_the_register_is_sent_to_the_letter(
    number: int, name: str, confirmed: bool, code: str
) -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    on_roll(consultation, organiser, 2)
    user = _resident_at(wijk, number, name, confirmed)
    before = snapshot()
    # when
    with pytest.raises(ValidationError) as refused:
        account_credential_for(user=user, consultation=consultation)
    # then
    assert refused.value.code == code
    assert snapshot() == before


def test_without_a_register_the_account_gets_a_credential_once_per_address() -> None:
    # given one vote per address, and two residents of number 5
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    consultation.per_household = True
    consultation.save(update_fields=["per_household"])
    first = _resident_at(wijk, 5, "Anna")
    second = _resident_at(wijk, 5, "Piet")
    # when
    credential = account_credential_for(
        user=first, consultation=consultation, age_declared=True
    )
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        account_credential_for(
            user=second, consultation=consultation, age_declared=True
        )
    # then
    assert refused.value.code == "credential_taken"
    assert snapshot() == before
    assert credential.code_digest is None
    assert credential.user == first


def test_the_regeling_fields_have_their_defaults() -> None:
    # given
    wijk, _organiser = wijk_with_organiser()
    version = RegulationVersionFactory.create(
        regulation=wijk.regulation, valid_from=start_of_day(dt.date(2026, 2, 1))
    )
    # then
    assert version.consultation_min_age == 12
    assert version.consultation_per_household is False
