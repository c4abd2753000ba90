"""The bookkeeping of the crash drill (bench/crash_drill.py): every answer the clients
got per Idempotency-Key, and the verdict that compares them with what the database
holds. Pure Python (no Django, no network), so that bench/tests/test_crash_book.py can test
it inside `make test`.

A spend is *answered* when the server gave an answer a till would act on: anything but
a failed connection or timeout, a 5xx and a 429 (those three mean: send the same key
and body again; a duplicate of a running request waits for it, so there is no "still
running" answer to retry on, docs/adr/0010). A key is *acknowledged* when its first
answer was 201. Exactly-once means:

- every acknowledged key has exactly one stored redemption (with the id of its answer,
  its voucher and amount, and a ``voucher.redeem`` ledger transaction), and a key never
  acknowledged has none;
- every answer to a key is byte for byte the first one, and every later one says it is a
  replay (``Idempotent-Replayed: true``);
- the redeem ledger transactions are as many as the acknowledged keys, and every voucher
  holds its first balance minus the acknowledged spends on it.

The drill sends only valid spends on funded vouchers, so a refusal (any other final
answer) is a violation too, and so is a key still unanswered when the cycle ends.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ACCEPTED = 201
REDEEM_KIND = "voucher.redeem"
DESCRIPTION = "crash drill"


@dataclass(frozen=True)
class Spend:
    """One payment a till wants to make; its key is also its ``reference``, so that
    the stored redemption can be traced back to the key without the key table."""

    key: str
    voucher_code: str
    amount_cents: int

    def body(self) -> bytes:
        return json.dumps(
            {
                "voucher_code": self.voucher_code,
                "amount_cents": self.amount_cents,
                "description": DESCRIPTION,
                "reference": self.key,
            }
        ).encode()


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    replayed: bool = False


def must_retry(status: int | None, body: bytes = b"") -> bool:
    """Whether a till must send the same key and body again (``body`` does not decide
    it: every 409 is final now)."""
    return status is None or status >= 500 or status == 429


@dataclass
class KeyRecord:
    spend: Spend
    cycle: int
    attempts: int = 0
    lost: int = 0  # no answer: connection refused or reset, timeout, 5xx
    throttled: int = 0  # 429 rate_limited
    answers: list[Answer] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return bool(self.answers)

    @property
    def acknowledged(self) -> bool:
        return self.answered and self.answers[0].status == ACCEPTED

    @property
    def redemption_id(self) -> str:
        if not self.acknowledged:
            return ""
        try:
            return str(json.loads(self.answers[0].body).get("id", ""))
        except (ValueError, AttributeError):
            return ""


@dataclass(frozen=True)
class CycleCounts:
    keys: int
    attempts: int
    lost: int
    throttled: int
    recovered: int  # the first answer was a replay: done before, its answer lost
    acknowledged: int
    replays_checked: int


class Book:
    """Every spend and every attempt, shared by the client threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.records: dict[str, KeyRecord] = {}

    def add(self, spend: Spend, cycle: int) -> None:
        with self._lock:
            if spend.key in self.records:
                raise ValueError(f"key {spend.key} was used before")
            self.records[spend.key] = KeyRecord(spend, cycle)

    def record(
        self, key: str, status: int | None, body: bytes = b"", replayed: bool = False
    ) -> bool:
        """Note one attempt; True when the spend is answered (no retry needed)."""
        with self._lock:
            entry = self.records[key]
            entry.attempts += 1
            if status is None or status >= 500:
                entry.lost += 1
            elif must_retry(status, body):
                entry.throttled += status == 429
            else:
                entry.answers.append(Answer(status, body, replayed))
                return True
            return False

    def counts(self, cycle: int) -> CycleCounts:
        with self._lock:
            mine = [r for r in self.records.values() if r.cycle == cycle]
        return CycleCounts(
            keys=len(mine),
            attempts=sum(r.attempts for r in mine),
            lost=sum(r.lost for r in mine),
            throttled=sum(r.throttled for r in mine),
            recovered=sum(1 for r in mine if r.answered and r.answers[0].replayed),
            acknowledged=sum(1 for r in mine if r.acknowledged),
            replays_checked=sum(len(r.answers) - 1 for r in mine if r.answers),
        )

    def acknowledged_keys(self) -> list[str]:
        with self._lock:
            return [k for k, r in self.records.items() if r.acknowledged]


