"""Project-wide pytest set-up."""

from __future__ import annotations

from typing import Any

import pytest

from wijkvoucher.core.db import TRIGGER_PREFIX


def _patch_sqlite_flush() -> None:
    """Transactional tests end with a flush (DELETE FROM every table on SQLite), which
    our append-only triggers rightly refuse. In tests only, lift the triggers for the
    flush and put the very same triggers back afterwards. PostgreSQL flushes with
    TRUNCATE, which row triggers do not see."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    ops_class = DatabaseWrapper.ops_class
    original = ops_class.sql_flush
    if getattr(original, "_wijkvoucher", False):
        return

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements: list[str] = original(self, style, tables, **kwargs)
        if not statements:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [TRIGGER_PREFIX + "%"],
            )
            triggers = cursor.fetchall()
        drops = [f"DROP TRIGGER {name}" for name, _sql in triggers]
        creates = [sql for _name, sql in triggers]
        return drops + statements + creates

    sql_flush._wijkvoucher = True  # type: ignore[attr-defined]
    ops_class.sql_flush = sql_flush  # type: ignore[method-assign]


@pytest.fixture(scope="session", autouse=True)
def _sqlite_flush_past_triggers() -> None:
    _patch_sqlite_flush()
