"""Test helpers for reaching below the guards: tests that prove a tampered row is
detected have to tamper with it first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import connection, transaction

import pytest

from wijkvoucher.core.db import TRIGGER_PREFIX

F = TypeVar("F", bound=Callable[..., Any])


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


@contextmanager
def append_only_lifted(table: str) -> Iterator[None]:
    """Lift the append-only triggers of one table for the block, then restore them
    exactly. SQLite: drop and recreate the triggers (inside the test's transaction);
    PostgreSQL: DISABLE TRIGGER USER, then ENABLE."""
    saved: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND tbl_name = %s AND name LIKE %s",
                [table, TRIGGER_PREFIX + "%"],
            )
            saved = cursor.fetchall()
            for name, _sql in saved:
                cursor.execute(f"DROP TRIGGER {_quote(name)}")
        else:
            # Django's foreign keys are deferred; ALTER TABLE refuses to run while
            # checks are pending, so run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {_quote(table)} DISABLE TRIGGER USER")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for _name, sql in saved:
                    cursor.execute(sql)
            else:
                cursor.execute(f"ALTER TABLE {_quote(table)} ENABLE TRIGGER USER")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a savepoint and roll it back. For rows that break an invariant
    on purpose: on PostgreSQL the deferred balance triggers would otherwise refuse them
    when the test case checks deferred constraints at its end."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def postgresql_only(reason: str) -> Callable[[F], F]:
    """Skip on other back-ends with ``reason``, and mark the test ``postgres``. The
    vendor is known from the settings, without connecting."""

    def decorate(test: F) -> F:
        skip = pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)
        marked: F = pytest.mark.postgres(skip(test))
        return marked

    return decorate
