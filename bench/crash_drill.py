#!/usr/bin/env python
"""Crash drill: exactly-once payments while the app server or PostgreSQL dies.

Starts a PostgreSQL cluster of its own (initdb into a temporary directory, a free
port; never the server on 5432), migrates and seeds it with the benchmark's world (one
wijk, vouchers, a provider with an API key: bench/world.py), serves it with
gunicorn and runs client threads that spend vouchers through the provider API, each
request with its own Idempotency-Key. In the middle of every cycle it either kills the
gunicorn master and workers with SIGKILL (odd cycles) or stops PostgreSQL with
``pg_ctl stop -m immediate`` (even cycles), then restarts what it killed. Clients send
every request they got no answer to (failed connection, timeout, 5xx, 429) again with
the same key and body until it is answered.

After every cycle it resends a sample of answered keys, reads the redemptions, the
redeem ledger transactions and the voucher balances, runs ``manage.py ledger_verify``
and ``manage.py audit_verify``, and judges the whole run so far (bench/crash_book.py).
Prints a table per cycle and a verdict; exit status 1 on any violation. The cluster is
stopped and removed at the end, also after a failure or Ctrl-C. See bench/README.md.

    make crash-drill
    .venv/bin/python bench/crash_drill.py --cycles 4 --cycle-seconds 6
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import http.client
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

# Run as a script (python bench/crash_drill.py): the project root must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import world
from bench.crash_book import Book, Spend, Stored, StoredRedemption, verdict

ROOT = world.ROOT
SPEND_PATH = "/api/v1/redemptions/"
DATABASE = "wv_crash"
OUT = ROOT / "var" / "crash-drill"
CRASHES = ("kill -9 gunicorn", "pg_ctl stop -m immediate")
# One spend in HOT_EVERY goes to the one hot voucher, so that requests also queue on
# one row lock when the crash comes.
HOT_EVERY = 4
MAX_SPEND_CENTS = 5
CLIENT_TIMEOUT = 10.0
# A spend still unanswered this long after its cycle ended counts as never answered.
GIVE_UP_SECONDS = 60
INITDB_OPTIONS = ("-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C")


def run_quiet(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({done.returncode}):\n"
            f"{done.stdout}{done.stderr}"
        )


def postgres_bindir() -> Path:
    """The directory of initdb and pg_ctl: ``pg_config --bindir``, else the newest
    /usr/lib/postgresql/*/bin that has them."""
    candidates: list[str] = []
    if shutil.which("pg_config"):
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.append(found.stdout.strip())
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists():
            return Path(folder)
    raise SystemExit("crash drill: no initdb found (install the PostgreSQL server)")


class Cluster:
    """A throw-away PostgreSQL cluster in a temporary directory. As root, every
    PostgreSQL command runs as the user ``postgres`` (PostgreSQL refuses root)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="wv_crash_pg_"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.port = world.free_port()
        if self.as_root:
            shutil.chown(self.dir, user="postgres", group="postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bindir / tool), *args]
        return (
            ["runuser", "-u", "postgres", "--", *command] if self.as_root else command
        )

    def pg_ctl(self, *args: str) -> None:
        run_quiet(self._command("pg_ctl", "-D", str(self.data), *args))

    def init(self) -> None:
        run_quiet(self._command("initdb", "-D", str(self.data), *INITDB_OPTIONS))
        settings = (
            f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self.dir}'\nmax_connections = 40\n"
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(settings)

    def start(self) -> None:
        self.pg_ctl("-l", str(self.log), "-w", "-t", "60", "start")

    def crash(self) -> None:
        self.pg_ctl("-m", "immediate", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.pg_ctl("-m", "fast", "stop")
            except RuntimeError:
                with contextlib.suppress(RuntimeError):
                    self.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def output_to(path: Path) -> Iterator[None]:
    """Point file descriptors 1 and 2 at ``path`` while a child process starts, so
    that gunicorn's and Django's tracebacks of the crashes go to a log, not the table."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with path.open("ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved:
            os.close(fd)


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in glob.glob(f"/proc/{pid}/task/*/children"):
        with contextlib.suppress(OSError):
            found += [int(p) for p in Path(task).read_text().split()]
    return found


def gone(pid: int) -> bool:
    """Exited (a zombie counts: nobody may reap a worker whose master was killed)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


class AppServer:
    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        self.env, self.port, self.workers = env, port, workers
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with output_to(OUT / "server.log"):
            self.process = world.gunicorn_start(self.env, self.port, self.workers)

    def crash(self) -> int:
        """SIGKILL the master and every worker, each by its own PID; how many."""
        assert self.process is not None
        pids = [self.process.pid, *children(self.process.pid)]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + 10
        while not all(gone(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.process = None
        return len(pids)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


def server_env(database_url: str) -> dict[str, str]:
    """The benchmark's environment (bench/world.py), with the static files in the
    drill's own folder."""
    env = world.server_env(database_url)
    env["WIJKVOUCHER_STATIC_ROOT"] = str(OUT / "static")
    return env


