"""The load generator of ``make bench`` and its arithmetic: percentiles, the
constant-rate schedule, ratios against the floor, targets and the table.

Everything here knows HTTP and numbers, nothing of Django or of the product; the
pure parts are unit-tested in bench/tests/test_harness.py.
"""

from __future__ import annotations

import http.client
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    expected: int
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


# Makes the next request of a scenario; called from many client threads at once.
RequestMaker = Callable[[], Request]


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank ``p``-th percentile (0 < p <= 100) of ``values``: the
    smallest value that at least ``p`` % of the values do not exceed. NaN when
    there are no values."""
    if not 0 < p <= 100:
        raise ValueError(f"percentile {p} is not in (0, 100]")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = math.ceil(p / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


@dataclass
class Result:
    """What one scenario got back: latencies in seconds of the answered requests,
    their statuses, and the requests that got no answer at all."""

    name: str
    expected: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: int = 0

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def accepted(self) -> int:
        return self.statuses.get(self.expected, 0)

    @property
    def errors(self) -> int:
        """Answers other than the expected status, and requests without an answer."""
        return self.failures + self.answered - self.accepted

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def ms(self, p: float) -> float:
        return percentile(self.latencies, p) * 1000

    def merge(
        self, latencies: list[float], statuses: Counter[int], failures: int
    ) -> None:
        self.latencies += latencies
        self.statuses.update(statuses)
        self.failures += failures


class Client:
    """One HTTP/1.1 connection to the server; gunicorn's sync workers close it
    after each answer, so most requests connect anew, as a browser's would."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def send(self, request: Request) -> int | None:
        """The answer's status, or None when the request got no answer."""
        try:
            self.connection.request(
                request.method, request.path, body=request.body, headers=request.headers
            )
            response = self.connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return None
        return response.status

    def close(self) -> None:
        self.connection.close()


def run_closed(
    name: str, make: RequestMaker, port: int, threads: int, seconds: float
) -> Result:
    """Closed loop: ``threads`` clients each send the next request as soon as the
    previous one is answered, for ``seconds``. Measures the most the server takes."""
    result = Result(name, expected=make().expected)
    lock = threading.Lock()
    start = threading.Barrier(threads + 1)
    stop_at = [0.0]

    def client() -> None:
        connection = Client(port)
        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        failures = 0
        start.wait()
        while time.perf_counter() < stop_at[0]:
            request = make()
            began = time.perf_counter()
            status = connection.send(request)
            if status is None:
                failures += 1
                continue
            latencies.append(time.perf_counter() - began)
            statuses[status] += 1
        connection.close()
        with lock:
            result.merge(latencies, statuses, failures)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    start.wait()
    for worker in workers:
        worker.join()
    result.seconds = time.perf_counter() - began
    return result


@dataclass(frozen=True)
class Schedule:
    """A constant rate: request ``i`` (from 0) is due ``i / rate`` seconds after the
    start, ``count`` requests in all."""

    rate: float
    seconds: float

    @property
    def count(self) -> int:
        return math.floor(self.rate * self.seconds + 1e-9)

    def due(self, index: int) -> float:
        return index / self.rate


