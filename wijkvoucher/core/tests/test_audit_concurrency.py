"""Concurrent appends and seals keep one unbroken audit chain: writers only insert,
and every seal locks the chain head row (a row lock on PostgreSQL, the IMMEDIATE write
lock on SQLite; docs/adr/0010)."""

from __future__ import annotations

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.core.services import audit_record, audit_seal
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

    def append_five_and_seal(thread: int) -> None:
        for n in range(5):
            audit_record(
                actor=None, action="test.concurrent", data={"thread": thread, "n": n}
            )
            audit_seal(wait=thread % 2 == 0)

    # when
    outcomes = run_together(append_five_and_seal, list(range(20)))
    audit_seal()
    # then
    assert outcomes == {"ok": 20}
    sequences = list(
        AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True)
    )
    assert sequences == list(range(before + 1, before + 101))
    assert audit_chain_problems() == []
    assert sorted(
        (e.data["thread"], e.data["n"])
        for e in AuditEvent.objects.filter(action="test.concurrent")
    ) == [(t, n) for t in range(20) for n in range(5)]