def post(port: int, token: str, spend: Spend) -> tuple[int | None, bytes, bool]:
    """One attempt: (status, body, replayed), status None when no answer came."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    try:
        conn.request(
            "POST",
            SPEND_PATH,
            body=spend.body(),
            headers={
                "Authorization": f"Token {token}",
                "Idempotency-Key": spend.key,
                "Content-Type": "application/json",
            },
        )
        response = conn.getresponse()
        body = response.read()
        replayed = response.getheader("Idempotent-Replayed") == "true"
        return response.status, body, replayed
    except (OSError, http.client.HTTPException):
        return None, b"", False
    finally:
        conn.close()


@dataclass
class Load:
    """What the client threads of one cycle share."""

    book: Book
    seed: world.Seed
    port: int
    cycle: int
    give_up_at: float  # time.monotonic() after which a spend stays unanswered
    rng: random.Random
    stop: threading.Event
    _count: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def next_spend(self) -> Spend:
        with self._lock:
            self._count += 1
            n = self._count
            cents = self.rng.randint(1, MAX_SPEND_CENTS)
        codes = self.seed.codes
        code = self.seed.hot_code if n % HOT_EVERY == 0 else codes[n % len(codes)]
        return Spend(key=str(uuid.uuid4()), voucher_code=code, amount_cents=cents)

    def settle(self, spend: Spend) -> None:
        """Send until answered, with the same key and body (back-off up to 1 s)."""
        delay = 0.05
        while True:
            status, body, replayed = post(self.port, self.seed.key, spend)
            if self.book.record(spend.key, status, body, replayed):
                return
            if time.monotonic() > self.give_up_at:
                return
            time.sleep(delay)
            delay = min(delay * 2, 1.0)

    def client(self) -> None:
        while not self.stop.is_set():
            spend = self.next_spend()
            self.book.add(spend, self.cycle)
            self.settle(spend)


def resend(load: Load, sample: int, threads: int) -> None:
    """Send up to ``sample`` answered keys of this cycle again: the answer must come
    back byte for byte, marked as a replay. Keys whose answers got lost first."""
    mine = [r for r in load.book.records.values() if r.cycle == load.cycle]
    troubled = [r.spend for r in mine if r.answered and (r.lost or r.throttled)]
    calm = [r.spend for r in mine if r.answered and not (r.lost or r.throttled)]
    chosen = troubled[:sample]
    chosen += load.rng.sample(calm, max(0, min(len(calm), sample - len(chosen))))
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(load.settle, chosen))


def stored(provider_name: str) -> Stored:
    from django.db import connection

    from wijkvoucher.ledger.models import LedgerTransaction
    from wijkvoucher.vouchers.models import Redemption, Voucher

    connection.close()  # the last one may have died with PostgreSQL
    rows = Redemption.objects.filter(provider__name=provider_name).values_list(
        "reference", "uuid", "voucher__code", "amount_cents", "transaction__kind"
    )
    return Stored(
        redemptions=[
            StoredRedemption(ref, str(uid), code, int(cents), str(kind))
            for ref, uid, code, cents, kind in rows
        ],
        redeem_transactions=LedgerTransaction.objects.filter(
            kind="voucher.redeem"
        ).count(),
        balances=dict(Voucher.objects.values_list("code", "account__balance_cents")),
    )


def checkpoint(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")


def verify(env: dict[str, str]) -> list[str]:
    """Run ``ledger_verify`` and ``audit_verify`` side by side; their complaints."""
    commands = ("ledger_verify", "audit_verify")
    running = [
        subprocess.Popen(
            [sys.executable, "manage.py", command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for command in commands
    ]
    problems: list[str] = []
    for command, process in zip(commands, running, strict=True):
        output, _ = process.communicate()
        if process.returncode != 0:
            problems.append(f"{command}: {output.strip()}")
    return problems


@dataclass(frozen=True)
class Options:
    cycles: int
    cycle_seconds: float
    down_seconds: float
    threads: int
    workers: int
    resend: int


@dataclass
class Drill:
    options: Options
    cluster: Cluster
    server: AppServer
    seed: world.Seed
    env: dict[str, str]
    initial: dict[str, int]
    rng: random.Random
    book: Book

    def crash(self, cycle: int) -> str:
        if cycle % 2:
            killed = self.server.crash()
            time.sleep(self.options.down_seconds)
            self.server.start()
            return f"{CRASHES[0]} ({killed} PIDs)"
        self.cluster.crash()
        time.sleep(self.options.down_seconds)
        self.cluster.start()
        return CRASHES[1]

    def cycle(self, cycle: int) -> list[str]:
        o = self.options
        began = time.monotonic()
        load = Load(
            book=self.book,
            seed=self.seed,
            port=self.server.port,
            cycle=cycle,
            give_up_at=began + o.cycle_seconds + GIVE_UP_SECONDS,
            rng=self.rng,
            stop=threading.Event(),
        )
        clients = [
            threading.Thread(target=load.client, daemon=True) for _ in range(o.threads)
        ]
        for client in clients:
            client.start()
        time.sleep(o.cycle_seconds * self.rng.uniform(0.35, 0.65))
        crash = self.crash(cycle)
        time.sleep(max(0.0, began + o.cycle_seconds - time.monotonic()))
        load.stop.set()
        for client in clients:
            client.join()
        resend(load, o.resend, o.threads)
        problems = verdict(self.book, stored(world.PROVIDER_NAME), self.initial)
        problems += verify(self.env)
        # A checkpoint keeps the next crash recovery short (the WAL since the last
        # one is replayed at every start); the crash itself still loses everything
        # in flight.
        checkpoint(self.cluster.url)
        counts = self.book.counts(cycle)
        print(
            f"| {cycle} | {crash} | {counts.keys} | {counts.attempts} | {counts.lost} "
            f"| {counts.throttled} | {counts.recovered} | {counts.acknowledged} "
            f"| {len(self.book.acknowledged_keys())} | {counts.replays_checked} "
            f"| {len(problems)} | {time.monotonic() - began:.1f} |",
            flush=True,
        )
        return problems


HEADER = (
    "| cycle | crash | keys | attempts | lost | 429 | recovered | acked "
    "| acked in all | replays checked | violations | s |\n"
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def initial_balances() -> dict[str, int]:
    from wijkvoucher.vouchers.models import Voucher

    return dict(Voucher.objects.values_list("code", "account__balance_cents"))


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def parse(argv: list[str] | None) -> tuple[Options, int, int]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument(
        "--cycle-seconds", type=float, default=6, help="load per cycle (s)"
    )
    parser.add_argument(
        "--down-seconds", type=float, default=1, help="time dead before restart (s)"
    )
    parser.add_argument("--threads", type=int, default=6, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--resend", type=int, default=40, help="answered keys sent again per cycle"
    )
    parser.add_argument("--vouchers", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None, help="random seed")
    args = parser.parse_args(argv)
    options = Options(
        cycles=args.cycles,
        cycle_seconds=args.cycle_seconds,
        down_seconds=args.down_seconds,
        threads=args.threads,
        workers=args.workers,
        resend=args.resend,
    )
    return (
        options,
        args.vouchers,
        (args.seed if args.seed is not None else secrets.randbelow(10**6)),
    )


def drill(options: Options, vouchers: int, rng_seed: int, cluster: Cluster) -> int:
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "server.log").write_bytes(b"")
    print(f"crash drill: PostgreSQL cluster in {cluster.dir}, port {cluster.port}")
    cluster.init()
    cluster.start()
    env = server_env(cluster.url)
    os.environ.update(env)
    world.database_create(cluster.url)
    seed_ = world.seed(vouchers=vouchers)
    checkpoint(cluster.url)
    server = AppServer(env, world.free_port(), options.workers)
    server.start()
    try:
        run = Drill(
            options=options,
            cluster=cluster,
            server=server,
            seed=seed_,
            env=env,
            initial=initial_balances(),
            rng=random.Random(rng_seed),  # noqa: S311 - a load pattern, no secret
            book=Book(),
        )
        print(
            f"seeded {len(seed_.codes)} + 1 vouchers in {time.monotonic() - started:.0f}"
            f" s; {options.cycles} cycles of {options.cycle_seconds:g} s, "
            f"{options.threads} client threads, gunicorn {options.workers} workers, "
            f"random seed {rng_seed}\n"
        )
        print(HEADER, flush=True)
        problems: list[str] = []
        for cycle in range(1, options.cycles + 1):
            problems = run.cycle(cycle)
            if problems:
                break
    finally:
        server.stop()
    return report(run.book, problems, started)


def report(book: Book, problems: list[str], started: float) -> int:
    records = list(book.records.values())
    acknowledged = len(book.acknowledged_keys())
    print(
        f"\n{len(records)} keys, {acknowledged} acknowledged = redemptions = redeem "
        f"ledger transactions; {sum(1 for r in records if r.lost)} keys lost an "
        f"answer, {sum(1 for r in records if r.throttled)} were rate limited, "
        f"{sum(1 for r in records if r.answered and r.answers[0].replayed)} got their "
        f"first answer as a replay; {time.monotonic() - started:.0f} s in all; "
        f"server log: {OUT / 'server.log'}"
    )
    if problems:
        print(f"VERDICT: FAILED, {len(problems)} violation(s):")
        for problem in problems[:50]:
            print(f"  {problem}")
        return 1
    print("VERDICT: PASSED, 0 violations")
    return 0


def main(argv: list[str] | None = None) -> int:
    options, vouchers, rng_seed = parse(argv)
    # Clean up on Ctrl-C and SIGTERM too, also when started with SIGINT ignored (a
    # background job of a non-interactive shell).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    cluster = Cluster(postgres_bindir())
    try:
        return drill(options, vouchers, rng_seed, cluster)
    finally:
        cluster.remove()
        print(f"crash drill: cluster stopped and {cluster.dir} removed")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("crash drill: interrupted")
        sys.exit(130)
