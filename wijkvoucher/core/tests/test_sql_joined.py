"""``core.sql.joined_writes`` (docs/adr/0012-hot-path-sql.md, item 11): writes held back
and sent as one statement on PostgreSQL, with the keys of held-back rows filled in
where other rows refer to them; elsewhere, and outside the block, they run at once."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="misc"
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core import sql
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.services import audit_batch, audit_record
from wijkvoucher.core.tests.helpers import postgresql_only
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, Entry
from wijkvoucher.ledger.services import ledger_account_open, ledger_transaction_post
from wijkvoucher.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _accounts() -> tuple[Account, Account]:
    source = ledger_account_open(
        actor=None,
        code="test:source",
        kind=AccountKind.FUNDING,
        name="Bron",
        allow_negative=True,
    )
    target = ledger_account_open(
        actor=None, code="test:target", kind=AccountKind.FUNDING, name="Doel"
    )
    return source, target


def test_rows_refer_to_held_back_rows_and_get_their_keys() -> None:
    # given
    source, target = _accounts()
    user = UserFactory()
    keys_seen: list[object] = []
    # when
    with (
        transaction.atomic(),
        CaptureQueriesContext(connection) as queries,
        sql.joined_writes(),
        audit_batch(),
    ):
        posted = ledger_transaction_post(
            actor=None,
            kind=TransactionKind.ADJUSTMENT,
            entries=[(source, -5), (target, 5)],
        )
        notes = [
            Notification(recipient=user, kind="test", subject=str(n), body="")
            for n in range(3)
        ]
        sql.insert(notes)
        audit_record(actor=None, action="test.joined", subject=posted)
        sql.after_joined(lambda: keys_seen.append(posted.pk))
        held_back: object = posted.pk
    # then
    assert posted.pk is not None
    assert keys_seen == [posted.pk]
    entries = Entry.objects.filter(transaction=posted)
    assert sorted(entries.values_list("account_id", "amount_cents")) == sorted(
        [(source.pk, -5), (target.pk, 5)]
    )
    event = AuditEvent.objects.get(action="test.joined")
    assert event.subject_id == str(posted.pk)
    stored = list(Notification.objects.filter(kind="test").order_by("pk"))
    assert [n.pk for n in notes] == [n.pk for n in stored]
    assert [n.subject for n in stored] == ["0", "1", "2"]
    assert Account.objects.get(pk=target.pk).balance_cents == 5
    sent = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        assert held_back is None  # the key came with the joined statement
        # every write in one statement; the rest only read (the account locks)
        assert [q.startswith("WITH ") for q in sent].count(True) == 1
        assert all(q.startswith(("WITH ", "SELECT ")) for q in sent)
    else:
        assert held_back == posted.pk  # SQLite: written at once


def test_outside_the_block_writes_run_at_once() -> None:
    # given
    user = UserFactory()
    note = Notification(recipient=user, kind="test", subject="x", body="")
    seen: list[object] = []
    # when
    sql.insert([note])
    sql.after_joined(lambda: seen.append(note.pk))
    # then
    assert note.pk is not None
    assert seen == [note.pk]


@postgresql_only("the writes are held back only on PostgreSQL")
def test_an_exception_in_the_block_drops_the_held_back_writes() -> None:
    # given
    user = UserFactory()
    before = Notification.objects.count()

    # when
    def fails() -> None:
        with sql.joined_writes():
            sql.insert([Notification(recipient=user, kind="t", subject="x", body="")])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fails()
    # then
    assert Notification.objects.count() == before


def test_an_update_that_changes_other_than_the_rows_expected_fails() -> None:
    # given
    source, _target = _accounts()
    table = sql.table(Account)
    # when / then
    with pytest.raises(DatabaseError), transaction.atomic(), sql.joined_writes():
        sql.update(
            f"UPDATE {table} SET name = %s WHERE id IN (%s, %s)",  # noqa: S608
            ["Nieuw", source.pk, -1],
            rows=2,
        )
    assert Account.objects.get(pk=source.pk).name == "Bron"


def test_nested_blocks_join_the_outermost() -> None:
    # given
    user = UserFactory()
    note = Notification(recipient=user, kind="t", subject="x", body="")
    # when
    with transaction.atomic(), sql.joined_writes():
        with sql.joined_writes():
            sql.insert([note])
        inner_done = note.pk
    # then
    assert note.pk is not None
    if connection.vendor == "postgresql":
        assert inner_done is None


def test_a_read_in_the_block_takes_the_held_back_inserts_with_it() -> None:
    # given
    user = UserFactory()
    note = Notification(recipient=user, kind="t", subject="x", body="")
    table = sql.table(Notification)
    # when
    with (
        transaction.atomic(),
        CaptureQueriesContext(connection) as queries,
        sql.joined_writes(),
    ):
        sql.insert([note])
        row = sql.fetch_one(
            f"SELECT count(*) FROM {table} WHERE kind = %s",  # noqa: S608
            ["t"],
        )
        key_after_read = note.pk
    # then
    assert key_after_read is not None
    assert Notification.objects.get(pk=note.pk).subject == "x"
    if connection.vendor == "postgresql":
        # one statement; the read does not see the insert it carries
        assert row == (0,)
        assert len(queries.captured_queries) == 1
    else:
        assert row == (1,)
