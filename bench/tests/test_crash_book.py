"""The bookkeeping and the verdict of the crash drill (bench/crash_book.py; the drill
itself, `make crash-drill`, starts PostgreSQL and kills processes, so it is not part
of the suite). Every check of exactly-once must catch the violation it names and
stay quiet when the run was clean."""

from __future__ import annotations

import json

import pytest

from bench.crash_book import (
    Book,
    Spend,
    Stored,
    StoredRedemption,
    must_retry,
    verdict,
)

CODE_A = "AAAA-AAAA-AAAA-AAAA"
CODE_B = "BBBB-BBBB-BBBB-BBBB"
INITIAL = {CODE_A: 1_000, CODE_B: 500}


def created(redemption_id: str, spend: Spend) -> bytes:
    return json.dumps(
        {
            "id": redemption_id,
            "amount_cents": spend.amount_cents,
            "reference": spend.key,
        }
    ).encode()


def error(code: str) -> bytes:
    return json.dumps({"code": code, "detail": "..."}).encode()


class Run:
    """A book and the database state that would match it exactly."""

    def __init__(self) -> None:
        self.book = Book()
        self.rows: list[StoredRedemption] = []
        self.balances = dict(INITIAL)

    def spend(self, key: str, code: str = CODE_A, cents: int = 3) -> Spend:
        spend = Spend(key=key, voucher_code=code, amount_cents=cents)
        self.book.add(spend, cycle=1)
        return spend

    def paid(self, spend: Spend, *, replayed: bool = False) -> bytes:
        """The server did the spend once; the client got (a replay of) its 201."""
        body = created(f"r-{spend.key}", spend)
        self.book.record(spend.key, 201, body, replayed=replayed)
        self.rows.append(
            StoredRedemption(
                spend.key,
                f"r-{spend.key}",
                spend.voucher_code,
                spend.amount_cents,
                "voucher.redeem",
            )
        )
        self.balances[spend.voucher_code] -= spend.amount_cents
        return body

    def stored(self, **changes: object) -> Stored:
        values: dict[str, object] = {
            "redemptions": list(self.rows),
            "redeem_transactions": len(self.rows),
            "balances": dict(self.balances),
        }
        values.update(changes)
        return Stored(**values)  # type: ignore[arg-type]

    def verdict(self, **changes: object) -> list[str]:
        return verdict(self.book, self.stored(**changes), INITIAL)


@pytest.mark.parametrize(
    ("status", "body", "retry"),
    [
        (None, b"", True),
        (500, b"<html>", True),
        (502, b"", True),
        (429, error("rate_limited"), True),
        (409, error("idempotency_key_in_use"), False),
        (409, error("insufficient_balance"), False),
        (409, b"not json", False),
        (201, b"{}", False),
        (422, error("idempotency_key_reused"), False),
        (400, error("invalid_request"), False),
    ],
)
def test_which_answers_mean_send_again(
    status: int | None, body: bytes, retry: bool
) -> None:
    assert must_retry(status, body) is retry


def test_spend_body_carries_its_key_as_reference() -> None:
    spend = Spend(key="k-1", voucher_code=CODE_A, amount_cents=4)
    assert json.loads(spend.body()) == {
        "voucher_code": CODE_A,
        "amount_cents": 4,
        "description": "crash drill",
        "reference": "k-1",
    }


def test_a_key_cannot_be_used_twice() -> None:
    run = Run()
    run.spend("k-1")
    with pytest.raises(ValueError, match="k-1"):
        run.spend("k-1")


def test_attempts_are_counted_per_kind() -> None:
    run = Run()
    spend = run.spend("k-1")
    assert run.book.record("k-1", None) is False
    assert run.book.record("k-1", 503, b"") is False
    assert run.book.record("k-1", 429, error("rate_limited")) is False
    run.paid(spend, replayed=True)
    counts = run.book.counts(1)
    assert (counts.keys, counts.attempts, counts.lost, counts.throttled) == (1, 4, 2, 1)
    assert (counts.recovered, counts.acknowledged, counts.replays_checked) == (1, 1, 0)
    assert run.book.counts(2).keys == 0


