#!/usr/bin/env python
"""make bench: the floor and the product side by side, in one run on PostgreSQL.

Re-creates the database, seeds the product (through its services) and the floor
(bench/floor/), starts gunicorn with both, runs every scenario after a warm-up with
N client threads, then redemptions at a constant rate; prints one markdown table
with each scenario's share of its floor, the targets as PASS/FAIL, and the money
checks. Exit status 1 when a target or a money check fails. See bench/README.md.

    make bench
    .venv/bin/python bench/run.py --duration 10 --scenarios floor-write-spread,spend-many
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

# Run as a script (python bench/run.py): the project root must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import world
from bench.harness import (
    Client,
    Request,
    RequestMaker,
    Result,
    Target,
    Verdict,
    errors_verdict,
    latency_verdict,
    ratio_verdicts,
    run_closed,
    run_constant_rate,
    table,
)

FLOOR_SPREAD = "floor-write-spread"
FLOOR_HOT = "floor-write-hot"
FLOOR_READ = "floor-read"
FLOOR_ROW = "floor-write-row"
SPEND_PATH = "/api/v1/redemptions/"
MOVE_PATH = "/bench/floor/move/"
READ_PATH = "/bench/floor/read/"
ROW_PATH = "/bench/floor/row/"


def round_robin(items: Sequence[str]) -> Callable[[], str]:
    """The next of ``items`` on every call, in turn, from any thread."""
    counter = itertools.count()
    lock = threading.Lock()

    def take() -> str:
        with lock:
            return items[next(counter) % len(items)]

    return take


def spends(key: str, codes: Sequence[str]) -> RequestMaker:
    """Spends of one cent through the provider API, each with a fresh idempotency
    key, on ``codes`` in turn."""
    code = round_robin(codes)

    def make() -> Request:
        body = {"voucher_code": code(), "amount_cents": 1, "description": "bench"}
        return Request(
            "POST",
            SPEND_PATH,
            expected=201,
            body=json.dumps(body).encode(),
            headers={
                "Authorization": f"Token {key}",
                "Idempotency-Key": str(uuid.uuid4()),
                "Content-Type": "application/json",
            },
        )

    return make


def moves(pairs: Sequence[int]) -> RequestMaker:
    """The floor's one-cent moves, on ``pairs`` in turn."""
    pair = round_robin([str(p) for p in pairs])
    return lambda: Request("POST", f"{MOVE_PATH}?pair={pair()}", expected=201)


def rows(ids: Sequence[int]) -> RequestMaker:
    """The floor's one-row writes, on the balances ``ids`` in turn."""
    pk = round_robin([str(n) for n in ids])
    return lambda: Request("POST", f"{ROW_PATH}?id={pk()}", expected=201)


def ballots(seed_: world.Seed) -> RequestMaker:
    """Approval ballots of two plans through the ballot page, the voters in turn (each
    with the signed cookie the code page gives and a CSRF token); a voter's second
    ballot replaces the first."""
    from wijkvoucher.consultations.views.voter import VOTER_COOKIE

    voter = round_robin(list(seed_.voter_cookies))
    options = seed_.ballot_options
    counter = itertools.count()
    lock = threading.Lock()

    def make() -> Request:
        with lock:
            n = next(counter)
        chosen = [options[n % len(options)], options[(n + 3) % len(options)]]
        body = urlencode(
            [("csrfmiddlewaretoken", world.CSRF_TOKEN)]
            + [("choices", str(pk)) for pk in chosen]
        )
        return Request(
            "POST",
            seed_.ballot_path,
            expected=303,
            body=body.encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={world.CSRF_TOKEN}; {VOTER_COOKIE}={voter()}",
            },
        )

    return make


def receipts(seed_: world.Seed) -> RequestMaker:
    """The receipt page, as the browser opens it after the ballot's 303 (with the
    signed cookie that carries the receipt)."""
    from wijkvoucher.consultations.views.voter import RECEIPT_COOKIE

    cookie = f"{RECEIPT_COOKIE}={seed_.receipt_cookie}"
    return lambda: Request(
        "GET", seed_.receipt_path, expected=200, headers={"Cookie": cookie}
    )


def gets(paths: Sequence[str]) -> RequestMaker:
    path = round_robin(paths)
    return lambda: Request("GET", path(), expected=200)


