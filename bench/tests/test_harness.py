"""The arithmetic of make bench: percentiles, the constant-rate schedule, the ratios
against the floor, the targets and the table (bench/harness.py). No server, no
database: the load itself is measured by running make bench."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

import pytest

from bench.harness import (
    Result,
    Schedule,
    Target,
    errors_verdict,
    latency_verdict,
    percentile,
    ratio,
    ratio_verdicts,
    run_schedule,
    table,
)


def result(name: str, rate: float, latencies_ms: list[float] | None = None) -> Result:
    """A result of ``rate`` requests per second over 10 s, all answered 200 (with
    ``latencies_ms`` if given, else ten of 1 ms per second)."""
    latencies = [ms / 1000 for ms in latencies_ms or [1.0] * round(rate * 10)]
    return Result(
        name,
        expected=200,
        seconds=len(latencies) / rate,
        latencies=latencies,
        statuses=Counter({200: len(latencies)}),
    )


@pytest.mark.parametrize(
    ("p", "expected"),
    [(1, 1), (50, 50), (95, 95), (99, 99), (99.5, 100), (100, 100)],
)
def test_percentile_is_the_nearest_rank(p: float, expected: float) -> None:
    # given: 1 .. 100 shuffled
    values = [float((n * 37) % 100 + 1) for n in range(100)]
    # when / then
    assert percentile(values, p) == expected


def test_percentile_of_few_values_rounds_the_rank_up() -> None:
    # given / when / then: of 3 values, p50 is the 2nd, p95 and p99 the 3rd
    assert percentile([30.0, 10.0, 20.0], 50) == 20.0
    assert percentile([30.0, 10.0, 20.0], 95) == 30.0
    assert percentile([7.0], 1) == 7.0


def test_percentile_of_nothing_is_nan_and_outside_0_100_is_refused() -> None:
    # given / when / then
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError, match="not in"):
        percentile([1.0], 0)
    with pytest.raises(ValueError, match="not in"):
        percentile([1.0], 101)


def test_errors_are_unexpected_statuses_and_unanswered_requests() -> None:
    # given: 5 answered (3 expected, 1 conflict, 1 server error) and 2 unanswered
    r = Result(
        "spend",
        expected=201,
        seconds=2.0,
        latencies=[0.01] * 5,
        statuses=Counter({201: 3, 409: 1, 500: 1}),
        failures=2,
    )
    # when / then
    assert (r.answered, r.accepted, r.errors) == (5, 3, 4)
    assert r.rate == 2.5


def test_ratio_is_the_share_of_the_floors_requests_per_second() -> None:
    # given
    floor = result("floor", rate=200)
    # when / then
    assert ratio(result("spend", rate=50), floor) == pytest.approx(0.25)
    assert math.isnan(ratio(result("spend", rate=50), Result("none", expected=200)))


@pytest.mark.parametrize(
    ("rate", "passed", "shown"),
    [(99.0, False, "49.5%"), (100.0, True, "50.0%"), (150.0, True, "75.0%")],
)
def test_a_ratio_target_passes_from_its_minimum_on(
    rate: float, passed: bool, shown: str
) -> None:
    # given: a floor of 200 requests per second and a target of half of it
    results = {"floor": result("floor", 200), "spend": result("spend", rate)}
    # when
    (verdict,) = ratio_verdicts([Target("spend", "floor", 0.5)], results)
    # then
    assert verdict.passed is passed
    assert verdict.line() == (
        f"{'PASS' if passed else 'FAIL'}  spend: {shown} of floor (target >= 50%)"
    )


def test_a_target_whose_scenario_or_floor_did_not_run_is_not_judged() -> None:
    # given
    results = {"floor": result("floor", 200)}
    targets = [Target("spend", "floor", 0.5), Target("floor", "other", 0.5)]
    # when / then
    assert ratio_verdicts(targets, results) == []


def test_a_floor_that_answered_nothing_fails_the_target() -> None:
    # given
    results = {
        "floor": Result("floor", expected=200, seconds=10.0),
        "spend": result("spend", 10),
    }
    # when
    (verdict,) = ratio_verdicts([Target("spend", "floor", 0.5)], results)
    # then
    assert verdict.passed is False


def test_the_latency_target_holds_at_its_limit_and_fails_above() -> None:
    # given: 100 latencies 1 .. 100 ms, so p95 is 95 ms
    r = result("rate", 10, latencies_ms=[float(n) for n in range(1, 101)])
    # when / then
    assert latency_verdict(r, 95, 95.0).passed is True
    assert latency_verdict(r, 95, 94.9).passed is False
    assert latency_verdict(r, 95, 100).line() == (
        "PASS  rate: p95 95.0 ms (target <= 100 ms)"
    )


def test_unanswered_requests_count_as_slower_than_any_answer() -> None:
    # given: 95 answers of 1 ms and 5 requests without an answer
    r = result("rate", 10, latencies_ms=[1.0] * 95)
    r.failures = 5
    # when / then: p95 is still an answer, p96 is not
    assert latency_verdict(r, 95, 100).line() == (
        "PASS  rate: p95 1.0 ms, 5 unanswered (target <= 100 ms)"
    )
    assert latency_verdict(r, 96, 100).line() == (
        "FAIL  rate: p96 inf ms, 5 unanswered (target <= 100 ms)"
    )


def test_any_error_anywhere_fails_the_errors_verdict() -> None:
    # given
    clean = result("clean", 10)
    broken = Result("broken", expected=200, seconds=1.0, failures=3)
    # when / then
    assert errors_verdict([clean]).line() == "PASS  no errors"
    assert errors_verdict([clean, broken]).line() == "FAIL  no errors: broken 3"


def test_the_schedule_spaces_requests_evenly() -> None:
    # given
    schedule = Schedule(rate=20, seconds=2.5)
    # when / then
    assert schedule.count == 50
    assert [schedule.due(i) for i in (0, 1, 49)] == [0.0, 0.05, 2.45]
    assert Schedule(rate=3, seconds=1).count == 3


class FakeTime:
    """A clock that moves only when slept on or when a request takes time."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sent_at: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    def server(self, takes: float) -> Callable[[int], int | None]:
        def send(_index: int) -> int | None:
            self.sent_at.append(self.now)
            self.now += takes
            return 201

        return send

    def run(
        self, rate: float, send: Callable[[int], int | None], give_up: float = 10
    ) -> tuple[list[float], Counter[int], int]:
        """``rate`` requests per second for one second, from one client thread."""
        return run_schedule(
            Schedule(rate=rate, seconds=1),
            send,
            threads=1,
            give_up=give_up,
            clock=self.clock,
            sleep=self.sleep,
        )