def test_a_clean_run_has_no_violations() -> None:
    run = Run()
    first = run.paid(run.spend("k-1"))
    run.book.record("k-1", 201, first, replayed=True)  # sent again on purpose
    lost = run.spend("k-2", CODE_B, 7)
    run.book.record("k-2", None)
    run.paid(lost, replayed=True)  # done before the crash, its answer was lost
    retried = run.spend("k-3")
    run.book.record("k-3", 429, error("rate_limited"))
    run.paid(retried)  # sent again after the rate limit: done now, not before
    assert run.verdict() == []
    assert run.book.acknowledged_keys() == ["k-1", "k-2", "k-3"]


def test_an_unanswered_key_is_a_violation() -> None:
    run = Run()
    run.spend("k-1")
    run.book.record("k-1", None)
    assert run.verdict() == ["k-1: never answered (1 attempts)"]


def test_a_refusal_of_a_valid_spend_is_a_violation() -> None:
    run = Run()
    run.spend("k-1")
    run.book.record("k-1", 409, error("insufficient_balance"))
    (problem,) = run.verdict()
    assert problem.startswith("k-1: refused with 409")


def test_a_replay_with_another_body_is_a_violation() -> None:
    run = Run()
    spend = run.spend("k-1")
    run.paid(spend)
    run.book.record("k-1", 201, created("r-other", spend), replayed=True)
    (problem,) = run.verdict()
    assert "answered 201" in problem
    assert "r-other" in problem


def test_a_repeated_answer_not_marked_replayed_is_a_violation() -> None:
    run = Run()
    first = run.paid(run.spend("k-1"))
    run.book.record("k-1", 201, first, replayed=False)
    assert run.verdict() == ["k-1: a repeated answer not marked as a replay"]


def test_a_second_redemption_for_one_key_is_caught() -> None:
    run = Run()
    spend = run.spend("k-1")
    run.paid(spend)
    twice = [*run.rows, run.rows[0]]
    balances = {**run.balances, CODE_A: run.balances[CODE_A] - spend.amount_cents}
    problems = run.verdict(redemptions=twice, redeem_transactions=2, balances=balances)
    assert problems == [
        "k-1: acknowledged once but 2 redemptions stored",
        "2 redeem ledger transactions for 1 acknowledged keys",
        "voucher ...AAAA: balance 994, expected 1000 - 3 = 997",
    ]


def test_a_redemption_of_an_unacknowledged_key_is_caught() -> None:
    run = Run()
    run.spend("k-1")
    run.book.record("k-1", None)
    row = StoredRedemption("k-1", "r-1", CODE_A, 3, "voucher.redeem")
    problems = run.verdict(redemptions=[row], redeem_transactions=1)
    assert "k-1: not acknowledged but 1 redemption(s) stored" in problems
    assert "1 redeem ledger transactions for 0 acknowledged keys" in problems


def test_an_acknowledged_key_without_redemption_is_caught() -> None:
    run = Run()
    run.paid(run.spend("k-1"))
    problems = run.verdict(redemptions=[], redeem_transactions=0)
    assert problems == [
        "k-1: acknowledged once but 0 redemptions stored",
        "0 redeem ledger transactions for 1 acknowledged keys",
    ]


def test_a_stored_redemption_that_differs_from_the_answer_is_caught() -> None:
    run = Run()
    run.paid(run.spend("k-1"))
    row = StoredRedemption("k-1", "r-x", CODE_B, 4, "adjustment")
    problems = run.verdict(redemptions=[row])
    assert problems == [
        "k-1: answered id r-k-1, stored r-x",
        "k-1: stored another voucher or amount than was sent",
        "k-1: ledger transaction 'adjustment'",
    ]


def test_a_redemption_nobody_asked_for_is_caught() -> None:
    run = Run()
    row = StoredRedemption("ghost", "r-g", CODE_A, 1, "voucher.redeem")
    problems = run.verdict(redemptions=[row])
    assert problems[0] == "redemption with unknown reference 'ghost'"


def test_a_balance_off_by_one_cent_is_caught() -> None:
    run = Run()
    run.paid(run.spend("k-1", CODE_B, 5))
    problems = run.verdict(balances={CODE_A: 1_000, CODE_B: 494})
    assert problems == ["voucher ...BBBB: balance 494, expected 500 - 5 = 495"]
