"""The demo's story of the months before the demo day (conftest: 2 March 2026):
meetings, advices, beschikkingen, an objection, co-initiators and support."""

from __future__ import annotations

import datetime as dt

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.decisions.constants import FOLLOW_UP
from wijkvoucher.decisions.document import decision_pdf
from wijkvoucher.decisions.models import Decision, Objection
from wijkvoucher.demo.loader import STORY_DAYS
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import (
    CoInitiator,
    Initiative,
    StatusChange,
    SupportSignature,
)
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.notifications.models import Notification
from wijkvoucher.regiegroep.constants import MeetingStatus
from wijkvoucher.regiegroep.models import (
    Advice,
    Assessment,
    Attendance,
    ConflictDeclaration,
    Meeting,
    MemberVote,
)

pytestmark = pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")

DEMO_DAY = dt.date(2026, 3, 2)


def test_two_past_meetings_have_attendance_votes_advices_and_published_minutes() -> (
    None
):
    # given: the demo data is loaded

    # when
    closed = list(
        Meeting.objects.filter(status=MeetingStatus.CLOSED)
        .select_related("neighbourhood")
        .order_by("held_on")
    )
    past = [m for m in closed if m.held_on > DEMO_DAY - dt.timedelta(weeks=8)]
    history = [m for m in closed if m not in past]

    # then: two meetings of this round, and one per wijk in the year's history, each
    # with one plan advised by consensus
    assert [(m.neighbourhood.slug, m.held_on) for m in past] == [
        ("havenkwartier", DEMO_DAY - dt.timedelta(weeks=6)),
        ("molenbuurt", DEMO_DAY - dt.timedelta(weeks=3)),
    ]
    assert [(m.neighbourhood.slug, m.held_on) for m in history] == [
        ("havenkwartier", DEMO_DAY - dt.timedelta(days=306)),
        ("molenbuurt", DEMO_DAY - dt.timedelta(days=221)),
        ("de-hoven", DEMO_DAY - dt.timedelta(days=146)),
    ]
    for meeting in history:
        assert meeting.minutes_published_at is not None
        assert Advice.objects.get(agenda_item__meeting=meeting).by_consensus
    for meeting in past:
        assert meeting.minutes.startswith("Besluitenlijst regiegroep")
        assert meeting.minutes_published_at is not None
        assert meeting.minutes_published_at.date() > meeting.held_on
        assert Attendance.objects.filter(meeting=meeting, present=False).count() == 1
        assert Attendance.objects.filter(meeting=meeting, present=True).count() >= 4
        assert Advice.objects.filter(agenda_item__meeting=meeting).count() >= 2
        assert Assessment.objects.filter(agenda_item__meeting=meeting).exists()
        assert MemberVote.objects.filter(agenda_item__meeting=meeting).exists()


def test_members_with_an_interest_declared_it_and_did_not_vote() -> None:
    # given: the demo data is loaded

    # when
    conflicts = ConflictDeclaration.objects.filter(has_conflict=True).select_related(
        "member", "agenda_item__initiative"
    )

    # then
    found = {
        (c.member.full_name, c.agenda_item.initiative.title, c.kind, c.detected)
        for c in conflicts
    }
    assert found == {
        ("Sanne de Vries", "Natuurspeelplek op het Pakhuisplein", "supporter", True),
        ("Wilma Koster", "Jeu-de-boulesbaan bij De Wiek", "other", False),
    }
    for conflict in conflicts:
        assert not MemberVote.objects.filter(
            agenda_item=conflict.agenda_item, member=conflict.member
        ).exists()
        assert not Assessment.objects.filter(
            agenda_item=conflict.agenda_item, member=conflict.member
        ).exists()


def test_every_wijk_has_a_coming_meeting_with_its_cut_off_date() -> None:
    # given: the demo data is loaded

    # when
    coming = Meeting.objects.filter(held_on__gte=DEMO_DAY).select_related(
        "neighbourhood"
    )

    # then
    assert sorted(m.neighbourhood.slug for m in coming) == [
        "de-hoven",
        "de-hoven",
        "havenkwartier",
        "molenbuurt",
    ]
    for meeting in coming:
        assert meeting.cutoff_on == meeting.held_on - dt.timedelta(days=14)
    tonight = coming.get(held_on=DEMO_DAY)
    assert tonight.status == MeetingStatus.OPEN
    assert {i.initiative.status for i in tonight.agenda_items.all()} == {
        S.ADVISED,
        S.IN_DELIBERATION,
    }


