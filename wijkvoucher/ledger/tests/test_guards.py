"""The database itself refuses what the services never do (docs/money.md#the-invariants, I4, I8):
raw SQL that bypasses the ORM still cannot overdraw, edit or delete history."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.services import audit_seal
from wijkvoucher.core.tests.helpers import postgresql_only
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction
from wijkvoucher.ledger.tests.helpers import funded_budget, open_account
from wijkvoucher.neighbourhoods.models import RegulationVersion
from wijkvoucher.neighbourhoods.tests.factories import RegulationVersionFactory

APPEND_ONLY_MESSAGE = "append-only"


def _execute(sql: str, params: list[Any]) -> int:
    """Run raw SQL in a savepoint, so that a refusal leaves the test's transaction
    usable (PostgreSQL aborts the whole transaction otherwise)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def _entry() -> Entry:
    funded_budget(10_000)
    return Entry.objects.order_by("pk").first()  # type: ignore[return-value]


def _ledger_transaction() -> LedgerTransaction:
    funded_budget(10_000)
    return LedgerTransaction.objects.get()


def _audit_event() -> AuditEvent:
    """Unsealed, as every event is right after its write (docs/adr/0010)."""
    open_account("budget:centrum:2026")
    return AuditEvent.objects.order_by("-id").first()  # type: ignore[return-value]


def _sealed_audit_event() -> AuditEvent:
    event = _audit_event()
    audit_seal()
    event.refresh_from_db()
    return event


def _regulation_version() -> RegulationVersion:
    return RegulationVersionFactory.create()


APPEND_ONLY_ROWS: list[tuple[str, Callable[[], Any], str, str]] = [
    ("ledger_entry", _entry, "amount_cents", "1"),
    ("ledger_ledgertransaction", _ledger_transaction, "memo", "'changed'"),
    ("core_auditevent", _audit_event, "action", "'changed'"),
    ("core_auditevent", _sealed_audit_event, "action", "'changed'"),
    ("core_auditevent", _sealed_audit_event, "hash", "'" + "f" * 64 + "'"),
    ("core_auditevent", _sealed_audit_event, "sequence", "999999"),
    ("core_auditevent", _sealed_audit_event, "previous_hash", "NULL"),
    ("neighbourhoods_regulationversion", _regulation_version, "number", "99"),
]


@pytest.mark.django_db
def test_raw_overdraft_of_a_non_negative_account_is_refused() -> None:
    # given
    _funding, budget = funded_budget(1_000)
    # when
    with pytest.raises(IntegrityError):
        _execute(
            "UPDATE ledger_account SET balance_cents = balance_cents - 1001 "
            "WHERE id = %s",
            [budget.pk],
        )
    # then
    budget.refresh_from_db()
    assert budget.balance_cents == 1_000


@pytest.mark.django_db
def test_raw_negative_balance_is_allowed_where_the_account_allows_it() -> None:
    # given
    funding, _budget = funded_budget(1_000)
    # when
    changed = _execute(
        "UPDATE ledger_account SET balance_cents = -5000 WHERE id = %s", [funding.pk]
    )
    # then
    funding.refresh_from_db()
    assert (changed, funding.balance_cents) == (1, -5_000)


@pytest.mark.parametrize(
    ("table", "make_row", "column", "value"),
    APPEND_ONLY_ROWS,
    ids=[row[0] for row in APPEND_ONLY_ROWS],
)
@pytest.mark.django_db
def test_raw_update_of_history_is_refused(
    table: str, make_row: Callable[[], Any], column: str, value: str
) -> None:
    # given
    row = make_row()
    before = type(row).objects.filter(pk=row.pk).values().get()
    # when
    with pytest.raises(IntegrityError, match=APPEND_ONLY_MESSAGE):
        _execute(
            f"UPDATE {table} SET {column} = {value} WHERE id = %s",  # noqa: S608
            [row.pk],
        )
    # then
    assert type(row).objects.filter(pk=row.pk).values().get() == before


@pytest.mark.parametrize(
    ("table", "make_row", "column", "value"),
    APPEND_ONLY_ROWS,
    ids=[row[0] for row in APPEND_ONLY_ROWS],
)
@pytest.mark.django_db
def test_raw_delete_of_history_is_refused(
    table: str, make_row: Callable[[], Any], column: str, value: str
) -> None:
    # given
    row = make_row()
    # when
    with pytest.raises(IntegrityError, match=APPEND_ONLY_MESSAGE):
        _execute(f"DELETE FROM {table} WHERE id = %s", [row.pk])  # noqa: S608
    # then
    assert type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.django_db