def run_schedule(
    schedule: Schedule,
    send: Callable[[int], int | None],
    *,
    threads: int,
    give_up: float,
    clock: Callable[[], float] = time.perf_counter,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[list[float], Counter[int], int]:
    """Send request ``i`` at its due time with ``send(i)`` (the status, or None
    without an answer) from a pool of ``threads``. A latency counts from the due
    time, not from when a free thread got round to sending, so a server that falls
    behind shows in the latencies instead of slowing the load down ("coordinated
    omission"). A request not sent ``give_up`` seconds after the start is not sent
    at all and counts as unanswered, so a slow server cannot stretch the run.
    Returns the latencies, the statuses and the unanswered count."""
    lock = threading.Lock()
    indices = iter(range(schedule.count))
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    failures = [0]
    start = clock()

    def worker() -> None:
        while True:
            with lock:
                index = next(indices, None)
            if index is None:
                return
            due = start + schedule.due(index)
            wait = due - clock()
            if wait > 0:
                sleep(wait)
            status = send(index) if clock() <= start + give_up else None
            latency = clock() - due
            with lock:
                if status is None:
                    failures[0] += 1
                else:
                    latencies.append(latency)
                    statuses[status] += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return latencies, statuses, failures[0]


def run_constant_rate(
    name: str,
    make: RequestMaker,
    port: int,
    *,
    rate: float,
    seconds: float,
    threads: int,
    grace: float = 5,
) -> Result:
    """Open loop: ``rate`` requests per second for ``seconds``, whatever the answers
    take (``threads`` clients at most in flight); what is not sent ``grace`` seconds
    after the end is not sent and counts as unanswered."""
    result = Result(name, expected=make().expected)
    local = threading.local()

    def send(_index: int) -> int | None:
        if not hasattr(local, "client"):
            local.client = Client(port)
        status: int | None = local.client.send(make())
        return status

    began = time.perf_counter()
    schedule = Schedule(rate, seconds)
    result.merge(
        *run_schedule(schedule, send, threads=threads, give_up=seconds + grace)
    )
    result.seconds = time.perf_counter() - began
    return result


@dataclass(frozen=True)
class Target:
    """A line of the verdict: ``scenario`` must reach ``minimum`` times the
    requests per second of ``floor``."""

    scenario: str
    floor: str
    minimum: float


@dataclass(frozen=True)
class Verdict:
    text: str
    passed: bool

    def line(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'}  {self.text}"


def ratio(result: Result, floor: Result) -> float:
    """``result``'s requests per second as a fraction of ``floor``'s."""
    return result.rate / floor.rate if floor.rate else math.nan


def ratio_verdicts(
    targets: Iterable[Target], results: dict[str, Result]
) -> list[Verdict]:
    """One verdict per target whose scenario and floor both ran."""
    verdicts: list[Verdict] = []
    for target in targets:
        if target.scenario not in results or target.floor not in results:
            continue
        got = ratio(results[target.scenario], results[target.floor])
        verdicts.append(
            Verdict(
                f"{target.scenario}: {got:.1%} of {target.floor} "
                f"(target >= {target.minimum:.0%})",
                passed=got >= target.minimum,  # False for NaN
            )
        )
    return verdicts


def latency_verdict(result: Result, p: float, limit_ms: float) -> Verdict:
    """The ``p``-th percentile of all requests sent or due, one without an answer
    counting as slower than any answer."""
    got = percentile(result.latencies + [math.inf] * result.failures, p) * 1000
    unanswered = f", {result.failures} unanswered" if result.failures else ""
    return Verdict(
        f"{result.name}: p{p:g} {got:.1f} ms{unanswered} (target <= {limit_ms:g} ms)",
        passed=got <= limit_ms,
    )


def errors_verdict(results: Iterable[Result]) -> Verdict:
    erring = [f"{r.name} {r.errors}" for r in results if r.errors]
    return Verdict(
        "no errors" + (f": {', '.join(erring)}" if erring else ""),
        passed=not erring,
    )


def table(results: Sequence[Result], floors: dict[str, str]) -> str:
    """The markdown table; ``floors`` names each scenario's floor, whose ratio the
    last column shows ("floor" for the floors themselves)."""
    by_name = {r.name: r for r in results}
    used = set(floors.values())
    lines = [
        "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | errors | of floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        floor = by_name.get(floors.get(r.name, ""))
        share = f"{ratio(r, floor):.0%} of {floor.name}" if floor else ""
        if r.name in used:
            share = "floor"
        lines.append(
            f"| {r.name} | {r.answered} | {r.rate:.0f} | {r.ms(50):.1f} "
            f"| {r.ms(95):.1f} | {r.ms(99):.1f} | {r.errors} | {share} |"
        )
    return "\n".join(lines)
