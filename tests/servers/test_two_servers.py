"""Two app servers on one PostgreSQL and one Redis (issue #11, point 6): spends,
sign-ins and rate limits spread over both behave as on one server. Every change goes
over HTTP; the shared database is only read, to check the outcome."""

from __future__ import annotations

import re
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.servers.conftest import (
    API_RATE,
    LOGIN_RATE_PER_EMAIL,
    LOGIN_RATE_PER_IP,
    TwoServers,
)
from tests.servers.web import Answer, Browser, api_post

pytestmark = pytest.mark.servers

SPEND = "/api/v1/redemptions/"
LOOKUP = "/api/v1/vouchers/lookup/"
LOGIN = "/inloggen/"
LOGOUT = "/uitloggen/"
PROFILE = "/mijn-profiel/"
LINK = re.compile(r"https?://[^\s\"<>]+/inloggen/link/\?[^\s\"<>]+")

DISTINCT = 60  # spends with a key each, alternating between the servers
DUPLICATED = 10  # keys sent COPIES times at once: half to each server
COPIES = 4
THREADS = 8
REPLAYED = "Idempotent-Replayed"


def _spend(two: TwoServers, base: str, key: str, code: str, cents: int = 1) -> Answer:
    payload = {"voucher_code": code, "amount_cents": cents, "description": "twee"}
    return api_post(base, SPEND, two.world.spend_key, payload, key)


def _replayed(answer: Answer) -> bool:
    return answer.headers.get(REPLAYED) == "true"