def test_raw_update_of_an_account_code_is_refused() -> None:
    # given
    account = open_account("budget:centrum:2026")
    # when
    with pytest.raises(IntegrityError, match=APPEND_ONLY_MESSAGE):
        _execute(
            "UPDATE ledger_account SET code = 'budget:elsewhere' WHERE id = %s",
            [account.pk],
        )
    # then
    account.refresh_from_db()
    assert account.code == "budget:centrum:2026"


@pytest.mark.django_db
def test_raw_delete_of_an_account_is_refused() -> None:
    # given
    account = open_account("budget:centrum:2026")
    # when
    with pytest.raises(IntegrityError, match=APPEND_ONLY_MESSAGE):
        _execute("DELETE FROM ledger_account WHERE id = %s", [account.pk])
    # then
    assert Account.objects.filter(pk=account.pk).exists()


@pytest.mark.django_db
def test_raw_update_of_an_account_balance_passes_the_trigger_but_not_the_check() -> (
    None
):
    # given
    account = open_account("budget:centrum:2026")
    # when
    changed = _execute(
        "UPDATE ledger_account SET balance_cents = 250 WHERE id = %s", [account.pk]
    )
    # then
    account.refresh_from_db()
    assert (changed, account.balance_cents) == (1, 250)
    with pytest.raises(IntegrityError):
        _execute(
            "UPDATE ledger_account SET balance_cents = -1 WHERE id = %s", [account.pk]
        )
    account.refresh_from_db()
    assert account.balance_cents == 250


def _insert_transaction(cursor: Any) -> int:
    cursor.execute(
        "INSERT INTO ledger_ledgertransaction (uuid, kind, memo, created_at) "
        "VALUES (%s, %s, %s, %s)",
        [uuid.uuid4().hex, TransactionKind.ADJUSTMENT.value, "raw", timezone.now()],
    )
    cursor.execute("SELECT id FROM ledger_ledgertransaction WHERE memo = 'raw'")
    return int(cursor.fetchone()[0])


def _insert_entries(
    cursor: Any, transaction_id: int, legs: list[tuple[int, int]]
) -> None:
    for account_id, amount in legs:
        cursor.execute(
            "INSERT INTO ledger_entry (transaction_id, account_id, amount_cents, "
            "created_at) VALUES (%s, %s, %s, %s)",
            [transaction_id, account_id, amount, timezone.now()],
        )


def _commit_raw(legs: list[tuple[int, int]]) -> int:
    """Insert a transaction and its entries with raw SQL and commit them."""
    with transaction.atomic(), connection.cursor() as cursor:
        transaction_id = _insert_transaction(cursor)
        _insert_entries(cursor, transaction_id, legs)
    return transaction_id


@postgresql_only(
    "SQLite has no deferred triggers; there ledger_verify reports an unbalanced "
    "transaction (test_verify.py)"
)
@pytest.mark.parametrize(
    "amounts",
    [[500], [500, -400], []],
    ids=["one-entry", "unbalanced", "no-entries"],
)
@pytest.mark.django_db(transaction=True)
def test_unbalanced_raw_transaction_fails_at_commit_on_postgresql(
    amounts: list[int],
) -> None:
    # given
    first = open_account("budget:a")
    second = open_account("budget:b")
    accounts = [first.pk, second.pk]
    before = (LedgerTransaction.objects.count(), Entry.objects.count())
    # when
    with pytest.raises(IntegrityError, match="unbalanced"):
        _commit_raw([(accounts[i % 2], amount) for i, amount in enumerate(amounts)])
    # then
    assert (LedgerTransaction.objects.count(), Entry.objects.count()) == before


@pytest.mark.django_db(transaction=True)
def test_balanced_raw_transaction_commits_on_every_back_end() -> None:
    # given
    first = open_account("budget:a")
    second = open_account("budget:b", allow_negative=True)
    # when
    transaction_id = _commit_raw([(first.pk, 300), (second.pk, -300)])
    # then
    assert list(
        Entry.objects.filter(transaction_id=transaction_id)
        .order_by("pk")
        .values_list("amount_cents", flat=True)
    ) == [300, -300]
