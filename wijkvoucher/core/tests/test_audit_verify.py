"""``manage.py audit_verify`` detects a hand edit of any row (docs/money.md#the-invariants,
I9: it finds every one of them). To edit a row the test first
lifts the append-only trigger, as someone with database access could."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

import pytest
import time_machine

from wijkvoucher.core.models import AuditEvent, audit_hash
from wijkvoucher.core.services import audit_record, audit_seal
from wijkvoucher.core.tests.helpers import append_only_lifted
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.ledger.services import (
    ledger_transaction_post,
    ledger_transaction_reverse,
)
from wijkvoucher.ledger.tests.helpers import funded_budget, open_account

pytestmark = pytest.mark.django_db


def _audit_verify() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def _five_events() -> list[AuditEvent]:
    start = AuditEvent.objects.count()
    for n in range(5):
        audit_record(actor=None, action=f"test.event{n}", data={"n": n})
    audit_seal()
    return list(AuditEvent.objects.filter(sequence__gt=start).order_by("sequence"))


def _problem_lines(exc: pytest.ExceptionInfo[CommandError]) -> list[str]:
    return str(exc.value).splitlines()


def test_clean_after_real_service_calls() -> None:
    # given
    _funding, budget = funded_budget(10_000)
    voucher = open_account("voucher:1")
    posted = ledger_transaction_post(
        actor=None,
        kind=TransactionKind.ADJUSTMENT,
        entries=[(budget, -2_500), (voucher, 2_500)],
    )
    ledger_transaction_reverse(actor=None, original=posted, memo="wrong voucher")
    # when
    output = _audit_verify()
    # then
    assert (
        output == f"audit_verify: {AuditEvent.objects.count()} events, chain intact\n"
    )
    assert AuditEvent.objects.count() == 6
    assert LedgerTransaction.objects.count() == 3


def test_hand_edit_of_one_row_is_named() -> None:
    # given
    events = _five_events()
    edited = events[2]
    with append_only_lifted("core_auditevent"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET data = %s WHERE id = %s",
            ['{"n": 200}', edited.pk],
        )
    # when
    with pytest.raises(CommandError) as exc:
        _audit_verify()
    # then
    assert _problem_lines(exc) == [
        f"audit_verify: row {edited.sequence} (id {edited.pk}, action test.event2) "
        "was changed after it was written",
        "audit trail broken: 1 problem(s)",
    ]


def test_hand_edit_that_recomputes_the_hash_breaks_the_next_link() -> None:
    # given: the editor knows the scheme and rewrites the row's own hash too
    events = _five_events()
    edited = events[1]
    edited.action = "test.forged"
    forged_hash = audit_hash(edited.previous_hash or "", edited.canonical())
    with append_only_lifted("core_auditevent"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET action = %s, hash = %s WHERE id = %s",
            ["test.forged", forged_hash, edited.pk],
        )
    # when
    with pytest.raises(CommandError) as exc:
        _audit_verify()
    # then
    following = events[2]
    assert _problem_lines(exc) == [
        f"audit_verify: row {following.sequence} (id {following.pk}) does not link "
        "to the row before it",
        "audit trail broken: 1 problem(s)",
    ]


def test_deleted_middle_row_is_named_as_a_gap() -> None:
    # given
    events = _five_events()
    removed = events[2]
    with append_only_lifted("core_auditevent"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [removed.pk])
    # when
    with pytest.raises(CommandError) as exc:
        _audit_verify()
    # then
    after = events[3]
    assert _problem_lines(exc) == [
        f"audit_verify: row {removed.sequence} is missing "
        f"(row {after.sequence} follows row {int(removed.sequence or 0) - 1})",
        f"audit_verify: row {after.sequence} (id {after.pk}) does not link to the "
        "row before it",
        "audit trail broken: 2 problem(s)",
    ]


def test_deleted_last_rows_are_named_from_the_chain_head() -> None:
    # given
    events = _five_events()
    with append_only_lifted("core_auditevent"), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM core_auditevent WHERE sequence >= %s", [events[3].sequence]
        )
    # when
    with pytest.raises(CommandError) as exc:
        _audit_verify()
    # then
    last = int(events[4].sequence or 0)
    assert _problem_lines(exc) == [
        f"audit_verify: the chain head says row {last} is the last, but the table "
        f"ends at row {last - 2}: rows {last - 1} to {last} are missing",
        "audit trail broken: 1 problem(s)",
    ]


def test_audit_verify_seals_what_is_waiting_first() -> None:
    # given
    event = audit_record(actor=None, action="test.waiting")
    # when
    output = _audit_verify()
    # then
    event.refresh_from_db()
    assert event.hash is not None
    assert output.endswith("chain intact\n")


def test_an_event_left_unsealed_too_long_is_a_problem() -> None:
    # given: an event written an hour ago that nothing sealed
    event = audit_record(actor=None, action="test.forgotten")
    later = event.created_at + dt.timedelta(hours=1)
    # when
    with time_machine.travel(later, tick=False), pytest.raises(CommandError) as exc:
        call_command("audit_verify", "--no-seal", stdout=StringIO())
    # then
    (line, _summary) = _problem_lines(exc)
    assert line.startswith(f"audit_verify: event id {event.pk} from ")
    assert line.endswith("is still not sealed: is `manage.py audit_seal` running?")


def test_audit_seal_command_says_how_many() -> None:
    # given
    audit_record(actor=None, action="test.one")
    audit_record(actor=None, action="test.two")
    out = StringIO()
    # when
    call_command("audit_seal", stdout=out)
    # then
    assert out.getvalue() == "audit_seal: 2 event(s) sealed\n"
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
