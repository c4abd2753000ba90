"""The idempotency service (Stripe semantics, docs/adr/0009): claim, replay, reuse,
in progress, takeover of an abandoned key, and what is never stored."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

import pytest
import time_machine

from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.services.tokens import api_token_create
from wijkvoucher.vouchers.api.errors import refusal
from wijkvoucher.vouchers.constants import IDEMPOTENCY_LOCK_SECONDS, IdempotencyState
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
    assert row.state == IdempotencyState.COMPLETED
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


def test_key_in_progress_is_409(provider: Provider) -> None:
    digest = request_digest(method="POST", path=PATH, body={"a": 1})
    IdempotencyKey.objects.create(
        provider=provider,
        key="k1",
        request_digest=digest,
        state=IdempotencyState.IN_PROGRESS,
        locked_at=timezone.now() - dt.timedelta(seconds=IDEMPOTENCY_LOCK_SECONDS - 1),
    )
    work = Counter()
    result = call(provider, "k1", {"a": 1}, work)
    assert result.status == 409
    assert json.loads(result.body)["code"] == "idempotency_key_in_use"
    assert work.runs == 0
    assert IdempotencyKey.objects.get().state == IdempotencyState.IN_PROGRESS


def test_abandoned_key_is_taken_over(provider: Provider) -> None:
    digest = request_digest(method="POST", path=PATH, body={"a": 1})
    IdempotencyKey.objects.create(
        provider=provider,
        key="k1",
        request_digest=digest,
        state=IdempotencyState.IN_PROGRESS,
        locked_at=timezone.now() - dt.timedelta(seconds=IDEMPOTENCY_LOCK_SECONDS + 1),
    )
    work = Counter()
    result = call(provider, "k1", {"a": 1}, work)
    assert result.status == 201
    assert work.runs == 1
    row = IdempotencyKey.objects.get()
    assert (row.state, row.response_body) == (IdempotencyState.COMPLETED, result.body)


def test_abandoned_key_with_another_request_stays_422(provider: Provider) -> None:
    digest = request_digest(method="POST", path=PATH, body={"a": 1})
    IdempotencyKey.objects.create(
        provider=provider,
        key="k1",
        request_digest=digest,
        state=IdempotencyState.IN_PROGRESS,
        locked_at=timezone.now() - dt.timedelta(hours=1),
    )
    result = call(provider, "k1", {"a": 2}, Counter())
    assert result.status == 422


def test_refusal_rolls_back_the_work_but_is_stored(provider: Provider) -> None:
    def refused() -> tuple[int, dict[str, Any]]:
        IdempotencyKey.objects.create(
            provider=provider,
            key="written-by-the-work",
            request_digest="x",
            state=IdempotencyState.COMPLETED,
        )
        raise ValidationError("Op is op.", code="insufficient_balance")

    result = call(provider, "k1", {"a": 1}, refused)
    assert result.status == 409
    assert json.loads(result.body) == {
        "code": "insufficient_balance",
        "detail": "Op is op.",
    }
    # The work's own write was undone; the key row holds the stored refusal.
    assert list(IdempotencyKey.objects.values_list("key", "state")) == [
        ("k1", IdempotencyState.COMPLETED)
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
        IdempotencyKey.objects.create(
            provider=provider, key="side", request_digest="x", state="completed"
        )
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        call(provider, "k1", {"a": 1}, crash)
    assert not IdempotencyKey.objects.exists()
    work = Counter()
    assert call(provider, "k1", {"a": 1}, work).status == 201
    assert work.runs == 1


def test_lost_lock_rolls_the_work_back(provider: Provider) -> None:
    """If another request took the key over while this one worked (it was slower
    than the lock time), this one keeps nothing and answers 409."""

    def slow() -> tuple[int, dict[str, Any]]:
        IdempotencyKey.objects.create(
            provider=provider, key="side", request_digest="x", state="completed"
        )
        IdempotencyKey.objects.filter(key="k1").update(
            locked_at=timezone.now() + dt.timedelta(seconds=5)
        )
        return 201, {"id": "never"}

    result = call(provider, "k1", {"a": 1}, slow)
    assert result.status == 409
    assert json.loads(result.body)["code"] == "idempotency_key_in_use"
    assert not IdempotencyKey.objects.filter(key="side").exists()
    assert IdempotencyKey.objects.get(key="k1").state == IdempotencyState.IN_PROGRESS


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


def test_api_in_progress_then_abandoned(wijk: Neighbourhood) -> None:
    _initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    voucher = vouchers[0]
    provider, user = approved_provider(wijk)
    _token, token = api_token_create(actor=user, provider=provider, name="Kassa")
    body = {"voucher_code": voucher.code, "amount_cents": 500, "description": "Verf"}
    IdempotencyKey.objects.create(
        provider=provider,
        key="busy",
        request_digest=request_digest(method="POST", path=PATH, body=body),
        state=IdempotencyState.IN_PROGRESS,
        locked_at=timezone.now(),
    )
    transactions = LedgerTransaction.objects.count()
    client = Client()
    busy = _spend(client, "busy", token, voucher.code, 500)
    assert (busy.status_code, busy.json()["code"]) == (409, "idempotency_key_in_use")
    assert LedgerTransaction.objects.count() == transactions
    assert balance(voucher) == 450 * EUR
    later = timezone.now() + dt.timedelta(seconds=IDEMPOTENCY_LOCK_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        taken = _spend(client, "busy", token, voucher.code, 500)
    assert taken.status_code == 201
    assert LedgerTransaction.objects.count() == transactions + 1
    assert balance(voucher) == 450 * EUR - 500
    replay = _spend(client, "busy", token, voucher.code, 500)
    assert replay.content == taken.content
    assert Redemption.objects.count() == 1
