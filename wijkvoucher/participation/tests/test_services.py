"""The self-report on the social ladder: consent, withdrawal, and the reports that
never count fewer than ten people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready, resident
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day
from wijkvoucher.participation.constants import SocialStep
from wijkvoucher.participation.models import SocialLadderReport
from wijkvoucher.participation.selectors import social_ladder_distribution
from wijkvoucher.participation.services import (
    social_ladder_report,
    social_ladder_withdraw,
)

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _distribution(wijk: Neighbourhood) -> dict[int, int | None]:
    result = social_ladder_distribution(
        municipality=wijk.municipality, start=YEAR[0], end=YEAR[1], wijk=wijk
    )
    return {int(cell.key): cell.count for cell in result.latest.cells}


def _reporters(wijk: Neighbourhood, count: int, step: int) -> list[User]:
    people = [resident(wijk) for _ in range(count)]
    for person in people:
        social_ladder_report(actor=person, step=step, consent=True)
    return people


def test_a_report_is_stored_with_the_wijk_and_no_step_in_the_trail() -> None:
    # given a resident
    wijk = neighbourhood_ready()
    person = resident(wijk)
    # when they report step 4 with consent
    report = social_ladder_report(actor=person, step=4, consent=True)
    # then it is stored for today and their wijk; the trail says only that
    assert (report.step, report.reported_on, report.neighbourhood) == (4, TODAY, wijk)
    event = AuditEvent.objects.get(action="participation.social_report")
    assert event.data == {}


def test_without_consent_nothing_is_stored() -> None:
    # given a resident
    person = resident(neighbourhood_ready())
    # when they report without consent / then refused at the consent field
    with pytest.raises(ValidationError) as exc:
        social_ladder_report(actor=person, step=3, consent=False)
    assert exc.value.error_dict["consent"][0].code == "consent_required"
    assert SocialLadderReport.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="participation").count() == 0


def test_someone_without_an_address_in_a_wijk_cannot_report() -> None:
    # given someone without an address / when / then refused, nothing stored
    with pytest.raises(ValidationError) as exc:
        social_ladder_report(actor=UserFactory.create(), step=3, consent=True)
    assert exc.value.code == "no_wijk"
    assert SocialLadderReport.objects.count() == 0


def test_a_step_outside_the_six_is_refused() -> None:
    person = resident(neighbourhood_ready())
    with pytest.raises(ValidationError) as exc:
        social_ladder_report(actor=person, step=7, consent=True)
    assert exc.value.error_dict["step"][0].code == "step"
    assert SocialLadderReport.objects.count() == 0


def test_ten_answers_on_one_step_are_shown_and_the_other_steps_hidden() -> None:
    # given ten residents on step 3
    wijk = neighbourhood_ready()
    _reporters(wijk, 10, SocialStep.ACTIVITIES)
    # when counted / then step 3 shows 10, and the empty steps 0
    assert _distribution(wijk) == {1: 0, 2: 0, 3: 10, 4: 0, 5: 0, 6: 0}


def test_withdrawing_consent_deletes_the_answers_and_takes_them_out_of_reports() -> (
    None
):
    # given ten residents on step 3, one of whom also answered earlier
    wijk = neighbourhood_ready()
    people = _reporters(wijk, 10, SocialStep.ACTIVITIES)
    with on_day(dt.date(2026, 3, 1)):
        social_ladder_report(actor=people[0], step=2, consent=True)
    # when that one withdraws consent
    deleted = social_ladder_withdraw(actor=people[0])
    # then both their answers are gone and the group of nine shows nothing
    assert deleted == 2
    assert SocialLadderReport.objects.filter(user=people[0]).count() == 0
    assert SocialLadderReport.objects.count() == 9
    assert set(_distribution(wijk).values()) == {None}
    event = AuditEvent.objects.get(action="participation.social_withdraw")
    assert event.data == {"reports_deleted": 2}


def test_movement_counts_the_people_who_answered_twice() -> None:
    # given twelve residents who answered step 2 in March and step 4 in June
    wijk = neighbourhood_ready()
    people = [resident(wijk) for _ in range(12)]
    with on_day(dt.date(2026, 3, 1)):
        for person in people:
            social_ladder_report(actor=person, step=2, consent=True)
    for person in people:
        social_ladder_report(actor=person, step=4, consent=True)
    # when counted
    result = social_ladder_distribution(
        municipality=wijk.municipality, start=YEAR[0], end=YEAR[1], wijk=wijk
    )
    # then twelve moved up, nobody stayed or moved down
    assert [c.count for c in result.movement.cells] == [12, 0, 0]
    assert result.latest.count(SocialStep.UNPAID_WORK) == 12
