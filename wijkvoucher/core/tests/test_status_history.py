"""The status history is append-only (database triggers, like the audit trail and
the ledger), and a machine's table cannot hold a step twice or a step that stays."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction

import pytest

from wijkvoucher.core.models import AuditChainHead, StatusHistory
from wijkvoucher.core.workflow import Machine, Step

pytestmark = pytest.mark.django_db


def _execute(sql: str, params: list[Any]) -> None:
    """In a savepoint, so that PostgreSQL keeps the test's transaction usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_statushistory SET to_status = 'rejected' WHERE id = %s",
        "UPDATE core_statushistory SET note = 'changed' WHERE id = %s",
        "DELETE FROM core_statushistory WHERE id = %s",
    ],
    ids=["update-status", "update-note", "delete"],
)
def test_raw_changes_to_the_history_are_refused(sql: str) -> None:
    # given a history row (the transition helpers write them; any subject will do)
    entry = StatusHistory.objects.create(
        subject_type=ContentType.objects.get_for_model(AuditChainHead),
        subject_id="1",
        machine="test.machine",
        action="test.approve",
        from_status="submitted",
        to_status="approved",
        note="Akkoord.",
    )
    before = StatusHistory.objects.filter(pk=entry.pk).values().get()
    # when it is changed behind the services' back, then the database refuses
    with pytest.raises(IntegrityError, match="append-only"):
        _execute(sql, [entry.pk])
    assert StatusHistory.objects.filter(pk=entry.pk).values().get() == before


@pytest.mark.parametrize(
    "steps",
    [
        (Step("a", "b", "x.go"), Step("a", "b", "x.go")),
        (Step("a", "a", "x.stay"),),
    ],
    ids=["repeated", "stays"],
)
def test_a_table_refuses_a_repeated_or_standing_step(steps: tuple[Step, ...]) -> None:
    with pytest.raises(ValueError, match="bad or repeated step"):
        Machine(name="x", steps=steps)