def _spend_everything(
    two: TwoServers,
) -> tuple[dict[str, Answer], dict[str, list[Answer]], dict[str, str]]:
    """Distinct spends and groups of concurrent duplicates, all at once on THREADS
    client threads. Returns the answers per distinct key and per duplicated key, and
    the voucher code each key spent."""
    codes = two.world.codes
    distinct_keys = [f"distinct-{uuid.uuid4()}" for _ in range(DISTINCT)]
    duplicate_keys = [f"duplicate-{uuid.uuid4()}" for _ in range(DUPLICATED)]
    barriers = {key: threading.Barrier(COPIES, timeout=20) for key in duplicate_keys}
    lock = threading.Lock()
    distinct: dict[str, Answer] = {}
    duplicates: dict[str, list[Answer]] = {key: [] for key in duplicate_keys}
    code_of = {
        key: codes[n % len(codes)]
        for keys in (distinct_keys, duplicate_keys)
        for n, key in enumerate(keys)
    }

    def one(n: int, key: str) -> None:
        answer = _spend(two, two.both[n % 2], key, code_of[key])
        with lock:
            distinct[key] = answer

    def copy(key: str, server: int) -> None:
        barriers[key].wait()  # all copies leave together
        answer = _spend(two, two.both[server], key, code_of[key])
        with lock:
            duplicates[key].append(answer)

    # A group's copies are queued one after another, so at most one group is ever
    # partly started and the pool's threads cannot all wait at barriers.
    jobs: list[Callable[[], None]] = []
    groups = iter(duplicate_keys)
    for n, key in enumerate(distinct_keys):
        jobs.append(partial(one, n, key))
        if n % (DISTINCT // DUPLICATED) == 0:
            dup = next(groups)
            jobs += [partial(copy, dup, c % 2) for c in range(COPIES)]
    with ThreadPoolExecutor(THREADS) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()
    assert len(distinct) == DISTINCT
    assert all(len(answers) == COPIES for answers in duplicates.values())
    return distinct, duplicates, code_of


def _first_answers(
    distinct: dict[str, Answer], duplicates: dict[str, list[Answer]]
) -> dict[str, Answer]:
    """The one answer per key that did the work; every other answer to the key is a
    byte-identical replay (a duplicate waits for the first on the key's unique index,
    docs/adr/0010)."""
    first: dict[str, Answer] = {}
    for key, answer in distinct.items():
        assert (answer.status, _replayed(answer)) == (201, False), answer.body
        first[key] = answer
    for key, answers in duplicates.items():
        originals = [a for a in answers if a.status == 201 and not _replayed(a)]
        assert len(originals) == 1, [(a.status, a.body) for a in answers]
        first[key] = originals[0]
        for answer in answers:
            if answer is originals[0]:
                continue
            assert (answer.status, _replayed(answer)) == (201, True)
            assert answer.body == originals[0].body
    return first


def test_spends_spread_over_both_servers_happen_exactly_once(
    servers: TwoServers,
) -> None:
    # given
    world = servers.world

    # when: distinct keys alternate between the servers; each duplicated key is
    # sent four times at the same moment, twice to each server
    distinct, duplicates, code_of = _spend_everything(servers)
    first = _first_answers(distinct, duplicates)
    # then every duplicated key again on both servers, every sixth other key on one
    replays = {
        key: [_spend(servers, base, key, code_of[key]) for base in servers.both]
        for key in duplicates
    }
    for n, key in enumerate(list(distinct)[:: DISTINCT // 10]):
        replays[key] = [_spend(servers, servers.both[n % 2], key, code_of[key])]
    reused = next(iter(duplicates))
    other_body = _spend(servers, servers.b, reused, code_of[reused], cents=2)

    # then: one redemption and one ledger transaction per key
    for key, answers in replays.items():
        for answer in answers:
            assert (answer.status, _replayed(answer)) == (201, True)
            assert answer.body == first[key].body
    assert other_body.status == 422
    assert other_body.json()["code"] == "idempotency_key_reused"
    answered_ids = {answer.json()["id"] for answer in first.values()}
    assert len(answered_ids) == DISTINCT + DUPLICATED
    stored = servers.query(
        "SELECT r.uuid::text, r.amount_cents, t.kind FROM vouchers_redemption r "
        "JOIN vouchers_provider p ON p.id = r.provider_id "
        "JOIN ledger_ledgertransaction t ON t.id = r.transaction_id "
        "WHERE p.name = %s",
        [world.provider_name],
    )
    assert {row[0] for row in stored} == answered_ids
    assert len(stored) == DISTINCT + DUPLICATED
    assert {(row[1], row[2]) for row in stored} == {(1, "voucher.redeem")}
    ((transactions,),) = servers.query(
        "SELECT count(*) FROM ledger_ledgertransaction WHERE kind = 'voucher.redeem'"
    )
    assert transactions == DISTINCT + DUPLICATED
    ((left,),) = servers.query(
        "SELECT sum(a.balance_cents) FROM vouchers_voucher v "
        "JOIN ledger_account a ON a.id = v.account_id"
    )
    assert left == len(world.codes) * world.voucher_cents - (DISTINCT + DUPLICATED)
    for command in ("ledger_verify", "audit_verify"):
        verified = servers.manage(command)
        assert verified.returncode == 0, verified.stdout + verified.stderr


def _sign_in_link(servers: TwoServers, email: str) -> str:
    rows = servers.query('SELECT body FROM demo_demoemail WHERE "to" = %s', [email])
    assert len(rows) == 1, rows
    match = LINK.search(rows[0][0])
    assert match is not None, rows[0][0]
    parts = urlsplit(match[0])
    return f"{parts.path}?{parts.query}"


def test_a_sign_in_link_from_one_server_signs_in_on_the_other(
    servers: TwoServers,
) -> None:
    # given: the link is asked for on server A
    email = f"bewoner-{uuid.uuid4().hex[:8]}@example.nl"
    browser = Browser(forwarded_for="203.0.113.20")
    asked = browser.submit(servers.a, LOGIN, servers.a, {"email": email})
    assert (asked.status, asked.location) == (302, "/inloggen/verstuurd/")
    link = _sign_in_link(servers, email)
    token = parse_qs(urlsplit(link).query)["token"][0]

    # when: it is followed on server B
    signed_in = browser.submit(servers.b, link, servers.b, {"token": token, "next": ""})

    # then: the session holds on both servers, and the link is spent on both
    assert (signed_in.status, signed_in.location) == (302, PROFILE)
    for base in servers.both:
        page = browser.get(base, PROFILE)
        assert page.status == 200
        assert email in page.text
    assert Browser(forwarded_for="203.0.113.21").get(servers.a, link).status == 400
    assert Browser(forwarded_for="203.0.113.21").get(servers.b, link).status == 400


def test_signing_out_on_one_server_ends_the_session_on_the_other(
    servers: TwoServers,
) -> None:
    # given: signed in through server B, the session cookie kept aside
    email = f"uitlogger-{uuid.uuid4().hex[:8]}@example.nl"
    browser = Browser(forwarded_for="203.0.113.22")
    browser.submit(servers.b, LOGIN, servers.a, {"email": email})
    link = _sign_in_link(servers, email)
    token = parse_qs(urlsplit(link).query)["token"][0]
    browser.submit(servers.a, link, servers.b, {"token": token, "next": ""})
    assert browser.get(servers.a, PROFILE).status == 200
    session_key = browser.cookies["sessionid"]
    copied = Browser(forwarded_for="203.0.113.22", cookies=dict(browser.cookies))

    # when
    signed_out = browser.submit(servers.b, LOGOUT, servers.a, {})

    # then: the old cookie opens nothing on either server
    assert signed_out.status == 302
    assert "sessionid" not in browser.cookies
    for base in servers.both:
        page = copied.get(base, PROFILE)
        assert page.status == 302
        assert page.location.startswith(LOGIN)
    assert servers.query(
        "SELECT count(*) FROM django_session WHERE session_key = %s", [session_key]
    ) == [(0,)]


def test_the_api_rate_per_key_holds_across_servers(servers: TwoServers) -> None:
    # given
    body = {"code": servers.world.codes[0]}
    extra = 6

    # when: one key, requests alternating between the servers, four at a time
    def lookup(n: int) -> int:
        base = servers.both[n % 2]
        return api_post(base, LOOKUP, servers.world.limit_key, body).status

    with ThreadPoolExecutor(4) as pool:
        statuses = Counter(pool.map(lookup, range(API_RATE + extra)))
    refused = api_post(servers.a, LOOKUP, servers.world.limit_key, body)

    # then: the limit is the configured total, not twice it
    assert statuses == Counter({200: API_RATE, 429: extra})
    assert refused.status == 429
    assert refused.json()["code"] == "rate_limited"
    other_key = api_post(servers.b, LOOKUP, servers.world.spend_key, body)
    assert other_key.status == 200


def _mails_to(servers: TwoServers, emails: list[str]) -> int:
    ((count,),) = servers.query(
        'SELECT count(*) FROM demo_demoemail WHERE "to" = ANY(%s)', [emails]
    )
    return int(count)


def _ask_links(browser: Browser, servers: TwoServers, emails: list[str]) -> list[int]:
    """Ask a link per address: each form opened on one server, sent to the other."""
    statuses = []
    for n, email in enumerate(emails):
        form, post = (servers.a, servers.b) if n % 2 else (servers.b, servers.a)
        statuses.append(browser.submit(form, LOGIN, post, {"email": email}).status)
    return statuses


def test_the_sign_in_limit_per_address_holds_across_servers(
    servers: TwoServers,
) -> None:
    # given
    run = uuid.uuid4().hex[:8]
    emails = [f"ip-{run}-{n}@example.nl" for n in range(LOGIN_RATE_PER_IP + 2)]
    browser = Browser(forwarded_for="203.0.113.40")

    # when
    statuses = _ask_links(browser, servers, emails)
    neighbour = _ask_links(
        Browser(forwarded_for="203.0.113.41"), servers, [f"buur-{run}@example.nl"]
    )

    # then: cut in at the configured total; another resident behind the same proxy
    # has a limit of their own
    assert statuses == [302] * LOGIN_RATE_PER_IP + [429, 429]
    assert _mails_to(servers, emails) == LOGIN_RATE_PER_IP
    assert neighbour == [302]


def test_the_sign_in_limit_per_email_holds_across_servers(
    servers: TwoServers,
) -> None:
    # given
    email = f"vaak-{uuid.uuid4().hex[:8]}@example.nl"
    browser = Browser(forwarded_for="203.0.113.50")

    # when
    statuses = _ask_links(browser, servers, [email] * (LOGIN_RATE_PER_EMAIL + 2))

    # then
    assert statuses == [302] * LOGIN_RATE_PER_EMAIL + [429, 429]
    assert _mails_to(servers, [email]) == LOGIN_RATE_PER_EMAIL


def test_a_client_that_is_not_the_proxy_cannot_choose_its_address(
    servers: TwoServers,
) -> None:
    # given: a client on another address than the proxy, claiming a new
    # X-Forwarded-For with every request
    run = uuid.uuid4().hex[:8]
    browser = Browser(source="127.0.0.2")
    statuses = []

    # when
    for n in range(LOGIN_RATE_PER_IP + 2):
        browser.forwarded_for = f"198.51.100.{n}"
        base = servers.both[n % 2]
        answer = browser.submit(base, LOGIN, base, {"email": f"s-{run}-{n}@example.nl"})
        statuses.append(answer.status)

    # then: every request counted against the client's own address
    assert statuses == [302] * LOGIN_RATE_PER_IP + [429, 429]
