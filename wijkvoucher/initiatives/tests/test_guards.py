"""The timeline is history: raw SQL cannot edit or delete a status change or a
contact hand-over."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import IntegrityError, connection, transaction

import pytest

from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import ContactHandover, StatusChange
from wijkvoucher.initiatives.services import initiative_contact_change
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
