"""Idempotent API requests with an ``Idempotency-Key`` header (Stripe semantics,
brandur.org/idempotency-keys; docs/adr/0009, docs/api.md).

Two transactions per request:

1. *Claim* (own short transaction): INSERT the key row ``(provider, key)`` as
   ``in_progress``. Because it commits at once, a concurrent duplicate on PostgreSQL
   waits only for that INSERT (not for the whole payment) and then sees the row:
   ``idempotency_key_in_use`` (409). A finished key replays its stored answer byte for
   byte; the same key with another request is ``idempotency_key_reused`` (422); a key
   left ``in_progress`` longer than ``IDEMPOTENCY_LOCK_SECONDS`` (the process died) is
   taken over with a conditional UPDATE.
2. *Work* (one transaction): lock the key row, run the work inside a savepoint, and
   store the response on the key row. A business refusal rolls the work back to the
   savepoint but is stored and replayed too; a request validation error (status 400)
   is not stored and releases the key. An unexpected error rolls everything back and
   releases the key, so the client may retry with the same key.

Never call :func:`idempotent_call` inside an open transaction: the claim must commit
on its own for the guarantees above (Django's default autocommit does that)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.constants import (
    IDEMPOTENCY_KEY_MAX_LENGTH,
    IDEMPOTENCY_LOCK_SECONDS,
    IdempotencyState,
)
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
KEY_IN_USE = (
    "idempotency_key_in_use",
    409,
    _(
        "A request with this Idempotency-Key is still being handled. Try again in a "
        "moment with the same key."
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


class _LockLost(Exception):
    """Another request took the key over while this one was working."""


@dataclass(frozen=True)
class _Claim:
    row_pk: int
    locked_at: dt.datetime


def _claim(*, provider: Provider, key: str, digest: str) -> _Claim | IdempotentResult:
    """Phase 1: own the key row, or the answer to give instead."""
    for _attempt in range(3):
        now = timezone.now()
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(
                    provider=provider,
                    key=key,
                    request_digest=digest,
                    state=IdempotencyState.IN_PROGRESS,
                    locked_at=now,
                )
            return _Claim(row_pk=row.pk, locked_at=now)
        except IntegrityError:
            pass
        existing = IdempotencyKey.objects.filter(provider=provider, key=key).first()
        if existing is None:
            continue  # released between our INSERT and this read: claim again
        if existing.request_digest != digest:
            status, payload = error_payload(KEY_REUSED)
            return IdempotentResult(status, render_json(payload))
        if existing.state == IdempotencyState.COMPLETED:
            return IdempotentResult(
                int(existing.response_status or 200),
                existing.response_body,
                replayed=True,
            )
        locked_at = existing.locked_at
        if locked_at is not None and (now - locked_at).total_seconds() < (
            IDEMPOTENCY_LOCK_SECONDS
        ):
            status, payload = error_payload(KEY_IN_USE)
            return IdempotentResult(status, render_json(payload))
        # Abandoned by a process that died: take it over, if nobody else did first.
        taken = IdempotencyKey.objects.filter(
            pk=existing.pk,
            state=IdempotencyState.IN_PROGRESS,
            locked_at=locked_at,
        ).update(locked_at=now)
        if taken == 1:
            return _Claim(row_pk=existing.pk, locked_at=now)
        status, payload = error_payload(KEY_IN_USE)
        return IdempotentResult(status, render_json(payload))
    status, payload = error_payload(KEY_IN_USE)
    return IdempotentResult(status, render_json(payload))


def _release(claim: _Claim) -> None:
    IdempotencyKey.objects.filter(
        pk=claim.row_pk,
        state=IdempotencyState.IN_PROGRESS,
        locked_at=claim.locked_at,
    ).delete()


def _ours(claim: _Claim) -> Any:
    return IdempotencyKey.objects.filter(
        pk=claim.row_pk,
        state=IdempotencyState.IN_PROGRESS,
        locked_at=claim.locked_at,
    )


def idempotent_call(
    *,
    provider: Provider,
    key: str,
    method: str,
    path: str,
    body: object,
    work: Work,
    on_refusal: OnRefusal,
) -> IdempotentResult:
    """Run ``work`` at most once for ``(provider, key)`` and the same request.

    ``work`` returns ``(status, payload)``; a ``ValidationError`` it raises is a
    refusal: its changes are rolled back and ``on_refusal`` turns it into the answer.
    Answers with status 400 are not stored; every other answer is stored on the key
    and given again, byte for byte, to a retry with the same key and request."""
    digest = request_digest(method=method, path=path, body=body)
    claimed = _claim(provider=provider, key=key, digest=digest)
    if isinstance(claimed, IdempotentResult):
        return claimed
    try:
        with transaction.atomic():
            # Hold the key row while working: a takeover waits for us and then fails.
            if not _ours(claimed).select_for_update().exists():
                raise _LockLost
            try:
                with transaction.atomic():  # savepoint: a refusal undoes only the work
                    status, payload = work()
            except ValidationError as refusal:
                status, payload = on_refusal(refusal)
            text = render_json(payload)
            if status == NOT_STORED_STATUS:
                _ours(claimed).delete()
                return IdempotentResult(status, text)
            stored = _ours(claimed).update(
                state=IdempotencyState.COMPLETED,
                response_status=status,
                response_body=text,
                completed_at=timezone.now(),
            )
            if stored != 1:
                raise _LockLost
            return IdempotentResult(status, text)
    except _LockLost:
        status, payload = error_payload(KEY_IN_USE)
        return IdempotentResult(status, render_json(payload))
    except BaseException:
        # Nothing of the work was kept; let the client retry with the same key.
        _release(claimed)
        raise
