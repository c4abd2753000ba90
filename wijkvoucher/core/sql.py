"""Hand-written SQL for the busiest write paths (docs/adr/0012-hot-path-sql.md).

Building a SELECT or an UPDATE through the ORM costs about 0.7 ms of Python per
statement, five times what the database needs to run it; an INSERT through the ORM
costs little more than by hand. So the spend path reads and locks its rows with the
plain statements below and keeps the ORM for its INSERTs. Every statement here runs on
SQLite and PostgreSQL alike (``%s`` placeholders; the row lock only where the database
has one) and names its tables through the models, so a renamed table breaks loudly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, connection, models

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
    """The first row of a statement. Inside ``joined_writes``, a SELECT takes the
    INSERTs held back so far with it, as WITH queries of the same statement (one round
    trip less; see ``joined_writes``)."""
    batch = _current()
    if (
        batch is not None
        and batch.parts
        and sql.startswith("SELECT ")
        and not any(isinstance(result, int) for _n, result in batch.results)
    ):
        return _fetch_carrying(batch, sql, params)
    return _fetch_one(sql, params)


def _fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
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


class Pending:
    """The primary key of an object that ``joined_writes`` inserts, known only once
    the joined statement has run: a field holding it is written as a subquery on the
    object's own insert (``(SELECT id FROM w1)``), and gets the key afterwards."""

    __slots__ = ("obj", "text")

    def __init__(self, obj: models.Model, *, text: bool = False) -> None:
        self.obj = obj
        self.text = text

    def value(self) -> Any:
        return str(self.obj.pk) if self.text else self.obj.pk


class _Joined:
    """The writes ``joined_writes`` holds back: each a (name, text, params) data-
    modifying WITH query, what its result tells (the keys of its objects, or the
    number of rows an UPDATE must change), and the callbacks that need the keys."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, str, list[Any]]] = []
        self.results: list[tuple[str, Any]] = []
        self.names: dict[int, str] = {}  # id(object) -> the query that inserts it
        self.after: list[Callable[[], None]] = []

    def name(self) -> str:
        return f"w{len(self.parts)}"


_joined = threading.local()


def _current() -> _Joined | None:
    found: _Joined | None = getattr(_joined, "batch", None)
    return found


@contextmanager
def joined_writes() -> Iterator[None]:
    """Hold back the INSERTs of ``insert`` and the UPDATEs of ``update`` made in the
    block and send them as one statement of data-modifying WITH queries when it ends
    (PostgreSQL; elsewhere they run at once, as without the block): one round trip
    instead of one per write (docs/adr/0012-hot-path-sql.md, item 11).

    Inside the block an object inserted here has no primary key yet. A row that
    refers to it (a foreign key to it, or ``key_of(obj)``) gets it through a subquery
    on the query that inserts it, so PostgreSQL fills it in; code that needs the key
    itself in Python waits for it with ``after_joined``. Reads in the block do not see
    the held-back writes: use it only around code that does not read what it wrote,
    inside a transaction that an exception rolls back (an exception drops the held-
    back writes). Nested blocks join the outermost."""
    if _current() is not None or vendor() != "postgresql":
        yield
        return
    batch = _Joined()
    _joined.batch = batch
    try:
        yield
    finally:
        _joined.batch = None
    _joined_run(batch)


def after_joined(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the writes held back by ``joined_writes`` are done (at
    once outside the block): for code that needs the primary keys they give."""
    batch = _current()
    if batch is None:
        callback()
    else:
        batch.after.append(callback)


def key_of(obj: models.Model, *, text: bool = False) -> Any:
    """``obj``'s primary key (as text with ``text``), or, for an object that
    ``joined_writes`` is still holding back, a ``Pending`` that ``insert`` writes as
    the key it gets."""
    batch = _current()
    if obj.pk is None and batch is not None and id(obj) in batch.names:
        return Pending(obj, text=text)
    return str(obj.pk) if text else obj.pk


def _cached_related(field: models.Field[Any, Any], obj: models.Model) -> Any:
    """The object that relation ``field`` of ``obj`` holds in Python, else None."""
    if not field.is_relation or not field.is_cached(obj):  # type: ignore[attr-defined]
        return None
    return field.get_cached_value(obj)  # type: ignore[attr-defined]


def _waiting_for(
    batch: _Joined, field: models.Field[Any, Any], obj: models.Model, value: Any
) -> Pending | None:
    """What ``field`` of ``obj`` waits for: a ``Pending`` key, or an object that
    ``batch`` holds back and the field refers to; None when it has its value."""
    if isinstance(value, Pending):
        return value
    related = _cached_related(field, obj) if value is None else None
    if related is not None and related.pk is None and id(related) in batch.names:
        return Pending(related)
    return None


def _joined_selects(batch: _Joined) -> list[str]:
    """What the joined statement returns per held-back write: the number of rows an
    UPDATE changed, the key of a row, or the keys of rows in their order (a sequence
    only rises, so the order of the keys is the order of the rows)."""
    selects = []
    for name, result in batch.results:
        if isinstance(result, int):
            selects.append(f"(SELECT count(*) FROM {name})")  # noqa: S608 (names are ours)
            continue
        key = connection.ops.quote_name(result[0]._meta.pk.column)
        if len(result) == 1:
            selects.append(f"(SELECT {key} FROM {name})")  # noqa: S608 (names are ours)
        else:
            selects.append(f"(SELECT array_agg({key} ORDER BY {key}) FROM {name})")  # noqa: S608 (names are ours)
    return selects


