"""The demo serves like production (issue #11, point 3): ``make demo`` serves with
gunicorn through ``scripts/serve-demo.sh``, and this test starts the demo through
that same script on a fresh demo database. Fifty concurrent redemptions through the
provider API and fifty concurrent requests for a public wijk page are all answered
(Django's development server reset 2 of 30), every spend is booked once, and the
pages come with their CSS (WhiteNoise).

End to end with a server process, so it runs with the browser tests (``.ci/run``,
``pytest -m browser tests/browser``)."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from threading import Barrier

from django.urls import reverse

import pytest

from tests.browser.conftest import (
    REPO,
    _demo_env,
    _manage,
)
from tests.serving import free_port, stop, wait_until_up
from wijkvoucher.demo.content import WIJKEN

pytestmark = pytest.mark.browser

SERVE_DEMO = REPO / "scripts" / "serve-demo.sh"
CONCURRENT = 50


@dataclass
class Demo:
    port: int
    env: dict[str, str]
    log: Path


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str


def _makefile_serves_through_the_script() -> bool:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return "scripts/serve-demo.sh 127.0.0.1:$(PORT)" in makefile


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """A migrated and loaded demo database, served by ``scripts/serve-demo.sh``."""
    workdir = tmp_path_factory.mktemp("demo-server")
    port = free_port()
    env = _demo_env(workdir / "db.sqlite3", f"http://127.0.0.1:{port}")
    env["PYTHON"] = sys.executable
    env["WIJKVOUCHER_STATIC_ROOT"] = str(workdir / "static")
    _manage(env, "migrate", "--noinput")
    _manage(env, "demo_load")
    log = workdir / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(SERVE_DEMO), f"127.0.0.1:{port}"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", server, log)
            yield Demo(port, env, log)
        finally:
            stop(server, timeout=15)
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text
    assert "[ERROR]" not in text, text
    assert "Warning" not in text, text


def _request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Answer(
            response.status, response.read(), response.getheader("Content-Type", "")
        )
    finally:
        conn.close()


def _all_at_once(calls: list[Callable[[], Answer]]) -> list[Answer]:
    """Run the calls in as many threads, released together; a connection reset or
    refused connection raises here and fails the test."""
    start = Barrier(len(calls))

    def run(call: Callable[[], Answer]) -> Answer:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _credentials(env: dict[str, str]) -> tuple[str, list[str]]:
    result = subprocess.run(
        [sys.executable, "manage.py", "demo_credentials"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    data = json.loads(result.stdout)
    return data["provider_api_token"], data["voucher_codes"]


def _spend(
    port: int, key: str, code: str, idempotency_key: str
) -> Callable[[], Answer]:
    body = json.dumps(
        {"voucher_code": code, "amount_cents": 1, "description": "concurrency test"}
    ).encode()
    headers = {
        "Authorization": f"Token {key}",
        "Idempotency-Key": idempotency_key,
        "Content-Type": "application/json",
    }
    return lambda: _request(port, "POST", "/api/v1/redemptions/", body, headers)


def test_the_makefile_serves_the_demo_through_the_script() -> None:
    # given / when / then: what this file tests is what `make demo` runs
    assert _makefile_serves_through_the_script()


def test_fifty_concurrent_redemptions_are_all_answered_and_booked_once(
    demo: Demo,
) -> None:
    # given: the demo provider's API key and its spendable voucher codes
    key, codes = _credentials(demo.env)
    assert key
    assert codes
    keys = [str(uuid.uuid4()) for _ in range(CONCURRENT)]
    calls = [
        _spend(demo.port, key, codes[n % len(codes)], keys[n])
        for n in range(CONCURRENT)
    ]
    # when: fifty spends of one cent arrive at once, and then again with the same keys
    first = _all_at_once(calls)
    replayed = _all_at_once(calls)
    # then: every one is answered and accepted, each a redemption of its own
    assert [a.status for a in first] == [201] * CONCURRENT, [
        (a.status, a.body[:200]) for a in first if a.status != 201
    ]
    ids = {json.loads(a.body)["id"] for a in first}
    assert len(ids) == CONCURRENT
    # and a repeated key answers with the first answer, spending nothing again
    assert [json.loads(a.body)["id"] for a in replayed] == [
        json.loads(a.body)["id"] for a in first
    ]
    for code in {codes[n % len(codes)] for n in range(CONCURRENT)}:
        balances = [
            json.loads(a.body)["balance_cents"]
            for n, a in enumerate(first)
            if codes[n % len(codes)] == code
        ]
        # spends on one voucher took one cent each, one after the other
        assert sorted(balances, reverse=True) == list(
            range(max(balances), max(balances) - len(balances), -1)
        )
    _manage(demo.env, "ledger_verify")
    _manage(demo.env, "audit_verify")


def test_fifty_concurrent_page_requests_are_all_answered_with_css(demo: Demo) -> None:
    # given: a public wijk page of the demo
    path = reverse("transparency:neighbourhood", kwargs={"slug": WIJKEN[0].slug})
    # when: fifty visitors ask for it at once
    answers = _all_at_once(
        [lambda: _request(demo.port, "GET", path) for _ in range(CONCURRENT)]
    )
    # then: every one gets the page
    assert [a.status for a in answers] == [200] * CONCURRENT
    # and its style sheets are served (WhiteNoise, not the development server)
    sheets = re.findall(
        r'<link rel="stylesheet" href="([^"]+)"', answers[0].body.decode()
    )
    assert sheets
    for sheet in sheets:
        answer = _request(demo.port, "GET", sheet)
        assert answer.status == 200, sheet
        assert answer.content_type.startswith("text/css"), sheet
        assert answer.body
