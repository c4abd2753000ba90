"""Idempotent API requests with an ``Idempotency-Key`` header (Stripe semantics,
brandur.org/idempotency-keys; docs/adr/0009, docs/adr/0010, docs/api.md).

One transaction per request: its first statement INSERTs the key row ``(provider,
key)``, unique per provider; then the work runs and its answer is stored on the row;
everything commits together, with no savepoint on the way. A concurrent duplicate's
INSERT waits on the unique index until the first transaction ends: after a commit it
fails and the duplicate gives the stored answer (byte for byte) or
``idempotency_key_reused`` (422, the same key with another request); after a rollback
it goes ahead as if it were the first. A process that dies mid-request leaves nothing
behind: its transaction, key row included, is rolled back by the database.

A business refusal rolls the whole transaction back, and is then stored on the key in
a short transaction of its own and replayed like any answer (if a duplicate took the
key in the meantime, its answer is the one given). A request validation error (status
400) is not stored, so the key stays free. An unexpected error rolls everything back,
so the client may retry with the same key.

Never call :func:`idempotent_call` inside an open transaction: the key row has to
commit with the work, and a duplicate has to see that commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core import sql
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.constants import IDEMPOTENCY_KEY_MAX_LENGTH
from wijkvoucher.vouchers.models import IdempotencyKey

Payload = dict[str, Any]
Work = Callable[[], tuple[int, Payload]]
OnRefusal = Callable[[ValidationError], tuple[int, Payload]]

# Answers with this status are request validation errors: never stored, the key is
# released (the client fixes the request and may send it again with the same key).
NOT_STORED_STATUS = 400

# (code, HTTP status, message) of the answers this module gives itself.
KEY_MISSING = (
    "idempotency_key_missing",
    400,
    _(
        "Send an Idempotency-Key header of 1 to 255 characters with every payment "
        "and refund."
    ),
)
KEY_REUSED = (
    "idempotency_key_reused",
    422,
    _(
        "This Idempotency-Key was already used for another request. Use a new key "
        "for a new payment or refund."
    ),
)


@dataclass(frozen=True)
class IdempotentResult:
    status: int
    body: str  # the rendered JSON text, byte for byte what was (or is) stored
    replayed: bool = False


def render_json(payload: Payload) -> str:
    """The one JSON rendering of every API answer (compact, UTF-8)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def request_digest(*, method: str, path: str, body: object) -> str:
    """SHA-256 of method, path and the body as canonical JSON (sorted keys)."""
    canonical = json.dumps(
        body, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    text = f"{method.upper()}\n{path}\n{canonical}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def idempotency_key_valid(key: object) -> bool:
    return (
        isinstance(key, str)
        and 1 <= len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH
        and key.isprintable()
    )


def error_payload(error: tuple[str, int, object]) -> tuple[int, Payload]:
    code, status, message = error
    return status, {"code": code, "detail": str(message)}


class _NotStored(Exception):
    """Unwinds the transaction of an answer that is not kept (status 400)."""

    def __init__(self, result: IdempotentResult) -> None:
        super().__init__(result.status)
        self.result = result


def _stored(*, provider: Provider, key: str, digest: str) -> IdempotentResult | None:
    """The answer a committed request with this key gave, or None if there is none."""
    existing = IdempotencyKey.objects.filter(provider=provider, key=key).first()
    if existing is None:
        return None
    if existing.request_digest != digest:
        status, payload = error_payload(KEY_REUSED)
        return IdempotentResult(status, render_json(payload))
    return IdempotentResult(
        int(existing.response_status or 200), existing.response_body, replayed=True
    )


def _first_time(
    *, provider: Provider, key: str, digest: str, work: Work, joined: bool
) -> IdempotentResult:
    with transaction.atomic(), sql.joined_writes() if joined else nullcontext():
        # A concurrent duplicate waits here, on the unique index, until we end
        # (joined: in the work's first read, which takes the INSERT with it).
        row = IdempotencyKey(provider=provider, key=key, request_digest=digest)
        sql.insert([row])
        # A refusal (ValidationError) rolls back the whole transaction, key included;
        # the caller stores it on its own (no savepoint on the way of every answer).
        status, payload = work()
        result = IdempotentResult(status, render_json(payload))
        if status == NOT_STORED_STATUS:
            raise _NotStored(result)
        sql.update(
            f"UPDATE {sql.table(IdempotencyKey)} SET response_status = %s, "  # noqa: S608 (names from _meta; values are parameters)
            "response_body = %s, completed_at = %s "
            'WHERE provider_id = %s AND "key" = %s',
            [status, result.body, timezone.now(), provider.pk, key],
            rows=1,
        )
    return result


def _refusal_store(
    *, provider: Provider, key: str, digest: str, result: IdempotentResult
) -> IdempotentResult:
    """Keep a refusal on the key in a transaction of its own (the work's was rolled
    back). A duplicate that took the key in between wins: its answer is given."""
    try:
        with transaction.atomic():
            IdempotencyKey.objects.create(
                provider=provider,
                key=key,
                request_digest=digest,
                response_status=result.status,
                response_body=result.body,
                completed_at=timezone.now(),
            )
    except IntegrityError:
        stored = _stored(provider=provider, key=key, digest=digest)
        if stored is None:
            raise
        return stored
    return result


def idempotent_call(
    *,
    provider: Provider,
    key: str,
    method: str,
    path: str,
    body: object,
    work: Work,
    on_refusal: OnRefusal,
    joined: bool = False,
) -> IdempotentResult:
    """Run ``work`` at most once for ``(provider, key)`` and the same request.

    ``work`` returns ``(status, payload)``; a ``ValidationError`` it raises is a
    refusal: its changes are rolled back and ``on_refusal`` turns it into the answer.
    Answers with status 400 are not stored; every other answer is stored on the key
    and given again, byte for byte, to a retry with the same key and request.

    ``joined``: the work's writes and the stored answer go to the database as one
    statement (``sql.joined_writes``), for work that does not read back what it
    wrote (a spend: docs/adr/0012-hot-path-sql.md, item 11)."""
    digest = request_digest(method=method, path=path, body=body)
    try:
        return _first_time(
            provider=provider, key=key, digest=digest, work=work, joined=joined
        )
    except _NotStored as not_stored:
        return not_stored.result
    except ValidationError as refusal:
        status, payload = on_refusal(refusal)
        result = IdempotentResult(status, render_json(payload))
        if status == NOT_STORED_STATUS:
            return result
        return _refusal_store(provider=provider, key=key, digest=digest, result=result)
    except IntegrityError:
        # Either the key row of a committed duplicate, or a constraint of the work
        # itself: only the first has a stored answer to give.
        answer = _stored(provider=provider, key=key, digest=digest)
        if answer is None:
            raise
        return answer


def idempotency_keys_purge(*, now: dt.datetime | None = None) -> int:
    """Remove the keys older than ``IDEMPOTENCY_KEEP_HOURS`` (Stripe prunes them after
    24 hours): a till retries within minutes, and a key older than that is a new
    request. Run hourly by ``privacy_purge``."""
    cutoff = (now or timezone.now()) - dt.timedelta(
        hours=settings.IDEMPOTENCY_KEEP_HOURS
    )
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return int(deleted)