@dataclass(frozen=True)
class Scenario:
    """One row of the table. ``floor`` and ``minimum``: the target, a share of the
    floor's requests per second. ``pays``: its accepted requests move money, which
    the checks after the run count ("spend" or "move")."""

    name: str
    what: str
    requests: Callable[[world.Seed], RequestMaker]
    floor: str | None = None
    minimum: float = 0.0
    pays: str = ""


SCENARIOS = [
    Scenario(
        FLOOR_SPREAD,
        "POST /bench/floor/move/: one cent between two balances, pairs in turn",
        lambda s: moves(range(s.floor_pairs)),
        pays="move",
    ),
    Scenario(
        FLOOR_HOT,
        "POST /bench/floor/move/: one cent, every request on the one hot pair",
        lambda s: moves([s.floor_pairs]),
        pays="move",
    ),
    Scenario(
        FLOOR_ROW,
        "POST /bench/floor/row/: one row written in one transaction",
        lambda s: rows(range(1, 2 * s.floor_pairs)),
    ),
    Scenario(
        FLOOR_READ,
        "GET /bench/floor/read/: one balance row through a two-line template",
        lambda s: gets([f"{READ_PATH}?id={n}" for n in range(1, 2 * s.floor_pairs)]),
    ),
    Scenario(
        "spend-many",
        "POST /api/v1/redemptions/: one cent, vouchers in turn",
        lambda s: spends(s.key, s.codes),
        floor=FLOOR_SPREAD,
        minimum=0.50,
        pays="spend",
    ),
    Scenario(
        "spend-hot",
        "POST /api/v1/redemptions/: one cent, every request on the one hot voucher",
        lambda s: spends(s.key, [s.hot_code]),
        floor=FLOOR_HOT,
        minimum=0.35,
        pays="spend",
    ),
    Scenario(
        "page-wijk",
        "GET the public wijk page, anonymous",
        lambda s: gets([s.wijk_path]),
        floor=FLOOR_READ,
        minimum=0.60,
    ),
    Scenario(
        "page-plan",
        "GET the public page of a plan with 100 vouchers, anonymous",
        lambda s: gets([s.plan_path]),
        floor=FLOOR_READ,
        minimum=0.60,
    ),
    Scenario(
        "ballot-many",
        "POST the ballot page: an approval ballot of two plans, voters in turn",
        ballots,
        floor=FLOOR_ROW,
        minimum=0.50,
        pays="ballot",
    ),
    Scenario(
        "page-receipt",
        "GET the receipt page the ballot's POST redirects to (receipt in its cookie)",
        receipts,
        floor=FLOOR_READ,
        minimum=0.60,
    ),
]
RATE_NAME = "spend-many at {rate:g}/s"
RATE_P95_MS = 100.0


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    parser.add_argument("--duration", type=float, default=15, help="seconds each")
    parser.add_argument("--warmup", type=float, default=2, help="seconds, not counted")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--vouchers", type=int, default=400, help="vouchers to spread")
    parser.add_argument(
        "--rate",
        type=float,
        default=20,
        help="redemptions/s of the constant run (0: none)",
    )
    parser.add_argument(
        "--rate-duration", type=float, default=20, help="seconds of the constant run"
    )
    parser.add_argument(
        "--scenarios",
        default=",".join(s.name for s in SCENARIOS),
        help="comma-separated scenarios to run (default: all)",
    )
    parser.add_argument(
        "--no-targets",
        action="store_true",
        help="print the figures only; only the money checks set the exit status",
    )
    args = parser.parse_args(argv)
    known = {s.name for s in SCENARIOS}
    chosen = args.scenarios.split(",")
    if unknown := [name for name in chosen if name not in known]:
        parser.error(f"unknown scenarios {unknown}; known: {sorted(known)}")
    args.scenarios = [s for s in SCENARIOS if s.name in chosen]
    return args


def preflight(port: int, scenario: Scenario, make: RequestMaker) -> None:
    """A page scenario whose first answer is wrong measures nothing: stop early."""
    request = make()
    if request.method != "GET":
        return
    client = Client(port)
    status = client.send(request)
    client.close()
    if status != request.expected:
        raise SystemExit(f"{scenario.name}: GET {request.path} answered {status}")


def measure(
    args: argparse.Namespace, seed_: world.Seed, port: int
) -> tuple[list[Result], dict[str, int]]:
    """Every scenario after its warm-up, then the constant-rate run. Returns the
    measured results and the accepted requests that moved money, by kind (warm-ups
    included)."""
    results: list[Result] = []
    paid = {"spend": 0, "move": 0, "ballot": 0}
    for scenario in args.scenarios:
        make = scenario.requests(seed_)
        preflight(port, scenario, make)
        runs = []
        if args.warmup:
            runs.append(
                run_closed(scenario.name, make, port, args.threads, args.warmup)
            )
        print(f"{scenario.name}: {args.threads} threads, {args.duration:g} s ...")
        runs.append(run_closed(scenario.name, make, port, args.threads, args.duration))
        results.append(runs[-1])
        if scenario.pays:
            paid[scenario.pays] += sum(r.accepted for r in runs)
    if args.rate:
        name = RATE_NAME.format(rate=args.rate)
        print(f"{name}: {args.rate_duration:g} s ...")
        constant = run_constant_rate(
            name,
            spends(seed_.key, seed_.codes),
            port,
            rate=args.rate,
            seconds=args.rate_duration,
            threads=max(args.threads, 16),
        )
        results.append(constant)
        paid["spend"] += constant.accepted
    return results, paid


def verdicts(args: argparse.Namespace, results: list[Result]) -> list[Verdict]:
    by_name = {r.name: r for r in results}
    targets = [Target(s.name, s.floor, s.minimum) for s in args.scenarios if s.floor]
    found = ratio_verdicts(targets, by_name)
    if args.rate:
        found.append(
            latency_verdict(by_name[RATE_NAME.format(rate=args.rate)], 95, RATE_P95_MS)
        )
    found.append(errors_verdict(results))
    return found


def figures(args: argparse.Namespace, results: list[Result]) -> None:
    """The table, and a line per scenario that says what it sends."""
    floors = {s.name: s.floor for s in args.scenarios if s.floor}
    print(table(results, floors))
    print()
    for scenario in args.scenarios:
        print(f"- {scenario.name}: {scenario.what}")
    if args.rate:
        print(
            f"- {RATE_NAME.format(rate=args.rate)}: spend-many at a constant rate for "
            f"{args.rate_duration:g} s, latency counted from each request's due time"
        )
    print()


def money_clean(env: dict[str, str], seed_: world.Seed, paid: dict[str, int]) -> bool:
    """Redemptions, floor moves and ledger_verify after the run; prints each."""
    problems = (
        world.redemptions_check(paid["spend"])
        + world.floor_check(paid["move"], pairs=seed_.floor_pairs + 1)
        + world.ballots_check(paid["ballot"])
    )
    clean, verify = world.ledger_verify(env)
    print(
        f"money: {paid['spend']} spends accepted, {paid['move']} floor moves accepted, "
        f"{paid['ballot']} ballots accepted (warm-ups included)"
    )
    print(verify)
    for problem in problems:
        print(f"MONEY CHECK FAILED: {problem}")
    return clean and not problems


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    database_url = os.environ.get("DATABASE_URL", world.DEFAULT_DATABASE_URL)
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("make bench measures PostgreSQL only")
    env = world.server_env(database_url)
    os.environ.update(env)
    load_start = os.getloadavg()[0]

    began = time.monotonic()
    print(f"database {database_url.rsplit('/', 1)[-1]}: create, migrate and seed ...")
    world.database_create(database_url)
    seed_ = world.seed(vouchers=args.vouchers)
    print(f"seeded in {time.monotonic() - began:.0f} s")
    load_before = os.getloadavg()[0]
    port = world.free_port()
    server = world.gunicorn_start(env, port, args.workers)
    try:
        results, paid = measure(args, seed_, port)
    finally:
        server.terminate()
        server.wait(timeout=30)
    load_after = os.getloadavg()[0]

    print()
    print(
        f"{world.machine_facts(args.workers)}; {args.threads} client threads, "
        f"{args.duration:g} s per scenario after {args.warmup:g} s warm-up"
    )
    print(
        f"load average (1 min): {load_start:.2f} at the start, {load_before:.2f} "
        f"after seeding, {load_after:.2f} after the run"
    )
    print()
    figures(args, results)
    judged = [] if args.no_targets else verdicts(args, results)
    for verdict in judged:
        print(verdict.line())
    money = money_clean(env, seed_, paid)
    return 0 if money and all(v.passed for v in judged) else 1


if __name__ == "__main__":
    sys.exit(main())
