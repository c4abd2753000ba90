"""The world ``make bench`` measures: the database, the seed, the app server, and
the money checks afterwards. Everything that knows Django and the product is here;
bench/harness.py only speaks HTTP."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import platform
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wv_bench"
HEALTH_PATH = "/gezond/"
PROVIDER_NAME = "Bench Bouwmarkt"
# Vouchers per plan, each worth VOUCHER_CENTS; the hot voucher is one plan's single
# voucher of HOT_CENTS (enough for 50 000 spends of one cent).
PER_PLAN = 100
VOUCHER_CENTS = 1_000
HOT_CENTS = 50_000
# What the paying balance of each floor pair starts with: more than any run moves.
FLOOR_CENTS = 1_000_000


def server_env(database_url: str) -> dict[str, str]:
    """The environment of gunicorn, ``manage.py`` and this process: production
    settings (no debug, the collected static files) with the floor installed, plain
    HTTP on 127.0.0.1 and an API rate limit that a load test does not reach."""
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
            "WIJKVOUCHER_API_RATE": "10000000/m",
            "WIJKVOUCHER_BENCH_FLOOR": "1",
            "LOG_LEVEL": "WARNING",
            # Without DEBUG the pages need the collected static manifest.
            "WIJKVOUCHER_STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        }
    )
    return env


def database_create(database_url: str) -> None:
    """Drop the database of ``database_url`` if it exists and create it empty."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = sql.Identifier(parts.path.lstrip("/"))
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


@dataclass(frozen=True)
class Seed:
    """What the scenarios address: the provider's API key, the spread vouchers and
    the hot one, the wijk page and one plan page, and the floor's pairs."""

    key: str
    codes: list[str]
    hot_code: str
    wijk_path: str
    plan_path: str
    floor_pairs: int  # spread over pairs 0 .. floor_pairs - 1; floor_pairs is hot
    ballot_path: str = ""  # the ballot page of the open consultation
    voter_cookies: tuple[str, ...] = ()  # one signed voter cookie per credential
    ballot_options: tuple[int, ...] = ()
    receipt_path: str = ""  # the receipt page of the open consultation
    receipt_cookie: str = ""


