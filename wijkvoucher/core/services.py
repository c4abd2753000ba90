"""Write services of core: the audit trail, and ending a period of validity."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format

from wijkvoucher.core import sql
from wijkvoucher.core.constants import AuditResult
from wijkvoucher.core.models import AuditChainHead, AuditEvent, BaseModel, audit_hash
from wijkvoucher.core.origin import current_origin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from wijkvoucher.accounts.models import User

SYSTEM_ACTOR_LABEL = "system"

logger = logging.getLogger(__name__)


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    # Round-trip so that what we hash is exactly what the JSON column gives back:
    # dates and datetimes become ISO strings, Decimals strings. NaN and infinity are
    # refused (PostgreSQL's jsonb cannot store them).
    text = json.dumps(data, cls=DjangoJSONEncoder, allow_nan=False)
    result: dict[str, Any] = json.loads(text)
    return result


def actor_label(actor: User | None) -> str:
    """A stable, pseudonymous label: the user's uuid, never the e-mail address, so the
    append-only trail holds no contact data that an erasure request could not reach."""
    if actor is None or actor.pk is None:
        return SYSTEM_ACTOR_LABEL
    return f"user:{actor.uuid}"


def _lock_head(*, skip_locked: bool = False) -> AuditChainHead | None:
    """The chain head row, locked; None when ``skip_locked`` and another seal holds it."""
    rows = AuditChainHead.objects.select_for_update(skip_locked=skip_locked)
    head = rows.filter(pk=1).first()
    if head is None and not skip_locked:
        raise ImproperlyConfigured(
            "The audit chain head row is missing: run `manage.py migrate` "
            "(core 0003 creates it)."
        )
    return head


def audit_record(
    *,
    actor: User | None,
    action: str,
    subject: models.Model | None = None,
    result: AuditResult = AuditResult.SUCCESS,
    data: dict[str, Any] | None = None,
    origin: str | None = None,
) -> AuditEvent:
    """Append one audit event. Call it inside the service's own transaction, so that
    the event exists exactly when the write does.

    The event is one INSERT, unsealed: writers never wait for each other here. After
    the transaction commits, ``audit_seal`` gives it its place in the hash chain
    (at most once per ``AUDIT_SEAL_INTERVAL`` seconds per process; the periodic
    ``audit_seal`` command catches up on the rest; docs/adr/0010)."""
    event = audit_event_new(
        actor=actor,
        action=action,
        subject=subject,
        result=result,
        data=data,
        origin=origin,
    )
    pending: list[AuditEvent] | None = getattr(_batch, "events", None)
    if pending is not None:
        pending.append(event)
        return event
    sql.insert([event])
    transaction.on_commit(_seal_soon)
    return event


def audit_event_new(
    *,
    actor: User | None,
    action: str,
    subject: models.Model | None = None,
    result: AuditResult = AuditResult.SUCCESS,
    data: dict[str, Any] | None = None,
    origin: str | None = None,
) -> AuditEvent:
    """The event ``audit_record`` appends, not yet written: for a hot path that
    writes it in one statement with its other rows (``sql.insert_statement``) and then
    calls ``audit_seal_after_commit``."""
    return AuditEvent(
        created_at=timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor_label(actor),
        action=action,
        subject_type=(
            ContentType.objects.get_for_model(subject) if subject is not None else None
        ),
        # The key itself, or (inside ``sql.joined_writes``) the key its insert gives.
        subject_id=sql.key_of(subject, text=True) if subject is not None else "",
        subject_label=str(subject)[:300] if subject is not None else "",
        result=result,
        origin=(origin if origin is not None else current_origin())[:200],
        data=_json_safe(data or {}),
    )


def audit_seal_after_commit() -> None:
    """Seal soon after the current transaction commits, as ``audit_record`` does for
    the events it writes itself."""
    transaction.on_commit(_seal_soon)


_batch = threading.local()


@contextmanager
def audit_batch() -> Iterator[None]:
    """Collect the events that ``audit_record`` appends inside the block and insert
    them with one statement when it ends (a service that records several events in
    one transaction pays one INSERT). Use it inside the service's transaction; when
    the block raises, its events are dropped with the rest of the rolled-back work.
    Nested blocks join the outermost one. Events recorded in the block get their
    primary key when the block ends."""
    if getattr(_batch, "events", None) is not None:
        yield
        return
    events: list[AuditEvent] = []
    _batch.events = events
    try:
        yield
    finally:
        _batch.events = None
    if events:
        sql.insert(events)
        transaction.on_commit(_seal_soon)


# The number of events one seal transaction takes at most; the rest wait for the next.
SEAL_BATCH = 5000
_seal_lock = threading.Lock()
_last_seal = 0.0


def _seal_soon() -> None:
    """After a commit: seal, unless this process sealed less than
    ``AUDIT_SEAL_INTERVAL`` seconds ago or another process is sealing right now. The
    caller's answer never depends on it: a failed seal is caught up on later."""
    global _last_seal
    interval = float(getattr(settings, "AUDIT_SEAL_INTERVAL", 1.0))
    with _seal_lock:
        now = time.monotonic()
        if now - _last_seal < interval:
            return
        _last_seal = now
    try:
        audit_seal(wait=False)
    except DatabaseError:
        logger.warning("audit_seal after commit failed; the next seal catches up")


