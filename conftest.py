"""Project-wide pytest set-up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from wijkvoucher.core.db import TRIGGER_PREFIX

SqlFlush = Callable[..., list[str]]


def _audit_head_insert(tables: Any) -> list[str]:
    """Flushing empties core_auditchainhead too, but migration core 0003 put its one
    row there and ``audit_record`` relies on it: put it back, as at migration time."""
    from wijkvoucher.core.models import GENESIS_HASH, AuditChainHead

    table = AuditChainHead._meta.db_table
    if table not in tables:
        return []
    return [
        f'INSERT INTO "{table}" ("id", "sequence", "hash") '  # noqa: S608 - constants
        f"VALUES (1, 0, '{GENESIS_HASH}')"
    ]


def _sqlite_sql_flush(original: SqlFlush) -> SqlFlush:
    """Transactional tests end with a flush (DELETE FROM every table on SQLite), which
    our append-only triggers rightly refuse. In tests only, lift the triggers for the
    flush and put the very same triggers back afterwards."""

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
        return drops + statements + creates + _audit_head_insert(tables)

    return sql_flush


def _postgresql_sql_flush(original: SqlFlush) -> SqlFlush:
    """PostgreSQL flushes with TRUNCATE, which row triggers do not see; only the audit
    chain head row has to come back."""

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements: list[str] = original(self, style, tables, **kwargs)
        if not statements:
            return statements
        return statements + _audit_head_insert(tables)

    return sql_flush


def _patch_sql_flush() -> None:
    from django.db.backends.postgresql.base import DatabaseWrapper as Postgres
    from django.db.backends.sqlite3.base import DatabaseWrapper as Sqlite

    patches: list[tuple[Any, Callable[[SqlFlush], SqlFlush]]] = [
        (Sqlite.ops_class, _sqlite_sql_flush),
        (Postgres.ops_class, _postgresql_sql_flush),
    ]
    for ops_class, wrap in patches:
        original = ops_class.sql_flush
        if getattr(original, "_wijkvoucher", False):
            continue
        patched = wrap(original)
        patched._wijkvoucher = True  # type: ignore[attr-defined]
        ops_class.sql_flush = patched


@pytest.fixture(scope="session", autouse=True)
def _sql_flush_keeps_guards_and_audit_head() -> None:
    _patch_sql_flush()


@pytest.fixture
def english_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages answer in the source language (the English msgids), whatever the
    browser asks; that the Dutch catalogue covers them is tested in
    tests/test_translations.py. Use it with ``pytest.mark.usefixtures``."""
    from wijkvoucher.core.middleware import DutchFirstLocaleMiddleware

    monkeypatch.setattr(
        DutchFirstLocaleMiddleware, "_language_for", lambda self, request: "en"
    )


@pytest.fixture
def english_interface(settings: Any, english_pages: None) -> None:
    """The pages and the site's default language in English (the source msgids)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def english_text(settings: Any) -> Iterator[None]:
    """Code outside a request (services, documents, messages) writes in English too:
    the site's default language and the active translation."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