def test_decided_plans_have_a_numbered_beschikking_with_a_pdf() -> None:
    # given: the demo data is loaded

    # when
    decisions = (
        Decision.objects.select_related("initiative")
        .exclude(outcome__in=sorted(FOLLOW_UP))
        .order_by("sequence")
    )
    follow_up = Decision.objects.filter(outcome__in=sorted(FOLLOW_UP))

    # then: the year's history (2025: three awards, each followed by its
    # vaststelling), the seven decisions on applications of this year, then the
    # havendag's vaststelling and terugvordering (content_accountability.py)
    assert [d.number for d in decisions if d.year == DEMO_DAY.year] == [
        f"DIJKSTAD-2026-{n:04d}" for n in range(1, 8)
    ]
    assert [d.number for d in decisions if d.year < DEMO_DAY.year] == [
        "DIJKSTAD-2025-0001",
        "DIJKSTAD-2025-0003",
        "DIJKSTAD-2025-0004",
    ]
    assert sorted((d.initiative.title, d.outcome) for d in follow_up) == [
        ("Bloembollen langs de Kloosterhof", "settle"),
        ("Havendag voor de hele buurt", "recover"),
        ("Havendag voor de hele buurt", "settle"),
        ("Plantenbakken in de Touwslagerij", "settle"),
        ("Repair Café in De Wiek", "settle"),
    ]
    assert {d.initiative.title: d.outcome for d in decisions} == {
        "Plantenbakken in de Touwslagerij": "award",
        "Repair Café in De Wiek": "award",
        "Bloembollen langs de Kloosterhof": "award",
        "Natuurspeelplek op het Pakhuisplein": "award",
        "Zomerterras bij de vismarkt": "reject",
        "Havendag voor de hele buurt": "partly_award",
        "Zeilles voor buurtkinderen in de oude haven": "award",
        "Jeu-de-boulesbaan bij De Wiek": "award",
        "Waterspeelplek bij de Molenvijver": "reject",
        "Natuurspeurtocht in park De Hof": "not_processed",
    }
    reasons = {
        d.initiative.title: d.reason_code for d in decisions if d.outcome == "reject"
    }
    assert reasons == {
        "Zomerterras bij de vismarkt": "rule_breach",
        "Waterspeelplek bij de Molenvijver": "not_feasible",
    }
    for decision in [*decisions, *follow_up]:
        assert decision.issued_on < DEMO_DAY
        assert not decision.deviates_from_advice
        assert decision_pdf(decision=decision).startswith(b"%PDF")


def test_one_objection_was_registered_against_a_rejection() -> None:
    # given: the demo data is loaded

    # when
    objection = Objection.objects.select_related("decision__initiative").get()

    # then
    assert objection.decision.outcome == "reject"
    assert objection.objector_name == "Gerrit Vos"
    assert objection.received_on > objection.decision.issued_on
    assert objection.late is False


def test_the_cancelled_award_went_back_to_the_budget_with_its_reason() -> None:
    # given
    plan = Initiative.objects.get(status=S.CANCELLED)

    # when
    change = StatusChange.objects.get(initiative=plan, to_status=S.CANCELLED)

    # then
    assert change.reason_code == "not_feasible"
    assert "De Kaap" in change.motivation
    assert (
        LedgerTransaction.objects.filter(kind=TransactionKind.DECISION_RELEASE).count()
        == 1
    )


def test_plans_have_co_initiators_and_support_from_neighbours() -> None:
    # given: the demo data is loaded

    # when
    co = CoInitiator.objects.filter(accepted_at__isnull=False).select_related(
        "user", "initiative"
    )
    signatures = SupportSignature.objects.select_related("initiative")

    # then
    assert {(c.initiative.title, c.user.full_name) for c in co if c.user} == {
        ("Natuurspeelplek op het Pakhuisplein", "Dennis Hoogland"),
        ("Jeu-de-boulesbaan bij De Wiek", "Jan Kramer"),
    }
    per_plan = {s.initiative.title for s in signatures}
    assert len(per_plan) >= 4
    assert signatures.filter(stance="for").count() == signatures.count() >= 15


def test_people_find_notifications_in_their_inbox() -> None:
    # given: the demo data is loaded

    # when
    kinds = set(Notification.objects.values_list("kind", flat=True))

    # then
    assert {
        "regiegroep.agenda_date",
        "regiegroep.advice",
        "decisions.decision_issued",
        "decisions.objection_received",
    } <= kinds
    assert Notification.objects.filter(recipient__email="naima.bakkali@example.nl")


def test_the_story_happened_in_the_past_in_time_order() -> None:
    # given: the demo data is loaded

    # when
    events = list(AuditEvent.objects.order_by("id"))
    changes = StatusChange.objects.order_by("initiative_id", "pk")

    # then: the audit trail and the timelines run forward and end before now
    times = [event.created_at for event in events]
    assert times == sorted(times)
    assert times[0].date() == DEMO_DAY - dt.timedelta(days=STORY_DAYS)
    assert times[-1].date() <= DEMO_DAY
    previous: dict[int, dt.datetime] = {}
    for change in changes:
        assert change.created_at >= previous.get(
            change.initiative_id, change.created_at
        )
        previous[change.initiative_id] = change.created_at