def audit_seal(*, wait: bool = True, batch: int = SEAL_BATCH) -> int:
    """Give committed unsealed events their place in the chain, in the order they
    became visible (their id order among the unsealed), and their hash. Returns how
    many were sealed. With ``wait=False`` it returns 0 at once when another seal
    holds the chain head."""
    sealed = 0
    while True:
        with transaction.atomic():
            head = _lock_head(skip_locked=not wait)
            if head is None:
                return sealed
            events = list(
                AuditEvent.objects.filter(hash__isnull=True).order_by("id")[:batch]
            )
            if not events:
                return sealed
            sequence, previous = head.sequence, head.hash
            for event in events:
                sequence += 1
                event.sequence = sequence
                event.previous_hash = previous
                event.hash = audit_hash(previous, event.canonical())
                previous = event.hash
            _seals_write(events)
            head.sequence, head.hash = sequence, previous
            head.save(update_fields=["sequence", "hash"])
        sealed += len(events)
        if len(events) < batch:
            return sealed


def _seals_write(events: list[AuditEvent]) -> None:
    """Write the seals of ``events`` with one statement on PostgreSQL (an UPDATE from
    arrays) and one prepared statement per row on SQLite, which runs in-process.
    ``bulk_update``'s CASE expression grows with the batch and cost more than the
    writes it sealed (docs/adr/0012-hot-path-sql.md)."""
    rows = [(e.pk, e.sequence, e.previous_hash, e.hash) for e in events]
    table = sql.table(AuditEvent)
    if sql.vendor() == "postgresql":
        ids, sequences, previous, hashes = (
            list(column) for column in zip(*rows, strict=True)
        )
        sql.execute(
            f"UPDATE {table} AS e SET sequence = d.sequence, "  # noqa: S608 (names from _meta; values are parameters)
            "previous_hash = d.previous_hash, hash = d.hash "
            "FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[], %s::varchar[]) "
            "AS d(id, sequence, previous_hash, hash) WHERE e.id = d.id",
            [ids, sequences, previous, hashes],
        )
        return
    sql.execute_many(
        f"UPDATE {table} SET sequence = %s, previous_hash = %s, hash = %s "  # noqa: S608 (names from _meta; values are parameters)
        "WHERE id = %s",
        [(sequence, prev, digest, pk) for pk, sequence, prev, digest in rows],
    )


_Period = TypeVar("_Period", bound=BaseModel)


def validity_end(
    *,
    actor: User,
    row: _Period,
    on: dt.date,
    action: str,
    before_start: StrOrPromise,
    already_ended: StrOrPromise,
) -> _Period:
    """End a row that holds for a period (``valid_from``..``valid_until``): ``on`` is
    its last day. A period only ends earlier than it was going to, never later;
    ``before_start`` (with ``%(start)s``) and ``already_ended`` (with ``%(end)s``) are
    the refusals in the words of the caller. Call it inside the caller's transaction."""
    locked = type(row)._default_manager.select_for_update().get(pk=row.pk)
    valid_from: dt.date = locked.valid_from  # type: ignore[attr-defined]
    old: dt.date | None = locked.valid_until  # type: ignore[attr-defined]
    if on < valid_from:
        raise ValidationError(
            before_start, code="period_order", params={"start": date_format(valid_from)}
        )
    if old is not None and old <= on:
        raise ValidationError(
            already_ended, code="already_ended", params={"end": date_format(old)}
        )
    locked.valid_until = on  # type: ignore[attr-defined]
    locked.save(update_fields=["valid_until", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        subject=locked,
        data={"old_valid_until": old, "valid_until": on},
    )
    return locked