@dataclass(frozen=True)
class StoredRedemption:
    reference: str
    id: str
    voucher_code: str
    amount_cents: int
    transaction_kind: str


@dataclass(frozen=True)
class Stored:
    """What the database holds after a cycle (read by the drill, not by the API)."""

    redemptions: list[StoredRedemption]
    redeem_transactions: int
    balances: Mapping[str, int]


def answer_problems(records: Iterable[KeyRecord]) -> list[str]:
    """What the clients saw: unanswered keys, refusals, answers that differ."""
    problems: list[str] = []
    for r in records:
        key = r.spend.key
        if not r.answered:
            problems.append(f"{key}: never answered ({r.attempts} attempts)")
            continue
        first = r.answers[0]
        if first.status != ACCEPTED:
            problems.append(f"{key}: refused with {first.status} {first.body!r}")
        for later in r.answers[1:]:
            if (later.status, later.body) != (first.status, first.body):
                problems.append(
                    f"{key}: answered {first.status} {first.body!r} and later "
                    f"{later.status} {later.body!r}"
                )
            elif not later.replayed:
                problems.append(f"{key}: a repeated answer not marked as a replay")
    return problems


def _redemption_problems(
    record: KeyRecord, stored: list[StoredRedemption]
) -> list[str]:
    key = record.spend.key
    if not record.acknowledged:
        return [f"{key}: not acknowledged but {len(stored)} redemption(s) stored"]
    if len(stored) != 1:
        return [f"{key}: acknowledged once but {len(stored)} redemptions stored"]
    (row,) = stored
    problems: list[str] = []
    if row.id != record.redemption_id:
        problems.append(f"{key}: answered id {record.redemption_id}, stored {row.id}")
    spend = record.spend
    if (row.voucher_code, row.amount_cents) != (spend.voucher_code, spend.amount_cents):
        problems.append(f"{key}: stored another voucher or amount than was sent")
    if row.transaction_kind != REDEEM_KIND:
        problems.append(f"{key}: ledger transaction {row.transaction_kind!r}")
    return problems


def stored_problems(
    records: Mapping[str, KeyRecord], stored: Stored, initial: Mapping[str, int]
) -> list[str]:
    """What the database holds against what the clients were told."""
    problems: list[str] = []
    by_key: dict[str, list[StoredRedemption]] = defaultdict(list)
    for row in stored.redemptions:
        by_key[row.reference].append(row)
    for reference in sorted(set(by_key) - set(records)):
        problems.append(f"redemption with unknown reference {reference!r}")
    for key, record in records.items():
        rows = by_key.get(key, [])
        if rows or record.acknowledged:
            problems += _redemption_problems(record, rows)
    acknowledged = [r for r in records.values() if r.acknowledged]
    if stored.redeem_transactions != len(acknowledged):
        problems.append(
            f"{stored.redeem_transactions} redeem ledger transactions for "
            f"{len(acknowledged)} acknowledged keys"
        )
    spent: Counter[str] = Counter()
    for r in acknowledged:
        spent[r.spend.voucher_code] += r.spend.amount_cents
    for code, first in sorted(initial.items()):
        expected = first - spent[code]
        now = stored.balances.get(code)
        if now != expected:
            problems.append(
                f"voucher ...{code[-4:]}: balance {now}, expected {first} - "
                f"{spent[code]} = {expected}"
            )
    return problems


def verdict(book: Book, stored: Stored, initial: Mapping[str, int]) -> list[str]:
    """Every violation of exactly-once in the whole run so far; empty when none."""
    records = dict(book.records)
    return answer_problems(records.values()) + stored_problems(records, stored, initial)
