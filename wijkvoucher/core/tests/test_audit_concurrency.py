"""Concurrent appends keep one unbroken audit chain: the chain head row is locked by
every append (a row lock on PostgreSQL, the IMMEDIATE write lock on SQLite)."""

from __future__ import annotations

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.core.services import audit_record
from wijkvoucher.core.tests.concurrency import run_together

# One xdist worker runs every many-thread test, so that two of them never open more
# database connections together than PostgreSQL allows (100 by default).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("concurrency"),
]


def test_twenty_threads_appending_five_events_each_keep_one_chain() -> None:
    # given
    before = AuditEvent.objects.count()

    def append_five(thread: int) -> None:
        for n in range(5):
            audit_record(
                actor=None, action="test.concurrent", data={"thread": thread, "n": n}
            )

    # when
    outcomes = run_together(append_five, list(range(20)))
    # then
    assert outcomes == {"ok": 20}
    sequences = list(AuditEvent.objects.values_list("sequence", flat=True))
    assert sequences == list(range(before + 1, before + 101))
    assert audit_chain_problems() == []
    assert sorted(
        (e.data["thread"], e.data["n"])
        for e in AuditEvent.objects.filter(action="test.concurrent")
    ) == [(t, n) for t in range(20) for n in range(5)]
