"""Two gunicorn app servers on one PostgreSQL database and one Redis, as behind a
reverse proxy (docs/deployment.md#two-or-more-app-servers).

Run by ``.ci/run`` and ``make test-servers`` as ``pytest -m servers tests/servers``;
the default addopts leave these tests out. The database
(``WIJKVOUCHER_SERVERS_DATABASE_URL``, default ``wv_servers`` on 127.0.0.1:5432) is
dropped and made anew, and the Redis database (``WIJKVOUCHER_SERVERS_REDIS_URL``,
default ``redis://127.0.0.1:6379/13``) is emptied first."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.servers.world import World
from tests.serving import free_port, stop, wait_until_up

REPO = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get(
    "WIJKVOUCHER_SERVERS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wv_servers"
)
REDIS_URL = os.environ.get("WIJKVOUCHER_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/13")
# The rates the servers run with, per year (RATE_PERIOD): django-ratelimit's window
# for a key ends at a fixed moment in each period, and with a year the chance that it
# ends during a two-minute run is about 1 in 250,000 per key, so every request a
# test sends counts against the same total.
RATE_PERIOD = "365d"
API_RATE = 160
LOGIN_RATE_PER_EMAIL = 4
LOGIN_RATE_PER_IP = 10
# The test plays the reverse proxy from 127.0.0.1; other loopback addresses are
# clients that reach the app servers directly.
PROXY = "127.0.0.1"


def _server_env(site_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "WIJKVOUCHER_"))
        and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "DJANGO_SECRET_KEY": "two-servers-only-" + "s" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_DEBUG": "0",
            "WIJKVOUCHER_DEMO": "0",
            # Plain HTTP between the test and the servers; the proxy's TLS is not
            # what this test is about.
            "WIJKVOUCHER_HTTPS": "0",
            "WIJKVOUCHER_SITE_URL": site_url,
            "WIJKVOUCHER_TRUSTED_PROXIES": PROXY,
            "WIJKVOUCHER_API_RATE": f"{API_RATE}/{RATE_PERIOD}",
            "WIJKVOUCHER_LOGIN_RATE_PER_EMAIL": f"{LOGIN_RATE_PER_EMAIL}/{RATE_PERIOD}",
            "WIJKVOUCHER_LOGIN_RATE_PER_IP": f"{LOGIN_RATE_PER_IP}/{RATE_PERIOD}",
            "WIJKVOUCHER_STATIC_ROOT": str(REPO / "var" / "servers-static"),
            # Mail lands in the shared database (the demo mailbox's table), where the
            # test reads the sign-in links, whichever server sent them.
            "DJANGO_EMAIL_BACKEND": "wijkvoucher.demo.mail.DemoMailboxBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _fresh_database() -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _empty_redis() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.ConnectionError as exc:
        pytest.fail(f"no Redis at {REDIS_URL} ({exc}): redis-server --daemonize yes")
    finally:
        client.close()


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@dataclass(frozen=True)
class TwoServers:
    a: str
    b: str
    env: dict[str, str]
    world: World
    logs: tuple[Path, Path]

    @property
    def both(self) -> tuple[str, str]:
        return (self.a, self.b)

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        return _run(self.env, "manage.py", *args)

    def query(self, statement: str, params: Any = ()) -> list[tuple[Any, ...]]:
        """Read the shared database (assertions only; every change goes over HTTP)."""
        import psycopg

        with psycopg.connect(DATABASE_URL) as conn:
            return list(conn.execute(statement, params).fetchall())

    def log_size(self) -> tuple[int, int]:
        return (self.logs[0].stat().st_size, self.logs[1].stat().st_size)

    def errors_since(self, sizes: tuple[int, int]) -> str:
        found = []
        for log, start in zip(self.logs, sizes, strict=True):
            with log.open("rb") as handle:
                handle.seek(start)
                new = handle.read().decode(errors="replace")
            if "Traceback" in new or " ERROR " in new:
                found.append(f"{log.name}:\n{new}")
        return "\n".join(found)


def _start(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "2",
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoServers]:
    """Two gunicorn servers (2 workers with 2 threads each) on one fresh database."""
    workdir = tmp_path_factory.mktemp("servers")
    ports = (free_port(), free_port())
    # Sign-in links name server A, as they would name the proxy; the test follows
    # them on server B.
    env = _server_env(f"http://127.0.0.1:{ports[0]}")
    _fresh_database()
    _empty_redis()
    seeded = _run(env, "-m", "tests.servers.world")
    if seeded.returncode != 0:
        pytest.fail(f"seeding failed:\n{seeded.stdout}\n{seeded.stderr}")
    world = World(**json.loads(seeded.stdout.strip().splitlines()[-1]))
    logs = (workdir / "a.log", workdir / "b.log")
    started: list[subprocess.Popen[bytes]] = []
    try:
        for port, log in zip(ports, logs, strict=True):
            started.append(_start(env, port, log))
        bases = tuple(f"http://127.0.0.1:{port}" for port in ports)
        for base, server, log in zip(bases, started, logs, strict=True):
            wait_until_up(f"{base}/gezond/", server, log)
        yield TwoServers(bases[0], bases[1], env, world, logs)
    finally:
        for server in started:
            stop(server, signal.SIGINT)  # gunicorn's quick shutdown


@pytest.fixture(autouse=True)
def _no_server_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test fails when either server logged an error while it ran."""
    if "servers" not in request.fixturenames:
        yield
        return
    two: TwoServers = request.getfixturevalue("servers")
    sizes = two.log_size()
    yield
    errors = two.errors_since(sizes)
    if errors:
        pytest.fail(f"an app server logged an error:\n{errors}")
