"""The idempotency service (Stripe semantics, docs/adr/0009, docs/adr/0010): the key
claimed and the work done in one transaction, replay, reuse, and what is never
stored. Concurrent duplicates on PostgreSQL: test_concurrency.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test import Client

import pytest

from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.services.tokens import api_token_create
from wijkvoucher.vouchers.api.errors import refusal
from wijkvoucher.vouchers.models import IdempotencyKey, Redemption
from wijkvoucher.vouchers.services.idempotency import (
    IdempotentResult,
    idempotent_call,
    request_digest,
)
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    balance,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db

PATH = "/api/v1/redemptions/"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    cache.clear()
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


@pytest.fixture
def provider(wijk: Neighbourhood) -> Provider:
    return approved_provider(wijk)[0]


class Counter:
    """A piece of work that counts how often it ran."""

    def __init__(self, status: int = 201, payload: dict[str, Any] | None = None):
        self.runs = 0
        self.status = status
        self.payload = payload or {"id": "r-1", "amount_cents": 100}

    def __call__(self) -> tuple[int, dict[str, Any]]:
        self.runs += 1
        return self.status, {**self.payload, "run": self.runs}


def call(provider: Provider, key: str, body: Any, work: Any) -> IdempotentResult:
    return idempotent_call(
        provider=provider,
        key=key,
        method="POST",
        path=PATH,
        body=body,
        work=work,
        on_refusal=refusal,
    )


def test_digest_is_canonical() -> None:
    one = request_digest(method="post", path=PATH, body={"a": 1, "b": [1, 2]})
    two = request_digest(method="POST", path=PATH, body={"b": [1, 2], "a": 1})
    assert one == two
    assert one != request_digest(method="POST", path=PATH + "x/", body={"a": 1})
    assert one != request_digest(method="POST", path=PATH, body={"a": 2, "b": [1, 2]})


def test_first_call_runs_and_stores_then_replays(provider: Provider) -> None:
    work = Counter()
    first = call(provider, "k1", {"a": 1}, work)
    assert (first.status, first.replayed) == (201, False)
    assert json.loads(first.body)["run"] == 1
    row = IdempotencyKey.objects.get()
    assert (row.response_status, row.response_body) == (201, first.body)
    assert row.completed_at is not None
    again = call(provider, "k1", {"a": 1}, work)
    assert (again.status, again.body, again.replayed) == (201, first.body, True)
    assert work.runs == 1


def test_same_key_other_request_is_422_and_runs_nothing(provider: Provider) -> None:
    work = Counter()
    call(provider, "k1", {"a": 1}, work)
    other = call(provider, "k1", {"a": 2}, work)
    assert other.status == 422
    assert json.loads(other.body)["code"] == "idempotency_key_reused"
    assert work.runs == 1


def test_the_key_is_claimed_in_the_work_s_own_transaction(provider: Provider) -> None:
    seen: list[tuple[bool, bool]] = []

    def work() -> tuple[int, dict[str, Any]]:
        claimed = IdempotencyKey.objects.filter(key="k1").exists()
        seen.append((claimed, connection.in_atomic_block))
        return 201, {"id": "r-1"}

    call(provider, "k1", {"a": 1}, work)
    assert seen == [(True, True)]


def test_a_constraint_of_the_work_itself_is_not_taken_for_a_replay(
    provider: Provider,
) -> None:
    IdempotencyKey.objects.create(provider=provider, key="taken", request_digest="x")

    def clash() -> tuple[int, dict[str, Any]]:
        IdempotencyKey.objects.create(
            provider=provider, key="taken", request_digest="y"
        )
        return 201, {"id": "never"}

    with pytest.raises(IntegrityError):
        call(provider, "k1", {"a": 1}, clash)
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["taken"]


def test_refusal_rolls_back_the_work_but_is_stored(provider: Provider) -> None:
    def refused() -> tuple[int, dict[str, Any]]:
        IdempotencyKey.objects.create(
            provider=provider, key="written-by-the-work", request_digest="x"
        )
        raise ValidationError("Op is op.", code="insufficient_balance")

    result = call(provider, "k1", {"a": 1}, refused)
    assert result.status == 409
    assert json.loads(result.body) == {
        "code": "insufficient_balance",
        "detail": "Op is op.",
    }
    # The work's own write was undone; the key row holds the stored refusal.
    assert list(IdempotencyKey.objects.values_list("key", "response_status")) == [
        ("k1", 409)
    ]
    assert call(provider, "k1", {"a": 1}, Counter()).body == result.body


def test_validation_error_is_not_stored(provider: Provider) -> None:
    def invalid() -> tuple[int, dict[str, Any]]:
        raise ValidationError("Tekst ontbreekt.", code="invalid_request")

    result = call(provider, "k1", {"a": 1}, invalid)
    assert result.status == 400
    assert json.loads(result.body)["code"] == "invalid_request"
    assert not IdempotencyKey.objects.exists()
    assert call(provider, "k1", {"a": 1}, Counter()).status == 201


def test_unexpected_error_releases_the_key(provider: Provider) -> None:
    def crash() -> tuple[int, dict[str, Any]]:
        IdempotencyKey.objects.create(provider=provider, key="side", request_digest="x")
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        call(provider, "k1", {"a": 1}, crash)
    assert not IdempotencyKey.objects.exists()
    work = Counter()
    assert call(provider, "k1", {"a": 1}, work).status == 201
    assert work.runs == 1


# --- Through the API ------------------------------------------------------------------


def _spend(client: Client, key: str, token: str, code: str, cents: int) -> Any:
    return client.post(
        PATH,
        data=json.dumps(
            {"voucher_code": code, "amount_cents": cents, "description": "Verf"}
        ),
        content_type="application/json",
        secure=True,
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_api_retry_replays_and_moves_money_once(wijk: Neighbourhood) -> None:
    _initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    voucher = vouchers[0]
    provider, user = approved_provider(wijk)
    _token, token = api_token_create(actor=user, provider=provider, name="Kassa")
    transactions = LedgerTransaction.objects.count()
    client = Client()
    first = _spend(client, "k-1", token, voucher.code, 500)
    assert first.status_code == 201
    replay = _spend(client, "k-1", token, voucher.code, 500)
    assert (replay.status_code, replay.content) == (201, first.content)
    assert replay["Idempotent-Replayed"] == "true"
    assert LedgerTransaction.objects.count() == transactions + 1
    assert balance(voucher) == 450 * EUR - 500
    assert Redemption.objects.count() == 1
