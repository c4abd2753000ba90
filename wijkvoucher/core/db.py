"""Database-level guards shared by the apps: append-only tables, and joining the
caller's transaction without a savepoint (``transaction_join``).

``AppendOnly`` is a migration operation that installs triggers refusing UPDATE and
DELETE on a table, on SQLite and PostgreSQL alike (docs/money.md#the-invariants, I8). Columns listed in
``mutable_columns`` may still change (a ledger account's cached balance); columns listed
in ``once_columns`` may be filled in once, from NULL, and never change after that (the
seal of an audit event, docs/adr/0010-audit-events-sealed-after-commit.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

TRIGGER_PREFIX = "wv_append_only"


@contextmanager
def transaction_join() -> Iterator[None]:
    """Run the block in the caller's transaction, or in a new one when there is none.

    Unlike a nested ``transaction.atomic()`` it sets no savepoint (two round trips to
    the database fewer). Like ``atomic(savepoint=False)``, any other exception dooms
    the caller's transaction: it can only be rolled back. A ``ValidationError`` does
    not: code in the block raises its refusals *before its first write*, so a refusal
    leaves nothing to undo and the caller may catch it and go on (docs/money.md, the
    write path)."""
    if not transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            yield
        return
    try:
        yield
    except ValidationError:
        raise
    except BaseException:
        transaction.set_rollback(True)
        raise


_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION wv_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'wijkvoucher: % on % is not allowed (append-only)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _changed_condition(columns: Sequence[str]) -> str:
    return " OR ".join(f"OLD.{_quote(c)} IS NOT NEW.{_quote(c)}" for c in columns)


def _refilled_condition(columns: Sequence[str], *, distinct: str) -> list[str]:
    # A once-column may go from NULL to a value; any other change of it is refused.
    return [
        f"(OLD.{_quote(c)} IS NOT NULL AND OLD.{_quote(c)} {distinct} NEW.{_quote(c)})"
        for c in columns
    ]


def append_only_statements(
    vendor: str,
    table: str,
    columns: Sequence[str],
    mutable_columns: Sequence[str],
    once_columns: Sequence[str] = (),
) -> list[str]:
    """SQL that installs the guard triggers for one table on one vendor."""
    free = set(mutable_columns) | set(once_columns)
    protected = [c for c in columns if c not in free]
    guarded = bool(free)
    update_name = f"{TRIGGER_PREFIX}_{table}_update"
    delete_name = f"{TRIGGER_PREFIX}_{table}_delete"
    if vendor == "sqlite":
        message = f"wijkvoucher: change on {table} is not allowed (append-only)"
        conditions = [_changed_condition(protected)] if protected else []
        conditions += _refilled_condition(once_columns, distinct="IS NOT")
        when = f" WHEN {' OR '.join(conditions)}" if guarded else ""
        return [
            f"CREATE TRIGGER {update_name} BEFORE UPDATE ON {_quote(table)}{when} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            f"CREATE TRIGGER {delete_name} BEFORE DELETE ON {_quote(table)} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        ]
    if vendor == "postgresql":
        when = ""
        if guarded:
            conditions = [
                f"OLD.{_quote(c)} IS DISTINCT FROM NEW.{_quote(c)}" for c in protected
            ]
            conditions += _refilled_condition(once_columns, distinct="IS DISTINCT FROM")
            when = f" WHEN ({' OR '.join(conditions)})"
        return [
            _PG_FUNCTION,
            f"CREATE TRIGGER {update_name} BEFORE UPDATE ON {_quote(table)} "
            f"FOR EACH ROW{when} EXECUTE FUNCTION wv_refuse_change()",
            f"CREATE TRIGGER {delete_name} BEFORE DELETE ON {_quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION wv_refuse_change()",
        ]
    raise NotImplementedError(f"append-only triggers are not written for {vendor}")


def drop_statements(vendor: str, table: str) -> list[str]:
    names = [f"{TRIGGER_PREFIX}_{table}_update", f"{TRIGGER_PREFIX}_{table}_delete"]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {n} ON {_quote(table)}" for n in names]
    return [f"DROP TRIGGER IF EXISTS {n}" for n in names]


class AppendOnly(Operation):
    """Migration operation: refuse UPDATE (except ``mutable_columns``, and
    ``once_columns`` while they are NULL) and DELETE."""

    reduces_to_sql = True
    reversible = True

    def __init__(
        self,
        model_name: str,
        mutable_columns: Sequence[str] = (),
        once_columns: Sequence[str] = (),
    ) -> None:
        self.model_name = model_name
        self.mutable_columns = tuple(mutable_columns)
        self.once_columns = tuple(once_columns)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {"model_name": self.model_name}
        if self.mutable_columns:
            kwargs["mutable_columns"] = list(self.mutable_columns)
        if self.once_columns:
            kwargs["once_columns"] = list(self.once_columns)
        return (self.__class__.__qualname__, [], kwargs)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        pass

    def _table_and_columns(
        self, app_label: str, state: ProjectState
    ) -> tuple[str, list[str]]:
        model = state.apps.get_model(app_label, self.model_name)
        columns = [f.column for f in model._meta.concrete_fields]
        return model._meta.db_table, columns

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        table, columns = self._table_and_columns(app_label, to_state)
        vendor = schema_editor.connection.vendor
        for sql in drop_statements(vendor, table):
            schema_editor.execute(sql, params=None)
        for sql in append_only_statements(
            vendor, table, columns, self.mutable_columns, self.once_columns
        ):
            schema_editor.execute(sql, params=None)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        table, _columns = self._table_and_columns(app_label, from_state)
        for sql in drop_statements(schema_editor.connection.vendor, table):
            schema_editor.execute(sql, params=None)

    def describe(self) -> str:
        return f"Make {self.model_name} append-only"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_append_only"
