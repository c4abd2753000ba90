"""The browser smoke test's set-up: a demo server on a free port with a fresh SQLite
database, and headless chromium (Debian's package) driven by Python playwright.

Run by ``.ci/run`` as ``pytest -m browser tests/browser``; the default addopts leave
these tests out."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.serving import free_port, stop, wait_until_up

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("WIJKVOUCHER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _demo_env(database: Path, base_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "WIJKVOUCHER_DEMO": "1",
            "WIJKVOUCHER_SQLITE_PATH": str(database),
            "WIJKVOUCHER_SITE_URL": base_url,
            "WIJKVOUCHER_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )


@pytest.fixture(scope="session")
def demo_server_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo") / "server.log"


@pytest.fixture(autouse=True)
def _no_server_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test fails when the demo server logged an error while it ran (a 500 shows
    as a friendly page; the traceback is only in the server's log)."""
    if "demo_server" not in request.fixturenames:
        yield
        return
    log: Path = request.getfixturevalue("demo_server_log")
    start = log.stat().st_size if log.exists() else 0
    yield
    with log.open("rb") as handle:
        handle.seek(start)
        new = handle.read().decode(errors="replace")
    if "Traceback" in new or " ERROR " in new:
        pytest.fail(f"the demo server logged an error:\n{new}")


@pytest.fixture(scope="session")
def demo_server(demo_server_log: Path) -> Iterator[str]:
    """The base URL of a running demo with the demo data loaded."""
    workdir = demo_server_log.parent
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = _demo_env(workdir / "db.sqlite3", base_url)
    _manage(env, "migrate", "--noinput")
    _manage(env, "demo_load")
    log = demo_server_log
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"{base_url}/", server, log)
            yield base_url
        finally:
            stop(server)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# --- A demo server with its own database and, if asked, a clock moved forward ---------
# The flow test (test_flow.py) changes the demo data and needs "two weeks later" for
# the regiegroep meeting, so it gets its own database and starts the server twice.

TRAVEL_LAUNCHER = """
import datetime as dt
import sys

import time_machine

days = int(sys.argv[1])
moment = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
time_machine.travel(moment, tick=True).start()
from django.core.management import execute_from_command_line

execute_from_command_line(["manage.py", *sys.argv[2:]])
"""


@dataclass
class DemoSite:
    """A demo database (migrated and loaded once) that servers can be started on."""

    database: Path
    log: Path
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @contextmanager
    def serve(self, *, days_ahead: int = 0) -> Iterator[str]:
        """Run the server, its clock ``days_ahead`` days after the real now; yields
        the base URL and fails when the server logged an error meanwhile."""
        env = _demo_env(self.database, self.base_url)
        start = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as out:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    TRAVEL_LAUNCHER,
                    str(days_ahead),
                    "runserver",
                    f"127.0.0.1:{self.port}",
                    "--noreload",
                ],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(f"{self.base_url}/", server, self.log)
                yield self.base_url
            finally:
                stop(server)
        with self.log.open("rb") as handle:
            handle.seek(start)
            new = handle.read().decode(errors="replace")
        if "Traceback" in new or " ERROR " in new:
            pytest.fail(f"the demo server logged an error:\n{new}")


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> DemoSite:
    """A fresh demo database of its own (for tests that change the demo data)."""
    workdir = tmp_path_factory.mktemp("flow")
    site = DemoSite(workdir / "db.sqlite3", workdir / "server.log", free_port())
    env = _demo_env(site.database, site.base_url)
    _manage(env, "migrate", "--noinput")
    _manage(env, "demo_load")
    return site