def seed(*, vouchers: int) -> Seed:
    """Migrate, collect the static files and create the world through the services
    (the test helpers build a wijk with a regeling and a funded budget on their clock
    of 2026-06-15): an approved provider with an API key, plans of PER_PLAN vouchers
    (``vouchers`` in all), a plan with one hot voucher, and as many floor pairs as
    vouchers plus one hot pair."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)

    from django.urls import reverse

    from bench.floor.models import balances_seed
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
        issued_plans = []
        for n in range(plans):
            count = min(PER_PLAN, vouchers - n * PER_PLAN)
            plan = awarded_plan(wijk, count * VOUCHER_CENTS)
            issued = vouchers_issue(
                actor=contact_of(plan),
                initiative=plan,
                amounts_cents=[VOUCHER_CENTS] * count,
            )
            codes += [v.code for v in issued]
            issued_plans.append(plan)
        hot_plan = awarded_plan(wijk, HOT_CENTS)
        (hot,) = vouchers_issue(
            actor=contact_of(hot_plan), initiative=hot_plan, amounts_cents=[HOT_CENTS]
        )
        _token, key = api_token_create(actor=user, provider=provider, name="bench")
    # As many floor pairs as vouchers, and one more for the hot pair.
    balances_seed(pairs=vouchers + 1, cents=FLOOR_CENTS)
    ballot = _consultation_seed(wijk, voters=vouchers)
    return Seed(
        key=key,
        codes=codes,
        hot_code=hot.code,
        wijk_path=reverse("transparency:neighbourhood", args=[wijk.slug]),
        plan_path=reverse("transparency:plan", args=[wijk.slug, issued_plans[0].uuid]),
        floor_pairs=vouchers,
        **ballot,
    )


# The voters' CSRF token: any 32 letters and digits, sent as the cookie and the field.
CSRF_TOKEN = "benchcsrf" + "x" * 23


def _consultation_seed(wijk: Any, *, voters: int) -> dict[str, Any]:
    """A budget vote of the wijk, open now (the server's clock, not the seed's), with
    ``voters`` residents on the roll; for each a signed voter cookie, as the code
    page gives it (the ballot's hot path starts after the code)."""
    from django.urls import reverse
    from django.utils import timezone

    from wijkvoucher.consultations.constants import BallotType, ConsultationKind
    from wijkvoucher.consultations.services import (
        consultation_create,
        consultation_option_add,
        consultation_publish,
        credentials_import,
    )
    from wijkvoucher.consultations.tests.helpers import register_rows
    from wijkvoucher.consultations.views.voter import (
        Voter,
        receipt_cookie_value,
        voter_cookie_value,
    )

    organiser = wijk.contact_official
    now = timezone.now()
    consultation = consultation_create(
        actor=organiser,
        neighbourhood=wijk,
        kind=ConsultationKind.BUDGET_VOTE,
        title="Bench-stemming",
        question="Welke plannen?",
        ballot_type=BallotType.APPROVAL,
        opens_at=now + dt.timedelta(seconds=1),
        closes_at=now + dt.timedelta(days=30),
        budget_cents=1_000_000,
    )
    options = [
        consultation_option_add(
            actor=organiser,
            consultation=consultation,
            title=f"Plan {n}",
            cost_cents=100_000,
        )
        for n in range(8)
    ]
    roll = credentials_import(
        actor=organiser, consultation=consultation, rows=register_rows(voters)
    )
    consultation_publish(actor=organiser, consultation=consultation)
    cookies = tuple(
        voter_cookie_value(Voter(consultation.pk, credential.pk, "letter"))
        for credential, _code in roll
    )
    time.sleep(1.5)  # until it opens
    return {
        "ballot_path": reverse("consultations:ballot", args=[consultation.uuid]),
        "voter_cookies": cookies,
        "ballot_options": tuple(option.pk for option in options),
        "receipt_path": reverse("consultations:receipt", args=[consultation.uuid]),
        # A receipt as the ballot's POST hands it to the receipt page.
        "receipt_cookie": receipt_cookie_value(consultation.pk, "BENCH00000"),
    }


def ballots_check(accepted: int) -> list[str]:
    """Every credential that voted has exactly one ballot (re-votes replaced theirs),
    and at least one ballot was accepted per credential that voted."""
    from wijkvoucher.consultations.models import Ballot, Credential

    ballots = Ballot.objects.filter(consultation__title="Bench-stemming").count()
    voted = Credential.objects.filter(
        consultation__title="Bench-stemming", voted_on__isnull=False
    ).count()
    problems: list[str] = []
    if ballots != voted:
        problems.append(f"{voted} voters voted but {ballots} ballots are stored")
    if accepted < voted:
        problems.append(f"{accepted} ballots accepted but {voted} voters voted")
    return problems


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def gunicorn_start(
    env: dict[str, str], port: int, workers: int
) -> subprocess.Popen[bytes]:
    """``gunicorn config.wsgi`` with ``workers`` sync workers, as in production
    (docs/deployment.md), once its health check answers."""
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
            conn.request("GET", HEALTH_PATH)
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 seconds")


def redemptions_check(accepted: int) -> list[str]:
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


def floor_check(accepted: int, *, pairs: int) -> list[str]:
    """Every accepted move is two entries and one cent from a paying balance of the
    ``pairs`` pairs to its receiving one; no cent appeared or vanished."""
    from django.db.models import Sum

    from bench.floor.models import Balance, Entry, pair_ids

    problems: list[str] = []
    entries = Entry.objects.exclude(amount_cents=0).count()  # the row floor writes 0
    total = Balance.objects.aggregate(total=Sum("cents"))["total"] or 0
    receiving = [pair_ids(pair)[1] for pair in range(pairs)]
    received = (
        Balance.objects.filter(pk__in=receiving).aggregate(total=Sum("cents"))["total"]
        or 0
    )
    if entries != 2 * accepted:
        problems.append(f"{accepted} floor moves accepted but {entries} entries stored")
    if total != pairs * FLOOR_CENTS:
        problems.append(f"floor balances add up to {total}, not {pairs * FLOOR_CENTS}")
    if received != accepted:
        problems.append(
            f"{accepted} floor moves accepted but {received} cents received"
        )
    return problems


def ledger_verify(env: dict[str, str]) -> tuple[bool, str]:
    """``manage.py ledger_verify``: whether it is clean, and what it printed."""
    verify = subprocess.run(
        [sys.executable, "manage.py", "ledger_verify"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return verify.returncode == 0, (verify.stdout + verify.stderr).strip()


def machine_facts(workers: int) -> str:
    """Date, commit, cores, CPU, PostgreSQL: what a figure needs to be compared."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        row = cursor.fetchone()
    postgres = row[0].split()[0] if row else "?"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, commit {commit or '?'}, "
        f"{os.cpu_count()} cores ({_cpu_model()}), PostgreSQL {postgres}, "
        f"Python {platform.python_version()}, gunicorn {workers} sync workers"
    )


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or platform.machine()
    for line in lines:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()
