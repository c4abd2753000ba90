"""Hand-written SQL for the busiest write paths (docs/adr/0012-hot-path-sql.md).

Building a SELECT or an UPDATE through the ORM costs about 0.7 ms of Python per
statement, five times what the database needs to run it; an INSERT through the ORM
costs little more than by hand. So the spend path reads and locks its rows with the
plain statements below and keeps the ORM for its INSERTs. Every statement here runs on
SQLite and PostgreSQL alike (``%s`` placeholders; the row lock only where the database
has one) and names its tables through the models, so a renamed table breaks loudly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

Converter = Any  # Django's (value, expression, connection) -> value callables


def vendor() -> str:
    """``postgresql`` or ``sqlite``: statements that differ are built per vendor."""
    return str(connection.vendor)


def table(model: type[models.Model]) -> str:
    """The quoted table name of ``model``."""
    return connection.ops.quote_name(model._meta.db_table)


def for_update() -> str:
    """`` FOR UPDATE`` where the database locks rows (PostgreSQL). SQLite has no row
    locks: its IMMEDIATE transaction holds the write lock from the start instead
    (docs/adr/0007)."""
    return " FOR UPDATE" if connection.features.has_select_for_update else ""


def for_update_of(alias: str) -> str:
    """`` FOR UPDATE OF alias``: lock only that table's row of a join."""
    if not connection.features.has_select_for_update:
        return ""
    return f" FOR UPDATE OF {alias}"


def placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row: tuple[Any, ...] | None = cursor.fetchone()
        return row


def fetch_all(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def execute(sql: str, params: Sequence[Any]) -> int:
    """Run one statement; returns how many rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def execute_joined(statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
    """Run ``statements`` (writes without results, on different tables) as one
    statement on PostgreSQL, each a data-modifying WITH query of it: one round trip
    and one plan instead of several. PostgreSQL runs them on one snapshot in no set
    order, so none may depend on another's effect. SQLite has no such queries: there
    they run one by one."""
    if len(statements) > 1 and vendor() == "postgresql":
        parts = ", ".join(
            f"w{n} AS ({text})" for n, (text, _p) in enumerate(statements)
        )
        params = [value for _text, values in statements for value in values]
        execute(f"WITH {parts} SELECT 1", params)
        return
    for text, values in statements:
        execute(text, values)


def execute_many(sql: str, rows: Sequence[Sequence[Any]]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class Loader:
    """Reads model instances from the columns of a hand-written join, with Django's
    own converters (a UUID, boolean or date comes back as the ORM would give it on
    either database). ``columns`` goes into the SELECT list; ``take(row, at)`` builds
    the instance from ``row[at:]`` and returns it with the next position. With
    ``only``, just those fields (and the primary key) are read and the others are
    deferred, as with ``QuerySet.only()``."""

    def __init__(
        self, model: type[models.Model], alias: str, only: Sequence[str] | None = None
    ) -> None:
        self.model = model
        self.alias = alias
        meta = model._meta
        self.fields = [
            field
            for field in meta.concrete_fields
            if only is None or field is meta.pk or field.name in only
        ]
        if only is not None:
            missing = set(only) - {field.name for field in self.fields}
            if missing:
                raise ValueError(f"{model.__name__} has no field {sorted(missing)}")
        self.attnames = [field.attname for field in self.fields]
        self.pk_index = self.fields.index(meta.pk)
        self._converters: dict[str, list[tuple[int, list[Converter], Any]]] = {}

    @property
    def columns(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

    def _converters_now(self) -> list[tuple[int, list[Converter], Any]]:
        found = self._converters.get(connection.vendor)
        if found is None:
            found = []
            for index, field in enumerate(self.fields):
                col = field.get_col(self.alias)
                functions = connection.ops.get_db_converters(
                    col
                ) + col.get_db_converters(connection)
                if functions:
                    found.append((index, functions, col))
            self._converters[connection.vendor] = found
        return found

    def take(self, row: Sequence[Any], at: int) -> tuple[Any, int]:
        values = list(row[at : at + len(self.fields)])
        if values[self.pk_index] is None:  # no row on this side of a LEFT JOIN
            return None, at + len(self.fields)
        for index, functions, col in self._converters_now():
            for function in functions:
                values[index] = function(values[index], col, connection)
        instance = self.model.from_db(connection.alias, self.attnames, values)
        return instance, at + len(self.fields)


def insert_statement(
    objects: Sequence[models.Model], *, returning: bool = True
) -> tuple[str, list[Any]]:
    """The INSERT of ``objects`` (all of one model) as one statement and its
    parameters, as ``insert`` runs it: for a caller that joins it to others (an
    upsert, or one statement of several on PostgreSQL). ``returning``: return the
    primary keys."""
    model = type(objects[0])
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.auto_field]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row = f"({placeholders(len(fields))})"
    params: list[Any] = []
    for obj in objects:
        for field in fields:
            params.append(
                field.get_db_prep_save(field.pre_save(obj, True), connection=connection)
            )
    statement = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608 (names from _meta; values are parameters)
        f"VALUES {', '.join([row] * len(objects))}"
    )
    if returning:
        statement += f" RETURNING {quote(meta.pk.column)}"
    return statement, params


def insert(objects: Sequence[models.Model]) -> None:
    """INSERT ``objects`` (all of one model) with one statement and give each its
    primary key: what ``bulk_create`` does for the hot path, without building the
    statement through the ORM compiler. Field defaults, ``auto_now`` and the database
    preparation of every value are the fields' own (``pre_save``,
    ``get_db_prep_save``). Only for models with an auto-incremented primary key and
    no multi-table inheritance."""
    if not objects:
        return
    model = type(objects[0])
    if not connection.features.can_return_rows_from_bulk_insert:  # SQLite < 3.35
        model._base_manager.bulk_create(objects)
        return
    statement, params = insert_statement(objects)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        keys = [key for (key,) in cursor.fetchall()]
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias
