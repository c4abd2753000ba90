#!/usr/bin/env python
"""Benchmark: spending vouchers through the provider API on PostgreSQL.

Creates (or re-creates) a PostgreSQL database, migrates it, seeds one wijk with an
approved provider, its API key and many vouchers through the services, starts
gunicorn on a free port, and then runs three scenarios with N client threads for D
seconds each:

1. ``page``: a plain Django page on the same stack (the accessibility statement; the
   project has no health endpoint), as the baseline of the stack itself;
2. ``spend-many``: ``POST /api/v1/redemptions/`` of € 0.01 with a fresh
   Idempotency-Key, the voucher code taken round-robin from many vouchers, so that
   the voucher row locks do not serialise the requests;
3. ``spend-hot``: the same, all on ONE voucher (every request waits for the row lock).

Afterwards it checks that the number of accepted spends equals the redemptions and
the cents taken off the vouchers, runs ``manage.py ledger_verify`` and prints a
markdown table. See bench/README.md.

    make bench-api
    .venv/bin/python bench/api_redemptions.py --threads 8 --duration 20
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wv_bench"
PAGE_PATH = "/toegankelijkheid/"
SPEND_PATH = "/api/v1/redemptions/"
PROVIDER_NAME = "Bench Bouwmarkt"
# Vouchers per plan, each worth VOUCHER_CENTS; the hot voucher is one plan's single
# voucher of HOT_CENTS (enough for 50 000 spends of one cent).
PER_PLAN = 100
VOUCHER_CENTS = 1_000
HOT_CENTS = 50_000


def _server_env(database_url: str, rate: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": "bench-only-" + "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_DEBUG": "0",
            "WIJKVOUCHER_DEMO": "0",
            "WIJKVOUCHER_HTTPS": "0",
            "WIJKVOUCHER_API_RATE": rate,
            "LOG_LEVEL": "WARNING",
            # Without DEBUG the pages need the collected static manifest.
            "WIJKVOUCHER_STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        }
    )
    return env


def ensure_database(database_url: str, *, fresh: bool) -> None:
    """Create the database (dropped first with ``fresh``) on its server."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            conn.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@dataclass
class Seed:
    key: str
    codes: list[str]
    hot_code: str


def seed(vouchers: int) -> Seed:
    """Migrate and create the bench world through the services (the test helpers
    build a wijk with a regeling and a funded budget; their clock is 2026-06-15)."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)

    from wijkvoucher.decisions.tests.helpers import contact_of, funded
    from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
    from wijkvoucher.neighbourhoods.tests.helpers import on_day
    from wijkvoucher.providers.services.tokens import api_token_create
    from wijkvoucher.vouchers.services.issuance import vouchers_issue
    from wijkvoucher.vouchers.tests.helpers import approved_provider, awarded_plan

    plans = -(-vouchers // PER_PLAN)
    codes: list[str] = []
    with on_day():
        wijk = neighbourhood_ready()
        funded(wijk, ceiling_cents=(plans * PER_PLAN * VOUCHER_CENTS + HOT_CENTS) * 2)
        provider, user = approved_provider(wijk, name=PROVIDER_NAME)
        for n in range(plans):
            count = min(PER_PLAN, vouchers - n * PER_PLAN)
            plan = awarded_plan(wijk, count * VOUCHER_CENTS)
            issued = vouchers_issue(
                actor=contact_of(plan),
                initiative=plan,
                amounts_cents=[VOUCHER_CENTS] * count,
            )
            codes += [v.code for v in issued]
        hot_plan = awarded_plan(wijk, HOT_CENTS)
        (hot,) = vouchers_issue(
            actor=contact_of(hot_plan), initiative=hot_plan, amounts_cents=[HOT_CENTS]
        )
        _token, key = api_token_create(actor=user, provider=provider, name="bench")
    return Seed(key=key, codes=codes, hot_code=hot.code)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_gunicorn(
    env: dict[str, str], port: int, workers: int
) -> subprocess.Popen[bytes]:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        "-w",
        str(workers),
        "--threads",
        "1",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", PAGE_PATH)
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 seconds")


Request = tuple[str, str, bytes | None, dict[str, str], int]


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: int = 0
    expected: int = 200
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return self.failures + sum(
            n for status, n in self.statuses.items() if status != self.expected
        )

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000


def page_request() -> Request:
    return ("GET", PAGE_PATH, None, {}, 200)


def spend_requests(key: str, codes: list[str]) -> Callable[[], Request]:
    counter = itertools.count()
    lock = threading.Lock()

    def make() -> Request:
        with lock:
            n = next(counter)
        body = json.dumps(
            {
                "voucher_code": codes[n % len(codes)],
                "amount_cents": 1,
                "description": "bench",
            }
        ).encode()
        headers = {
            "Authorization": f"Token {key}",
            "Idempotency-Key": str(uuid.uuid4()),
            "Content-Type": "application/json",
        }
        return ("POST", SPEND_PATH, body, headers, 201)

    return make


def run(
    name: str, make: Callable[[], Request], port: int, threads: int, seconds: float
) -> Result:
    result = Result(name, expected=make()[4])
    lock = threading.Lock()
    start = threading.Barrier(threads + 1)
    stop_at = [0.0]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        failures = 0
        start.wait()
        while time.perf_counter() < stop_at[0]:
            method, path, body, headers, _expected = make()
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                statuses[response.status] += 1
                latencies.append(time.perf_counter() - began)
            except (OSError, http.client.HTTPException):
                failures += 1
                conn.close()
        conn.close()
        with lock:
            result.latencies += latencies
            result.statuses.update(statuses)
            result.failures += failures

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


def check_money(seed_: Seed, accepted: int) -> list[str]:
    """Every accepted spend is one redemption of one cent, taken off a voucher."""
    from django.db.models import Sum

    from wijkvoucher.vouchers.models import Redemption, Voucher

    problems: list[str] = []
    redemptions = Redemption.objects.filter(provider__name=PROVIDER_NAME)
    count = redemptions.count()
    total = redemptions.aggregate(total=Sum("amount_cents"))["total"] or 0
    issued = Voucher.objects.aggregate(total=Sum("amount_cents"))["total"] or 0
    left = Voucher.objects.aggregate(total=Sum("account__balance_cents"))["total"] or 0
    if count != accepted:
        problems.append(f"{accepted} spends accepted but {count} redemptions stored")
    if total != accepted:
        problems.append(f"{accepted} cents spent but redemptions add up to {total}")
    if issued - left != accepted:
        problems.append(f"vouchers lost {issued - left} cents, expected {accepted}")
    return problems


def postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        row = cursor.fetchone()
    return f"PostgreSQL {row[0].split()[0]}" if row else "PostgreSQL"


def table(results: list[Result]) -> str:
    lines = [
        "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        done = len(r.latencies)
        lines.append(
            f"| {r.name} | {done} | {done / r.seconds:.0f} | {r.percentile(50):.1f} "
            f"| {r.percentile(95):.1f} | {r.percentile(99):.1f} | {r.errors} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    parser.add_argument("--duration", type=float, default=20, help="seconds each")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--vouchers", type=int, default=400, help="vouchers to spread")
    parser.add_argument("--warmup", type=float, default=2, help="seconds, not counted")
    parser.add_argument(
        "--keep-db", action="store_true", help="do not drop and re-create the database"
    )
    args = parser.parse_args(argv)

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench/api_redemptions.py measures PostgreSQL only")
    env = _server_env(database_url, rate="10000000/m")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    print(f"database {urlsplit(database_url).path.lstrip('/')}: migrate and seed ...")
    ensure_database(database_url, fresh=not args.keep_db)
    seed_ = seed(args.vouchers)
    load_before = os.getloadavg()[0]
    port = free_port()
    server = start_gunicorn(env, port, args.workers)
    try:
        scenarios: list[tuple[str, Callable[[], Request]]] = [
            ("page (GET /toegankelijkheid/)", page_request),
            (
                f"spend-many (POST redemptions, {len(seed_.codes)} vouchers)",
                spend_requests(seed_.key, seed_.codes),
            ),
            (
                "spend-hot (POST redemptions, 1 voucher)",
                spend_requests(seed_.key, [seed_.hot_code]),
            ),
        ]
        results: list[Result] = []
        for name, make in scenarios:
            if args.warmup:
                warm = run(name, make, port, args.threads, args.warmup)
                results.append(warm)  # counted for the money check only
            print(f"{name}: {args.threads} threads, {args.duration:g} s ...")
            results.append(run(name, make, port, args.threads, args.duration))
    finally:
        server.terminate()
        server.wait(timeout=30)

    measured = results[1::2] if args.warmup else results
    accepted = sum(r.statuses.get(201, 0) for r in results if r.expected == 201)
    print()
    print(
        f"{args.threads} client threads, {args.duration:g} s per scenario, gunicorn "
        f"{args.workers} sync workers, {os.cpu_count()} CPUs, {postgres_version()}; "
        f"load average before: {load_before:.1f}, after: {os.getloadavg()[0]:.1f}"
    )
    print()
    print(table(measured))
    print()
    for r in measured:
        odd = {s: n for s, n in r.statuses.items() if s != r.expected}
        if odd or r.failures:
            print(
                f"{r.name}: unexpected statuses {odd}, connection failures {r.failures}"
            )

    problems = check_money(seed_, accepted)
    verify = subprocess.run(
        [sys.executable, "manage.py", "ledger_verify"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    print(f"accepted spends (warm-up included): {accepted}")
    print((verify.stdout + verify.stderr).strip())
    for problem in problems:
        print(f"MONEY CHECK FAILED: {problem}")
    return 0 if verify.returncode == 0 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
