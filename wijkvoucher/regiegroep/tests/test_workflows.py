"""The regiegroep's transition tables (regiegroep.workflows): every allowed step
does exactly what it says through ``regiegroep_transition``, every other pair is
refused with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone

import pytest

from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case, shared_rows
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.regiegroep.constants import AgendaItemStatus, MeetingStatus
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.services.transitions import regiegroep_transition
from wijkvoucher.regiegroep.tests.factories import (
    Group,
    item_on_agenda,
    planned_meeting,
    regiegroep,
)
from wijkvoucher.regiegroep.workflows import AGENDA_ITEM, MEETING

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture(scope="module")
def group_and_item(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[tuple[Group, AgendaItem]]:
    """A regiegroep with a planned meeting and a plan on its agenda, made once for
    the module."""
    with shared_rows(django_db_blocker), on_day():
        group = regiegroep()
        yield group, item_on_agenda(group, planned_meeting(group))


@pytest.mark.parametrize("case", cases(MEETING, MeetingStatus))
def test_meeting_table(case: Case, group_and_item: tuple[Group, AgendaItem]) -> None:
    group, item = group_and_item
    meeting = item.meeting
    Meeting.objects.filter(pk=meeting.pk).update(status=case.source)
    meeting.refresh_from_db()
    check_case(
        machine=MEETING,
        case=case,
        row=meeting,
        take=lambda row, to, action: regiegroep_transition(
            actor=group.chair,
            machine=MEETING,
            row=row,
            to=to,
            action=action,
        ),
        refusal_code="meeting_status",
    )


@pytest.mark.parametrize("case", cases(AGENDA_ITEM, AgendaItemStatus))
def test_agenda_item_table(
    case: Case, group_and_item: tuple[Group, AgendaItem]
) -> None:
    group, item = group_and_item
    opened = None if case.source == AgendaItemStatus.WAITING else timezone.now()
    AgendaItem.objects.filter(pk=item.pk).update(status=case.source, opened_at=opened)
    item.refresh_from_db()
    check_case(
        machine=AGENDA_ITEM,
        case=case,
        row=item,
        take=lambda row, to, action: regiegroep_transition(
            actor=group.chair,
            machine=AGENDA_ITEM,
            row=row,
            to=to,
            action=action,
            fields={"opened_at": timezone.now()},
        ),
        refusal_code="item_status",
    )
