"""Every refusal leaves a trace (ASVS 16.3; docs/adr/0014-security-events.md).

A request that is refused (a failed or revoked API key, a 403, a 404 on an object URL,
a CSRF failure, a rate limit, a service's refusal on a form or in the API) is counted
on a ``SecurityEvent`` row per 10-minute window, client address, person or key and
reason. Code deeper in the request says *why* with ``refusal_note``;
``SecurityEventMiddleware`` (core.middleware) records at most one event per request
after the response is made.

Cheap under a flood: the count lives in the cache first (one atomic increment), and
the row is written (one upsert, no audit chain, no lock on anything else) only at
counts 1–10, at every power of two and every hundred; a window holds at most
``SECURITY_ROWS_PER_WINDOW`` rows, after which refusals are counted on one row per
reason with client "*". When one address or one key passes
``SECURITY_BURST_THRESHOLD`` refusals in a window, the burst hooks run once (work
registers the coordinators' notification: this app sits below notifications).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from wijkvoucher.core import sql
from wijkvoucher.core.models import SecurityEvent

logger = logging.getLogger(__name__)

WINDOW = dt.timedelta(minutes=10)
# Cache keys outlive their window a little, so a late increment still finds them.
CACHE_SECONDS = 30 * 60
ANY = "*"


@dataclass
class Trace:
    """What the request's code said about its refusal: the first reason wins (the
    most specific one is noted first), the key is whichever was noted."""

    reason: str = ""
    key_id: int = 0


_trace: contextvars.ContextVar[Trace | None] = contextvars.ContextVar(
    "wijkvoucher_security_trace", default=None
)


def trace_start() -> contextvars.Token[Trace | None]:
    return _trace.set(Trace())


def trace_end(token: contextvars.Token[Trace | None]) -> Trace:
    trace = _trace.get() or Trace()
    _trace.reset(token)
    return trace


def refusal_note(reason: str, *, key_id: int | None = None) -> None:
    """Say why the current request is refused (a short code, never a secret). Outside
    a request (a command, a test without the middleware) it does nothing."""
    trace = _trace.get()
    if trace is None:
        return
    if not trace.reason:
        trace.reason = reason[:60]
    if key_id:
        trace.key_id = int(key_id)


def api_key_note(key_id: int) -> None:
    """The API key the current request acts with (for a later refusal's row)."""
    trace = _trace.get()
    if trace is not None:
        trace.key_id = int(key_id)


@dataclass(frozen=True)
class Burst:
    """More refusals than the threshold from one client address or one API key in one
    window; ``subject`` is the address or the key's id."""

    kind: str  # "client" or "key"
    subject: str
    window_start: dt.datetime
    count: int


BurstHook = Callable[[Burst], None]
_burst_hooks: list[BurstHook] = []


def on_burst(hook: BurstHook) -> None:
    """Run ``hook`` once per burst (a higher app registers it in its ``ready``)."""
    if hook not in _burst_hooks:
        _burst_hooks.append(hook)


def window_of(moment: dt.datetime) -> dt.datetime:
    moment = moment.astimezone(dt.UTC)
    return moment.replace(
        minute=moment.minute - moment.minute % 10, second=0, microsecond=0
    )


def cache_count(key: str, seconds: int = CACHE_SECONDS) -> int:
    """Add one to the counter ``key`` in the shared cache (kept ``seconds``) and
    return it. Atomic in Redis; the local-memory cache of the one-process demo locks
    too."""
    if cache.add(key, 1, seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
        return 1


def worth_writing(count: int) -> bool:
    """The counts at which the row is written: every one of the first ten, then each
    power of two and each hundred. A flood of n refusals costs O(n/100) upserts."""
    return count <= 10 or count % 100 == 0 or count & (count - 1) == 0


@dataclass(frozen=True)
class Refusal:
    reason: str
    client: str
    actor_id: int
    key_id: int
    method: str
    path: str


def security_event_record(refusal: Refusal, *, now: dt.datetime | None = None) -> None:
    """Count one refusal (see the module's text). Never raises: a trace that cannot
    be written is one WARNING line, and the answer goes out as it is."""
    moment = now or timezone.now()
    window = window_of(moment)
    prefix = f"wv:sec:{window:%Y%m%d%H%M}"
    try:
        row = refusal
        row_key = f"{prefix}:{row.reason}:{row.client}:{row.actor_id}:{row.key_id}"
        count = cache_count(row_key)
        if (
            count == 1
            and cache_count(f"{prefix}:rows") > settings.SECURITY_ROWS_PER_WINDOW
        ):
            cache.delete(row_key)
            row = Refusal(row.reason, ANY, 0, 0, "", "")
            count = cache_count(f"{prefix}:{row.reason}:{ANY}:0:0")
        if worth_writing(count):
            _upsert(row, window=window, moment=moment, count=count)
        _burst_check(refusal, prefix=prefix, window=window)
    except Exception as error:
        logger.warning("security event not recorded (%s)", type(error).__name__)


def _burst_check(refusal: Refusal, *, prefix: str, window: dt.datetime) -> None:
    threshold = int(settings.SECURITY_BURST_THRESHOLD)
    subjects = [("client", refusal.client)]
    if refusal.key_id:
        subjects.append(("key", str(refusal.key_id)))
    for kind, subject in subjects:
        count = cache_count(f"{prefix}:burst:{kind}:{subject}")
        if count == threshold + 1:
            burst = Burst(kind=kind, subject=subject, window_start=window, count=count)
            for hook in list(_burst_hooks):
                hook(burst)


def _upsert(
    row: Refusal, *, window: dt.datetime, moment: dt.datetime, count: int
) -> None:
    """One statement on SQLite and PostgreSQL: insert the row, or raise its count to
    ``count`` (never lower it: two processes may write out of order)."""
    table = sql.table(SecurityEvent)
    adapt = connection.ops.adapt_datetimefield_value
    statement = (
        f"INSERT INTO {table} (window_start, reason, client, actor_id, key_id, "  # noqa: S608 (names from _meta; values are parameters)
        "method, path, count, first_at, last_at) "
        f"VALUES ({sql.placeholders(10)}) "
        "ON CONFLICT (window_start, reason, client, actor_id, key_id) DO UPDATE SET "
        f"count = CASE WHEN excluded.count > {table}.count "
        f"THEN excluded.count ELSE {table}.count END, "
        "last_at = excluded.last_at"
    )
    params = [
        adapt(window),
        row.reason,
        row.client,
        row.actor_id,
        row.key_id,
        row.method[:8],
        row.path[:200],
        count,
        adapt(moment),
        adapt(moment),
    ]
    try:
        # A savepoint when the caller is inside a transaction (tests): a failed
        # write never spoils the caller's work.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, params)
    except DatabaseError as error:
        logger.warning("security event not written (%s)", type(error).__name__)


def security_events_purge(*, now: dt.datetime | None = None) -> int:
    """Remove the rows older than ``SECURITY_EVENTS_KEEP_DAYS`` (privacy_purge)."""
    cutoff = (now or timezone.now()) - dt.timedelta(
        days=settings.SECURITY_EVENTS_KEEP_DAYS
    )
    deleted, _rows = SecurityEvent.objects.filter(window_start__lt=cutoff).delete()
    return int(deleted)
