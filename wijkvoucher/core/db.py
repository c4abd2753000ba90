"""Database-level guards shared by the apps: append-only tables.

``AppendOnly`` is a migration operation that installs triggers refusing UPDATE and
DELETE on a table, on SQLite and PostgreSQL alike (docs/money.md#the-invariants, I8). Columns listed in
``mutable_columns`` may still change (a ledger account's cached balance).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

TRIGGER_PREFIX = "wv_append_only"

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


def append_only_statements(
    vendor: str, table: str, columns: Sequence[str], mutable_columns: Sequence[str]
) -> list[str]:
    """SQL that installs the guard triggers for one table on one vendor."""
    protected = [c for c in columns if c not in mutable_columns]
    update_name = f"{TRIGGER_PREFIX}_{table}_update"
    delete_name = f"{TRIGGER_PREFIX}_{table}_delete"
    if vendor == "sqlite":
        message = f"wijkvoucher: change on {table} is not allowed (append-only)"
        when = f" WHEN {_changed_condition(protected)}" if mutable_columns else ""
        return [
            f"CREATE TRIGGER {update_name} BEFORE UPDATE ON {_quote(table)}{when} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            f"CREATE TRIGGER {delete_name} BEFORE DELETE ON {_quote(table)} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        ]
    if vendor == "postgresql":
        when = ""
        if mutable_columns:
            cond = " OR ".join(
                f"OLD.{_quote(c)} IS DISTINCT FROM NEW.{_quote(c)}" for c in protected
            )
            when = f" WHEN ({cond})"
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
    """Migration operation: refuse UPDATE (except ``mutable_columns``) and DELETE."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, mutable_columns: Sequence[str] = ()) -> None:
        self.model_name = model_name
        self.mutable_columns = tuple(mutable_columns)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {"model_name": self.model_name}
        if self.mutable_columns:
            kwargs["mutable_columns"] = list(self.mutable_columns)
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
        for sql in append_only_statements(vendor, table, columns, self.mutable_columns):
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
