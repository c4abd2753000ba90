"""The timeline is history: raw SQL cannot edit or delete a status change, a contact
hand-over, an extension of the decision term or a notice of default."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import IntegrityError, connection, transaction

import pytest

from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import (
    ContactHandover,
    DecisionTermExtension,
    NoticeOfDefault,
    StatusChange,
)
from wijkvoucher.initiatives.services import (
    initiative_contact_change,
    initiative_extend_decision_term,
    initiative_notice_of_default_send,
)
from wijkvoucher.initiatives.tests.factories import initiative_in
from wijkvoucher.neighbourhoods.tests.helpers import official, on_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _execute(sql: str, params: list[Any]) -> None:
    """In a savepoint, so that PostgreSQL keeps the test's transaction usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE initiatives_statuschange SET to_status = 'awarded' WHERE id = %s",
        "UPDATE initiatives_statuschange SET motivation = 'changed' WHERE id = %s",
        "DELETE FROM initiatives_statuschange WHERE id = %s",
    ],
    ids=["update-status", "update-motivation", "delete"],
)
def test_raw_changes_to_a_status_change_are_refused(sql: str) -> None:
    # given a step on the timeline
    initiative_in(S.SUBMITTED)
    change = StatusChange.objects.get()
    before = StatusChange.objects.filter(pk=change.pk).values().get()
    # when it is changed behind the services' back, then the database refuses
    with pytest.raises(IntegrityError, match="append-only"):
        _execute(sql, [change.pk])
    assert StatusChange.objects.filter(pk=change.pk).values().get() == before


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE initiatives_contacthandover SET note = 'changed' WHERE id = %s",
        "DELETE FROM initiatives_contacthandover WHERE id = %s",
    ],
    ids=["update-note", "delete"],
)
def test_raw_changes_to_a_handover_are_refused(sql: str) -> None:
    # given a hand-over, whose note the initiator reads
    initiative = initiative_in(S.SUBMITTED)
    old = initiative.contact_official
    assert old is not None
    initiative_contact_change(
        actor=old,
        initiative=initiative,
        to_official=official(neighbourhood=initiative.neighbourhood),
        note="Zie het gesprek van 3 juni.",
    )
    handover = ContactHandover.objects.get()
    before = ContactHandover.objects.filter(pk=handover.pk).values().get()
    # when it is changed behind the services' back, then the database refuses
    with pytest.raises(IntegrityError, match="append-only"):
        _execute(sql, [handover.pk])
    assert ContactHandover.objects.filter(pk=handover.pk).values().get() == before


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE initiatives_decisiontermextension SET to_due_on = '2030-01-01' "
        "WHERE id = %s",
        "DELETE FROM initiatives_decisiontermextension WHERE id = %s",
        "UPDATE initiatives_noticeofdefault SET penalty_starts_on = '2030-01-01' "
        "WHERE initiative_id = %s",
        "DELETE FROM initiatives_noticeofdefault WHERE initiative_id = %s",
    ],
    ids=["update-extension", "delete-extension", "update-notice", "delete-notice"],
)
def test_raw_changes_to_an_extension_or_a_notice_of_default_are_refused(
    sql: str,
) -> None:
    # given an extended term and, once it ended, a notice of default (Awb 4:14, 4:17)
    initiative = initiative_in(S.SUBMITTED)
    assert initiative.contact_official is not None
    initiative_extend_decision_term(
        actor=initiative.contact_official, initiative=initiative, motivation="Druk."
    )
    initiative.refresh_from_db()
    assert initiative.decision_due_on is not None
    with on_day(initiative.decision_due_on + dt.timedelta(days=1)):
        initiative_notice_of_default_send(
            actor=initiative.initiator, initiative=initiative
        )
    extension = DecisionTermExtension.objects.get()
    rows = (
        list(DecisionTermExtension.objects.values()),
        list(NoticeOfDefault.objects.values()),
    )
    key = extension.pk if "extension" in sql else initiative.pk
    # when one is changed behind the services' back, then the database refuses
    with pytest.raises(IntegrityError, match="append-only"):
        _execute(sql, [key])
    assert rows == (
        list(DecisionTermExtension.objects.values()),
        list(NoticeOfDefault.objects.values()),
    )
