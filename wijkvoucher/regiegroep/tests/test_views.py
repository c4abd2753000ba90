"""The workspace pages: what members and officials see, the actions as POST forms,
and refusals shown at the field with the typed text kept."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="misc"
from collections.abc import Iterator

from django.urls import reverse
from django.utils.html import escape

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.neighbourhoods.tests.factories import AddressFactory
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.regiegroep.constants import AgendaItemStatus, MeetingStatus
from wijkvoucher.regiegroep.models import Advice, Meeting, MemberVote
from wijkvoucher.regiegroep.services import (
    advice_record,
    agenda_item_add,
    meeting_close,
)
from wijkvoucher.regiegroep.tests.factories import (
    MEETING_DAY,
    Group,
    checked_plan,
    counts,
    item_on_agenda,
    item_under_discussion,
    planned_meeting,
    regiegroep,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def group() -> Group:
    return regiegroep()


def client_for(user: User) -> HttpsClient:
    client = HttpsClient()
    sign_in_verified(client, user)
    return client


def test_home_shows_meetings_and_plans_waiting(group: Group) -> None:
    meeting = planned_meeting(group)
    plan = checked_plan(group.wijk, title="Bankjes bij de speeltuin")
    response = client_for(group.members[0]).get(reverse("regiegroep:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("regiegroep:meeting", args=[meeting.uuid]) in page
    assert plan.title in page
    assert reverse("regiegroep:composition", args=[group.wijk.slug]) in page


def test_composition_page_shows_mix_and_terms(group: Group) -> None:
    response = client_for(group.official).get(
        reverse("regiegroep:composition", args=[group.wijk.slug])
    )
    assert response.status_code == 200
    composition = response.context["composition"]
    assert (composition.voting, composition.previously_active) == (5, 2)
    assert escape(group.chair.full_name) in response.content.decode()


def test_the_secretary_plans_a_meeting_through_the_form(group: Group) -> None:
    client = client_for(group.secretary)
    url = reverse("regiegroep:meeting_create", args=[group.wijk.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"held_on": MEETING_DAY.isoformat(), "place": "Buurthuis"}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("regiegroep:meeting", args=[meeting.uuid])
    assert meeting.place == "Buurthuis"


def test_a_meeting_in_the_past_is_refused_at_the_date_field_keeping_the_place(
    group: Group,
) -> None:
    before = counts()
    response = client_for(group.secretary).post(
        reverse("regiegroep:meeting_create", args=[group.wijk.slug]),
        {"held_on": "2026-01-05", "place": "Bibliotheek"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "held_on" in form.errors
    assert 'value="Bibliotheek"' in response.content.decode()
    assert counts() == before


def test_the_meeting_page_shows_the_plan_but_not_addresses(group: Group) -> None:
    item = item_on_agenda(group)
    address = item.initiative.initiator.addresses.get()
    response = client_for(group.members[0]).get(
        reverse("regiegroep:meeting", args=[item.meeting.uuid])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert item.initiative.title in page
    # the initiator's name helps members see their interests; the address stays out
    assert escape(item.initiative.initiator.full_name) in page
    assert "€ 450" in page.replace("\xa0", " ")
    assert address.postcode not in page
    assert f"{address.postcode[:4]} {address.postcode[4:]}" not in page
    assert str(address) not in page


def test_a_secretary_puts_a_plan_on_the_agenda(group: Group) -> None:
    meeting = planned_meeting(group)
    plan = checked_plan(group.wijk)
    response = client_for(group.secretary).post(
        reverse("regiegroep:agenda_add", args=[meeting.uuid]),
        {"agenda-initiative": plan.pk},
    )
    assert response.status_code == 302, response.context["agenda_form"].errors
    plan.refresh_from_db()
    assert plan.status == S.ON_AGENDA


def test_a_member_declares_and_assesses_and_the_page_shows_it(group: Group) -> None:
    item = item_on_agenda(group)
    client = client_for(group.members[0])
    prefix = f"{item.uuid}-declare"
    response = client.post(
        reverse("regiegroep:item_declare", args=[item.uuid]),
        {f"{prefix}-has_conflict": "no"},
    )
    assert response.status_code == 302
    prefix = f"{item.uuid}-assess"
    response = client.post(
        reverse("regiegroep:item_assess", args=[item.uuid]),
        {f"{prefix}-opinion": "partly", f"{prefix}-note": "Minder planten."},
    )
    assert response.status_code == 302
    page = client.get(reverse("regiegroep:meeting", args=[item.meeting.uuid]))
    assert "Minder planten." in page.content.decode()


def test_a_refused_declaration_keeps_the_note(group: Group) -> None:
    AddressFactory(user=group.members[0], neighbourhood=group.wijk)
    meeting = planned_meeting(group)
    plan = checked_plan(group.wijk, initiator=group.members[0])
    item = agenda_item_add(actor=group.secretary, meeting=meeting, initiative=plan)
    before = counts()
    prefix = f"{item.uuid}-declare"
    response = client_for(group.members[0]).post(
        reverse("regiegroep:item_declare", args=[item.uuid]),
        {f"{prefix}-has_conflict": "no", f"{prefix}-note": "Ik ben neutraal"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ik ben neutraal" in page
    assert "error-summary" in page
    assert counts() == before


def test_the_vote_and_the_advice_through_the_pages(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        for voter in group.voters[:3]:
            response = client_for(voter).post(
                reverse("regiegroep:item_vote", args=[item.uuid]),
                {f"{item.uuid}-vote-choice": "for"},
            )
            assert response.status_code == 302
        prefix = f"{item.uuid}-advice"
        chair = client_for(group.chair)
        # a partial award without amount: refused, the motivation stays
        before = counts()
        response = chair.post(
            reverse("regiegroep:item_advice", args=[item.uuid]),
            {
                f"{prefix}-outcome": "partly_award",
                f"{prefix}-reason_code": "other",
                f"{prefix}-motivation": "Alleen de planten betalen we.",
            },
        )
        assert response.status_code == 200
        assert "Alleen de planten betalen we." in response.content.decode()
        assert counts() == before
        response = chair.post(
            reverse("regiegroep:item_advice", args=[item.uuid]),
            {
                f"{prefix}-outcome": "partly_award",
                f"{prefix}-amount_cents": "300",
                f"{prefix}-reason_code": "other",
                f"{prefix}-motivation": "Alleen de planten betalen we.",
            },
        )
        assert response.status_code == 302
    advice = Advice.objects.get()
    assert (advice.amount_cents, advice.votes_for) == (30_000, 3)
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.ADVISED
    assert MemberVote.objects.count() == 3


def test_the_advice_form_reports_every_problem_at_once(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        for voter in group.voters[:3]:
            client_for(voter).post(
                reverse("regiegroep:item_vote", args=[item.uuid]),
                {f"{item.uuid}-vote-choice": "for"},
            )
        prefix = f"{item.uuid}-advice"
        before = counts()
        # a partial award without an amount and without a reason
        response = client_for(group.chair).post(
            reverse("regiegroep:item_advice", args=[item.uuid]),
            {
                f"{prefix}-outcome": "partly_award",
                f"{prefix}-motivation": "Alleen de planten betalen we.",
            },
        )
    # then both problems are shown at their fields, in one go
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{prefix}-amount_cents-error"' in html
    assert f'id="id_{prefix}-reason_code-error"' in html
    assert "Alleen de planten betalen we." in html
    assert counts() == before


def test_an_official_reads_but_cannot_vote(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        client = client_for(group.official)
        page = client.get(reverse("regiegroep:meeting", args=[item.meeting.uuid]))
        assert page.status_code == 200
        response = client.post(
            reverse("regiegroep:item_vote", args=[item.uuid]),
            {f"{item.uuid}-vote-choice": "for"},
        )
        assert response.status_code == 403
    assert MemberVote.objects.count() == 0


def test_minutes_are_saved_and_published(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        advice_record(
            actor=group.chair,
            agenda_item=item,
            outcome="award",
            motivation="Goed plan.",
            by_consensus=True,
        )
        meeting_close(actor=group.chair, meeting=item.meeting)
        client = client_for(group.secretary)
        url = reverse("regiegroep:minutes", args=[item.meeting.uuid])
        response = client.post(url, {"minutes": "Vergadering om 20 uur geopend."})
        assert response.status_code == 302
        page = client.get(url).content.decode()
        assert "Goed plan." in page
        response = client.post(
            reverse("regiegroep:minutes_publish", args=[item.meeting.uuid])
        )
        assert response.status_code == 302
    item.meeting.refresh_from_db()
    assert item.meeting.status == MeetingStatus.CLOSED
    assert item.meeting.minutes_published_at is not None
