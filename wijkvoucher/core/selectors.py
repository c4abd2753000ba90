"""Read helpers of core: verifying the audit chain (docs/money.md#the-invariants, I9;
docs/adr/0010-audit-events-sealed-after-commit.md) and the security events
(docs/adr/0014-security-events.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from wijkvoucher.core.models import (
    GENESIS_HASH,
    AuditChainHead,
    AuditEvent,
    SecurityEvent,
)


@dataclass(frozen=True)
class AuditProblem:
    sequence: int | None
    message: str


def _missing(first: int, last: int) -> str:
    if first == last:
        return f"row {first} is missing"
    return f"rows {first} to {last} are missing"


def _event_problems(
    event: AuditEvent, expected_sequence: int, previous_hash: str
) -> list[AuditProblem]:
    problems: list[AuditProblem] = []
    sequence = int(event.sequence or 0)  # only sealed events are walked
    if sequence != expected_sequence:
        problems.append(
            AuditProblem(
                sequence,
                f"{_missing(expected_sequence, sequence - 1)} "
                f"(row {sequence} follows row {expected_sequence - 1})",
            )
        )
    if event.previous_hash != previous_hash:
        problems.append(
            AuditProblem(
                sequence,
                f"row {sequence} (id {event.pk}) does not link to the row before it",
            )
        )
    if event.computed_hash() != event.hash:
        problems.append(
            AuditProblem(
                sequence,
                f"row {sequence} (id {event.pk}, action {event.action}) was "
                "changed after it was written",
            )
        )
    return problems


def _head_problems(
    head: tuple[int, str] | None, last_sequence: int, hash_at_head: str | None
) -> list[AuditProblem]:
    if head is None:
        return [AuditProblem(None, "the audit chain head row is missing")]
    head_sequence, head_hash = head
    if last_sequence < head_sequence:
        return [
            AuditProblem(
                head_sequence,
                f"the chain head says row {head_sequence} is the last, but the table "
                f"ends at row {last_sequence}: "
                f"{_missing(last_sequence + 1, head_sequence)}",
            )
        ]
    expected = GENESIS_HASH if head_sequence == 0 else hash_at_head
    if expected != head_hash:
        return [
            AuditProblem(
                head_sequence,
                f"the chain head does not match row {head_sequence}",
            )
        ]
    return []


def audit_chain_problems(*, batch_size: int = 2000) -> list[AuditProblem]:
    """Walk the chain from the start. Every row must follow its predecessor without
    gaps, link to its hash, and its stored hash must match sha256(previous hash ||
    canonical row). The chain head is read first: rows appended while we walk only
    extend the chain, and are not reported."""
    head = AuditChainHead.objects.filter(pk=1).values_list("sequence", "hash").first()
    problems: list[AuditProblem] = []
    previous_hash = GENESIS_HASH
    expected_sequence = 1
    hash_at_head: str | None = None
    sealed = AuditEvent.objects.filter(sequence__isnull=False).order_by("sequence")
    for event in sealed.iterator(chunk_size=batch_size):
        problems.extend(_event_problems(event, expected_sequence, previous_hash))
        if head is not None and event.sequence == head[0]:
            hash_at_head = event.hash
        previous_hash = event.hash or ""
        expected_sequence = int(event.sequence or 0) + 1
    problems.extend(_head_problems(head, expected_sequence - 1, hash_at_head))
    problems.extend(_sealing_problems())
    return problems


def audit_seal_lag() -> dt.timedelta:
    """How long events wait at most before ``audit_seal`` chains them: a seal follows
    every write within ``AUDIT_SEAL_INTERVAL`` seconds and the periodic command runs
    every minute, so ten minutes means sealing has stopped."""
    return dt.timedelta(seconds=int(getattr(settings, "AUDIT_SEAL_MAX_LAG", 600)))


def _sealing_problems() -> list[AuditProblem]:
    oldest = (
        AuditEvent.objects.filter(hash__isnull=True)
        .order_by("id")
        .values_list("id", "created_at")
        .first()
    )
    if oldest is None or timezone.now() - oldest[1] <= audit_seal_lag():
        return []
    return [
        AuditProblem(
            None,
            f"event id {oldest[0]} from {oldest[1].isoformat()} is still not sealed: "
            "is `manage.py audit_seal` running?",
        )
    ]


def audit_event_count() -> int:
    return AuditEvent.objects.count()


@dataclass(frozen=True)
class SecurityBurst:
    """One client address or API key with more refusals than the threshold in one
    10-minute window."""

    window_start: dt.datetime
    kind: str  # "client" or "key"
    subject: str
    total: int


@dataclass(frozen=True)
class SecurityOverview:
    rows: list[SecurityEvent]
    bursts: list[SecurityBurst]
    total: int  # refusals in the period (the rows' counts summed)
    shown_all: bool


def security_events_overview(
    *, since: dt.datetime, threshold: int, limit: int = 200
) -> SecurityOverview:
    """The security events since ``since``, newest window and largest count first (at
    most ``limit`` rows), and the bursts among them. Four queries, however many rows."""
    recent = SecurityEvent.objects.filter(window_start__gte=since)
    rows = list(recent.order_by("-window_start", "-count", "pk")[: limit + 1])
    total = int(recent.aggregate(total=Sum("count"))["total"] or 0)
    by_client = (
        recent.exclude(client="*")
        .values("window_start", "client")
        .annotate(total=Sum("count"))
        .filter(total__gt=threshold)
    )
    by_key = (
        recent.exclude(key_id=0)
        .values("window_start", "key_id")
        .annotate(total=Sum("count"))
        .filter(total__gt=threshold)
    )
    bursts = [
        SecurityBurst(b["window_start"], "client", b["client"], b["total"])
        for b in by_client
    ] + [
        SecurityBurst(b["window_start"], "key", str(b["key_id"]), b["total"])
        for b in by_key
    ]
    bursts.sort(key=lambda b: (b.window_start, b.total), reverse=True)
    return SecurityOverview(
        rows=rows[:limit], bursts=bursts, total=total, shown_all=len(rows) <= limit
    )
