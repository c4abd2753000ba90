"""What the wijk said in a wijkraadpleging lands on the plan's agenda item (issue #12):
the counts, the comments and the advice it gives, for every member who reads the
meeting page; the plan goes from "in consultation" to "under discussion" when the
item opens."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

import pytest

from wijkvoucher.consultations.tests.helpers import (
    advisory_poll,
    certified,
    on_roll,
    options_of,
    published,
    vote,
)
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.regiegroep.services import agenda_item_open
from wijkvoucher.regiegroep.tests.factories import (
    MEETING_DAY,
    declare_all,
    item_on_agenda,
    open_meeting,
    regiegroep,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _meeting_day() -> Iterator[None]:
    with on_day(MEETING_DAY):
        yield


def test_the_poll_result_is_on_the_agenda_item_and_the_item_still_opens() -> None:
    # given: a plan on the agenda, put to the wijk by the chair; three answers
    with on_day(TODAY):
        group = regiegroep()
        item = item_on_agenda(group)
    poll = advisory_poll(group.wijk, group.chair, [item.initiative])
    (option,) = options_of(poll)
    roll = on_roll(poll, group.chair, 3)
    published(poll, group.chair)
    item.initiative.refresh_from_db()
    assert item.initiative.status == S.IN_CONSULTATION
    answers = [
        {"stance": "support", "comment": "Eindelijk bankjes in het park"},
        {"stance": "support"},
        {"stance": "oppose", "comment": "Te duur voor wat het is"},
    ]
    for (credential, _code), answer in zip(roll, answers, strict=True):
        vote(poll, credential, {str(option): answer})
    certified(poll, group.chair)
    # when a member reads the meeting page
    client = HttpsClient()
    sign_in_verified(client, group.members[0])
    url = reverse("regiegroep:meeting", kwargs={"meeting_uuid": item.meeting.uuid})
    page = client.get(url).content.decode()
    # then: the counts, the comments and the advice the wijk gives
    assert "Wat de wijk zei" in page
    assert "2 voor, 1 tegen, 0 neutraal" in page
    assert "Eindelijk bankjes in het park" in page
    assert "Te duur voor wat het is" in page
    assert "De wijk adviseert vóór het plan." in page
    # and the item opens as usual: the plan goes on to "under discussion"
    open_meeting(group, item, group.voters)
    declare_all(group, item, group.voters)
    agenda_item_open(actor=group.chair, agenda_item=item)
    item.initiative.refresh_from_db()
    assert item.initiative.status == S.IN_DELIBERATION


def test_without_a_wijkraadpleging_the_page_says_nothing_about_one() -> None:
    with on_day(TODAY):
        group = regiegroep()
        item = item_on_agenda(group)
    client = HttpsClient()
    sign_in_verified(client, group.members[0])
    url = reverse("regiegroep:meeting", kwargs={"meeting_uuid": item.meeting.uuid})
    page = client.get(url).content.decode()
    assert "Wat de wijk zei" not in page
