"""The public meeting schedule and besluitenlijsten, and the beschikking's public part
on the plan pages (issue #3 point 11; docs/transparency.md#woo-and-avg). State is reached through
the regiegroep's and the decisions app's services."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from wijkvoucher.core.money import NBSP
from wijkvoucher.decisions.selectors import reserved_cents_by_period
from wijkvoucher.decisions.services import decision_issue
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready, resident
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day
from wijkvoucher.regiegroep.constants import AdviceOutcome
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.services import (
    advice_record,
    agenda_item_add,
    agenda_item_defer,
    agenda_item_open,
    meeting_close,
    minutes_publish,
    minutes_save,
)
from wijkvoucher.regiegroep.tests.factories import (
    MEETING_DAY,
    Group,
    checked_plan,
    declare_all,
    open_meeting,
    planned_meeting,
    regiegroep,
)
from wijkvoucher.transparency.tests.builders import published_period

pytestmark = [pytest.mark.django_db]

ADVICE_MOTIVATION = "Geheim: de buurman op nummer 3 heeft bezwaar gemaakt."
DECISION_MOTIVATION = "Interne afweging over mevrouw De Boer."
PUBLIC_EXPLANATION = "Op deze plek mag geen skatebaan komen."
MINUTES = "Aanwezig: Piet Geheim en Truus Verborgen."
AFTER = MEETING_DAY + dt.timedelta(days=3)


def _text(html: bytes) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html.decode())).strip()


def _euro(text: str) -> str:
    return text.replace("€ ", "€" + NBSP)


def _get(client: Client, url: str, day: dt.date = AFTER) -> Any:
    with on_day(day):
        return client.get(url, secure=True)


@pytest.fixture
def group() -> Group:
    wijk = neighbourhood_ready(name="Bloemenwijk", slug="bloemenwijk")
    wijk.meeting_place = "Buurthuis De Linde"
    wijk.save(update_fields=["meeting_place"])
    with on_day(dt.date(2026, 1, 2)):
        published_period(neighbourhood=wijk, ceiling_cents=5_000_000)
    return regiegroep(wijk)


def _handle(group: Group, item: AgendaItem, **advice: Any) -> None:
    declare_all(group, item, group.voters)
    item = agenda_item_open(actor=group.chair, agenda_item=item)
    advice_record(
        actor=group.chair,
        agenda_item=item,
        motivation=ADVICE_MOTIVATION,
        by_consensus=True,
        **advice,
    )


def _held_meeting(group: Group, *, publish: bool = True) -> dict[str, Initiative]:
    """A meeting on MEETING_DAY with three plans: one advised to award, one advised
    to reject, one deferred. The municipality then decides on the first two."""
    wijk = group.wijk
    with on_day(TODAY):
        meeting = planned_meeting(group)
        plans = {
            "award": checked_plan(
                wijk,
                title="Bankjes op het plein",
                initiator=resident(wijk, full_name="Fatima Yilmaz"),
                publish_initiator_name=True,
            ),
            "reject": checked_plan(
                wijk,
                title="Skatebaan",
                initiator=resident(wijk, full_name="Kees Verborgen"),
            ),
            "defer": checked_plan(wijk, title="Speeltuin"),
        }
        items = {
            key: agenda_item_add(
                actor=group.secretary, meeting=meeting, initiative=plan
            )
            for key, plan in plans.items()
        }
    with on_day(MEETING_DAY):
        open_meeting(group, items["award"], group.voters)
        _handle(group, items["award"], outcome=AdviceOutcome.AWARD, amount_cents=45_000)
        _handle(
            group,
            items["reject"],
            outcome=AdviceOutcome.REJECT,
            reason_code=ReasonCode.NOT_FEASIBLE,
        )
        agenda_item_defer(
            actor=group.chair,
            agenda_item=items["defer"],
            reason_code=ReasonCode.INSUFFICIENT_SUPPORT,
            motivation=ADVICE_MOTIVATION,
        )
        meeting_close(actor=group.chair, meeting=meeting)
        minutes_save(actor=group.secretary, meeting=meeting, minutes=MINUTES)
    with on_day(MEETING_DAY + dt.timedelta(days=1)):
        if publish:
            minutes_publish(actor=group.secretary, meeting=meeting)
        decision_issue(
            actor=group.official,
            initiative=plans["award"],
            outcome="award",
            amount_cents=45_000,
        )
        decision_issue(
            actor=group.official,
            initiative=plans["reject"],
            outcome="reject",
            reason_code=ReasonCode.NOT_FEASIBLE,
            motivation=DECISION_MOTIVATION,
            public_explanation=PUBLIC_EXPLANATION,
        )
    for plan in plans.values():
        plan.refresh_from_db()
    return plans


def _decision_list_url(wijk: Neighbourhood, meeting: Meeting) -> str:
    return reverse(
        "transparency:decision_list",
        kwargs={"slug": wijk.slug, "meeting_uuid": meeting.uuid},
    )


def test_besluitenlijst_shows_outcome_amount_and_reason_only(
    client: Client, group: Group
) -> None:
    # given
    plans = _held_meeting(group)
    meeting = Meeting.objects.get()
    # when
    response = _get(client, _decision_list_url(group.wijk, meeting))
    # then
    assert response.status_code == 200
    items = response.context["decisions"].items
    assert [
        (
            i.position,
            i.title,
            i.advice_label,
            i.advice_amount_cents,
            i.advice_reason_label,
            i.deferred,
        )
        for i in items
    ] == [
        (1, "Bankjes op het plein", "Award", 45_000, "", False),
        (2, "Skatebaan", "Reject", None, "not feasible", False),
        (3, "Speeltuin", "", None, "", True),
    ]
    assert [
        (i.decision_label, i.decision_amount_cents, i.public_explanation) for i in items
    ] == [
        ("Awarded", 45_000, ""),
        ("Rejected", None, PUBLIC_EXPLANATION),
        ("", None, ""),
    ]
    text = _text(response.content)
    assert _euro("Award: € 450") in text
    assert "Deferred to a later meeting" in text
    assert PUBLIC_EXPLANATION in text
    html = response.content.decode()
    for secret in (
        ADVICE_MOTIVATION,
        DECISION_MOTIVATION,
        MINUTES,
        "Kees Verborgen",
        "Fatima Yilmaz",
        plans["reject"].initiator.email,
        *(member.full_name for member in group.voters if member.full_name),
    ):
        assert secret not in html
    assert "votes" not in text.lower().replace("we do not publish who voted how", "")
    assert (
        reverse(
            "transparency:plan",
            kwargs={"slug": group.wijk.slug, "initiative_uuid": plans["award"].uuid},
        )
        in html
    )


def test_besluitenlijst_is_404_until_published(client: Client, group: Group) -> None:
    # given
    _held_meeting(group, publish=False)
    meeting = Meeting.objects.get()
    # when / then
    assert _get(client, _decision_list_url(group.wijk, meeting)).status_code == 404
    other = neighbourhood_ready(name="Oost", slug="oost")
    assert _get(client, _decision_list_url(other, meeting)).status_code == 404


def test_plan_pages_carry_the_beschikking(client: Client, group: Group) -> None:
    # given
    plans = _held_meeting(group)
    wijk = group.wijk
    # when
    listing = _get(client, reverse("transparency:plans", kwargs={"slug": wijk.slug}))
    rejected = _get(
        client,
        reverse(
            "transparency:plan",
            kwargs={"slug": wijk.slug, "initiative_uuid": plans["reject"].uuid},
        ),
    )
    # then
    awarded = listing.context["plans"].awarded
    assert [
        (p.title, p.awarded_cents, p.decided_on, p.initiator_name) for p in awarded
    ] == [
        (
            "Bankjes op het plein",
            45_000,
            MEETING_DAY + dt.timedelta(days=1),
            "Fatima Yilmaz",
        )
    ]
    not_realised = listing.context["plans"].not_realised
    assert [(p.title, p.reason_code, p.public_explanation) for p in not_realised] == [
        ("Skatebaan", ReasonCode.NOT_FEASIBLE, PUBLIC_EXPLANATION)
    ]
    text = _text(rejected.content)
    assert "Why this plan did not get money" in text
    assert "Reason: not feasible." in text
    assert PUBLIC_EXPLANATION in text
    assert plans["reject"].decisions.get().number in text
    for secret in (ADVICE_MOTIVATION, DECISION_MOTIVATION, "Kees Verborgen"):
        assert secret not in rejected.content.decode()
        assert secret not in listing.content.decode()


def test_meeting_schedule_with_cut_off(client: Client, group: Group) -> None:
    # given a meeting still to come and one held with its list published
    _held_meeting(group)
    with on_day(AFTER):
        coming = planned_meeting(group, held_on=AFTER + dt.timedelta(days=30))
    url = reverse("transparency:meetings", kwargs={"slug": group.wijk.slug})
    # when
    response = _get(client, url)
    # then
    schedule = response.context["schedule"]
    assert [m.uuid for m in schedule.upcoming] == [coming.uuid]
    assert [m.held_on for m in schedule.published] == [MEETING_DAY]
    text = _text(response.content)
    cutoff = coming.cutoff_on
    assert f"Deadline for plans {cutoff.day} {cutoff:%B} {cutoff.year}" in text
    assert (
        f"Plans that the municipality has checked on or before {cutoff.day} "
        f"{cutoff:%B} {cutoff.year} are discussed at this meeting." in text
    )
    assert "Place Buurthuis De Linde" in text
    assert _decision_list_url(group.wijk, Meeting.objects.get(held_on=MEETING_DAY)) in (
        response.content.decode()
    )


def test_wijk_page_shows_the_next_meeting_and_recent_decisions(
    client: Client, group: Group
) -> None:
    # given
    _held_meeting(group)
    with on_day(AFTER):
        planned_meeting(group, held_on=AFTER + dt.timedelta(days=30))
    # when
    response = _get(
        client, reverse("transparency:neighbourhood", kwargs={"slug": group.wijk.slug})
    )
    # then
    page = response.context["page"]
    assert page.meetings.next_meeting.held_on == AFTER + dt.timedelta(days=30)
    assert [p.title for p in page.recent_decisions] == [
        "Skatebaan",
        "Bankjes op het plein",
    ]
    text = _text(response.content)
    assert "Next meeting" in text
    assert "Latest besluitenlijsten" in text
    assert "That date has passed" not in text
    # the budget meter counts the award's reservation, as the decisions app sees it
    assert page.budget.summary.awarded_cents == 45_000
    assert reserved_cents_by_period(budget_periods=[page.budget.period]) == {
        page.budget.period.pk: 45_000
    }


def test_a_cut_off_that_has_passed_is_said_in_words(
    client: Client, group: Group
) -> None:
    # given a meeting in ten days whose cut-off (14 days before) has passed
    with on_day(TODAY):
        planned_meeting(group, held_on=TODAY + dt.timedelta(days=10))
    # when
    response = _get(
        client,
        reverse("transparency:meetings", kwargs={"slug": group.wijk.slug}),
        TODAY,
    )
    # then
    assert (
        "That date has passed: a plan checked later goes to a following meeting."
        in _text(response.content)
    )


def _queries(client: Client, url: str, day: dt.date) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, url, day)
    assert response.status_code == 200
    return len(queries)


def test_besluitenlijst_query_count_does_not_grow_with_the_agenda(
    client: Client, group: Group
) -> None:
    # given a meeting with three plans, and a later one with only the deferred plan
    plans = _held_meeting(group)
    second_day = AFTER + dt.timedelta(days=21)
    with on_day(AFTER):
        second = planned_meeting(group, held_on=second_day)
        item = agenda_item_add(
            actor=group.secretary, meeting=second, initiative=plans["defer"]
        )
    with on_day(second_day):
        open_meeting(group, item, group.voters)
        _handle(group, item, outcome=AdviceOutcome.AWARD, amount_cents=45_000)
        meeting_close(actor=group.chair, meeting=second)
        minutes_save(actor=group.secretary, meeting=second, minutes=MINUTES)
        minutes_publish(actor=group.secretary, meeting=second)
    first = Meeting.objects.get(held_on=MEETING_DAY)
    later = second_day + dt.timedelta(days=1)
    # when
    one = _queries(client, _decision_list_url(group.wijk, second), later)
    three = _queries(client, _decision_list_url(group.wijk, first), later)
    # then
    assert three == one