def _joined_take(batch: _Joined) -> tuple[str, list[Any], list[str], list[Any]]:
    """The held-back writes as the WITH list of one statement, its parameters, what
    the statement must return for them, and the results to give: and forget them."""
    parts = ", ".join(f"{name} AS ({text})" for name, text, _p in batch.parts)
    params = [value for _n, _t, values in batch.parts for value in values]
    selects = _joined_selects(batch)
    results = batch.results
    batch.parts, batch.results = [], []
    for _name, result in results:
        if not isinstance(result, int):
            for obj in result:
                batch.names.pop(id(obj), None)
    return parts, params, selects, results


def _joined_give(results: list[Any], row: Sequence[Any]) -> None:
    """Check the UPDATEs' counts and give the inserted objects their keys."""
    for (_name, result), got in zip(results, row, strict=True):
        if not isinstance(result, int):
            keys = [got] if len(result) == 1 else list(got)
            _keys_give(result, keys)
        elif got != result:
            raise DatabaseError(
                f"A joined UPDATE changed {got} rows instead of {result}."
            )
    for _name, result in results:
        if not isinstance(result, int):
            for obj in result:
                _settle(obj)


def _fetch_carrying(
    batch: _Joined, sql: str, params: Sequence[Any]
) -> tuple[Any, ...] | None:
    """A SELECT that takes the held-back INSERTs with it: their keys come first in
    its row. When it finds no row they are written all the same, without keys."""
    parts, carried, selects, results = _joined_take(batch)
    row = _fetch_one(
        f"WITH {parts} SELECT {', '.join(selects)}, {sql.removeprefix('SELECT ')}",
        [*carried, *params],
    )
    if row is None:
        return None
    _joined_give(results, row[: len(selects)])
    return row[len(selects) :]


def _joined_run(batch: _Joined) -> None:
    if batch.parts:
        parts, params, selects, results = _joined_take(batch)
        row = _fetch_one(f"WITH {parts} SELECT {', '.join(selects)}", params)
        if row is None:  # pragma: no cover - a SELECT of scalars always has a row
            raise DatabaseError("The joined writes returned nothing.")
        _joined_give(results, row)
    for callback in batch.after:
        callback()


def _keys_give(objects: Sequence[models.Model], keys: Sequence[Any]) -> None:
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias


def _settle(obj: models.Model) -> None:
    """Give the fields of ``obj`` that waited for another object's key that key."""
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, Pending):
            setattr(obj, field.attname, value.value())
        elif value is None:
            related = _cached_related(field, obj)
            if related is not None and related.pk is not None:
                setattr(obj, field.attname, related.pk)


def insert_statement(
    objects: Sequence[models.Model], *, returning: bool = True
) -> tuple[str, list[Any]]:
    """The INSERT of ``objects`` (all of one model) as one statement and its
    parameters, as ``insert`` runs it: for a caller that joins it to others (an
    upsert, or one statement of several on PostgreSQL). ``returning``: return the
    primary keys. Inside ``joined_writes``, a value that waits for the key of a
    held-back object is a subquery on the query that inserts it."""
    model = type(objects[0])
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.auto_field]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    batch = _current()
    params: list[Any] = []
    rows: list[str] = []
    for obj in objects:
        cells: list[str] = []
        for field in fields:
            value = field.pre_save(obj, True)
            waits = _waiting_for(batch, field, obj, value) if batch else None
            if waits is not None and batch is not None:
                key = quote(waits.obj._meta.pk.column)
                cast = "::text" if waits.text else ""
                query = batch.names[id(waits.obj)]
                cells.append(f"(SELECT {key}{cast} FROM {query})")  # noqa: S608 (names are ours)
                continue
            cells.append("%s")
            params.append(field.get_db_prep_save(value, connection=connection))
        rows.append(f"({', '.join(cells)})")
    statement = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608 (names from _meta; values are parameters)
        f"VALUES {', '.join(rows)}"
    )
    if returning:
        statement += f" RETURNING {quote(meta.pk.column)}"
    return statement, params


def update(statement: str, params: Sequence[Any], *, rows: int) -> None:
    """Run an UPDATE that must change exactly ``rows`` rows (``DatabaseError`` if
    not). Inside ``joined_writes`` it waits, and is checked, with the other held-back
    writes."""
    batch = _current()
    if batch is None:
        changed = execute(statement, params)
        if changed != rows:
            raise DatabaseError(f"An UPDATE changed {changed} rows instead of {rows}.")
        return
    name = batch.name()
    batch.parts.append((name, f"{statement} RETURNING 1", list(params)))
    batch.results.append((name, rows))


def insert(objects: Sequence[models.Model]) -> None:
    """INSERT ``objects`` (all of one model) with one statement and give each its
    primary key: what ``bulk_create`` does for the hot path, without building the
    statement through the ORM compiler. Field defaults, ``auto_now`` and the database
    preparation of every value are the fields' own (``pre_save``,
    ``get_db_prep_save``). Only for models with an auto-incremented primary key and
    no multi-table inheritance. Inside ``joined_writes`` the INSERT waits for the end
    of the block, and the objects get their keys then."""
    if not objects:
        return
    model = type(objects[0])
    batch = _current()
    if batch is not None:
        name = batch.name()
        statement, params = insert_statement(objects)
        batch.parts.append((name, statement, params))
        batch.results.append((name, list(objects)))
        if len(objects) == 1:  # only a single row can be referred to by its query
            batch.names[id(objects[0])] = name
        return
    if not connection.features.can_return_rows_from_bulk_insert:  # SQLite < 3.35
        model._base_manager.bulk_create(objects)
        return
    statement, params = insert_statement(objects)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        keys = [key for (key,) in cursor.fetchall()]
    _keys_give(objects, keys)
