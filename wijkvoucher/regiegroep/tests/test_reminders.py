"""The regiegroep's meeting cut-off reminder: once, three days ahead, to the chair,
the secretary and the wijk's contact official."""

from __future__ import annotations

import datetime as dt

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.roles import LEADER_ROLES
from wijkvoucher.neighbourhoods.tests.factories import (
    NeighbourhoodFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.notifications.models import Notification
from wijkvoucher.regiegroep.constants import MeetingStatus
from wijkvoucher.regiegroep.models import Meeting
from wijkvoucher.regiegroep.reminders import meeting_cutoff_reminders_send

pytestmark = pytest.mark.django_db

CUTOFF = dt.date(2026, 6, 18)


def test_the_reminder_goes_to_the_chair_and_the_secretary() -> None:
    assert set(LEADER_ROLES) == {
        Role.STEERING_CHAIR.value,
        Role.STEERING_SECRETARY.value,
    }


def test_the_cutoff_reminder_goes_once_to_the_leads_and_the_contact() -> None:
    # given a planned meeting with its cut-off on 18 June, and the wijk's people
    wijk = NeighbourhoodFactory.create()
    contact = UserFactory.create()
    wijk.contact_official = contact
    wijk.save(update_fields=["contact_official"])
    chair, secretary, member = (
        RoleAssignmentFactory.create(role=role, neighbourhood=wijk).user
        for role in (Role.STEERING_CHAIR, Role.STEERING_SECRETARY, Role.STEERING_MEMBER)
    )
    elsewhere = RoleAssignmentFactory.create(role=Role.STEERING_CHAIR).user
    meeting = Meeting.objects.create(
        neighbourhood=wijk, held_on=dt.date(2026, 7, 2), cutoff_on=CUTOFF
    )
    # when the scan runs four days before: nothing
    assert meeting_cutoff_reminders_send(today=CUTOFF - dt.timedelta(days=4)) == []
    # three days before: the chair, secretary and contact official, once
    assert meeting_cutoff_reminders_send(today=CUTOFF - dt.timedelta(days=3)) == [
        meeting.pk
    ]
    assert meeting_cutoff_reminders_send(today=CUTOFF - dt.timedelta(days=2)) == []
    notified = set(Notification.objects.values_list("recipient", flat=True))
    assert notified == {chair.pk, secretary.pk, contact.pk}
    assert member.pk not in notified
    assert elsewhere.pk not in notified
    message = Notification.objects.get(recipient=chair)
    assert message.kind == "reminder.meeting_cutoff"
    assert "18 juni 2026" in message.body
    assert (
        AuditEvent.objects.filter(
            action="notifications.meeting_cutoff_reminders_send"
        ).count()
        == 1
    )


def test_a_meeting_already_open_gets_no_reminder() -> None:
    wijk = NeighbourhoodFactory.create()
    RoleAssignmentFactory(role=Role.STEERING_CHAIR, neighbourhood=wijk)
    Meeting.objects.create(
        neighbourhood=wijk,
        held_on=CUTOFF,
        cutoff_on=CUTOFF,
        status=MeetingStatus.OPEN,
    )
    assert meeting_cutoff_reminders_send(today=CUTOFF) == []
    assert Notification.objects.count() == 0