def test_a_server_that_keeps_up_is_sent_each_request_when_due() -> None:
    # given: 10 per second for 1 s, each answer takes 40 ms
    fake = FakeTime()
    # when
    latencies, statuses, failures = fake.run(10, fake.server(0.04))
    # then
    assert fake.sent_at == pytest.approx([100.0 + i / 10 for i in range(10)])
    assert latencies == pytest.approx([0.04] * 10)
    assert (statuses, failures) == (Counter({201: 10}), 0)


def test_a_server_that_falls_behind_shows_in_the_latencies() -> None:
    # given: 10 per second, but each answer takes 250 ms and one client sends
    fake = FakeTime()
    # when
    latencies, _statuses, _failures = fake.run(10, fake.server(0.25))
    # then: request i is due at i/10 s but answered at (i+1)/4 s, and is counted
    # from its due time, not from when it was sent
    assert latencies == pytest.approx([0.25 + 0.15 * i for i in range(10)])


def test_requests_not_sent_when_the_run_gives_up_count_as_unanswered() -> None:
    # given: 10 per second for 1 s, each answer takes 250 ms, give up after 1.4 s
    fake = FakeTime()
    # when
    latencies, statuses, failures = fake.run(10, fake.server(0.25), give_up=1.4)
    # then: sent at 0, 0.25, ..., 1.25 s; at 1.5 s the run had given up on the rest
    assert fake.sent_at == pytest.approx([100.0 + i / 4 for i in range(6)])
    assert latencies == pytest.approx([0.25 + 0.15 * i for i in range(6)])
    assert (statuses, failures) == (Counter({201: 6}), 4)
    assert fake.now == pytest.approx(101.5)


def test_unanswered_scheduled_requests_are_counted_apart() -> None:
    # given
    fake = FakeTime()
    # when
    latencies, statuses, failures = fake.run(4, lambda i: None if i % 2 else 200)
    # then
    assert (len(latencies), statuses, failures) == (2, Counter({200: 2}), 2)


def test_the_table_shows_each_scenario_against_its_floor() -> None:
    # given
    floor = result("floor-read", 200, latencies_ms=[2.0] * 2000)
    page = result("page", 50, latencies_ms=[10.0] * 480 + [40.0] * 20)
    # when
    text = table([floor, page], floors={"page": "floor-read"})
    # then
    assert text.splitlines()[2:] == [
        "| floor-read | 2000 | 200 | 2.0 | 2.0 | 2.0 | 0 | floor |",
        "| page | 500 | 50 | 10.0 | 10.0 | 40.0 | 0 | 25% of floor-read |",
    ]
