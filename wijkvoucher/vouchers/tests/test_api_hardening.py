"""Bad requests to the provider API are answered, not crashed (issue #14 point 4), and
every refusal leaves a security trace with the key's id (point 3)."""

# The fixtures come from test_api; each test names them again as its arguments.
# ruff: noqa: F811
from __future__ import annotations

import json
import logging
from collections.abc import Iterator

from django.core.cache import cache
from django.test import Client, override_settings

import pytest

from wijkvoucher.core.models import SecurityEvent
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.providers.services.tokens import api_token_revoke
from wijkvoucher.vouchers.models import IdempotencyKey, Redemption, Voucher
from wijkvoucher.vouchers.tests.test_api import (  # noqa: F401 (fixtures)
    LOOKUP,
    REDEMPTIONS,
    Till,
    till,
    voucher,
    wijk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    cache.clear()  # rate-limit and security counters
    with on_day():
        yield


def _warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


@override_settings(API_MAX_BODY_BYTES=1024)
def test_an_oversized_body_is_413_with_one_warning(
    voucher: Voucher, till: Till, caplog: pytest.LogCaptureFixture
) -> None:
    # given a body over the limit
    body = json.dumps({"code": voucher.code, "padding": "x" * 2000})
    # when the till sends it
    with caplog.at_level(logging.WARNING):
        response = till.post(LOOKUP, None, raw=body)
    # then 413 in the API's error format, one warning line without a traceback
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    records = _warnings(caplog)
    assert [r.getMessage() for r in records] == [
        "provider API: refused a request body (too_large, PayloadTooLarge)"
    ]
    assert records[0].exc_info is None


@pytest.mark.parametrize("depth", [21, 5000])
def test_deeply_nested_json_is_400_with_one_warning(
    voucher: Voucher, till: Till, caplog: pytest.LogCaptureFixture, depth: int
) -> None:
    # given JSON nested deeper than the API reads
    body = "[" * depth + "]" * depth
    # when it is sent as a payment
    with caplog.at_level(logging.WARNING):
        response = till.post(REDEMPTIONS, None, raw=body, key="deep-1")
    # then 400 invalid_request, nothing stored, one warning line
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"
    assert Redemption.objects.count() == 0
    assert IdempotencyKey.objects.count() == 0
    records = _warnings(caplog)
    assert len(records) == 1
    assert records[0].exc_info is None


def test_a_flat_body_within_the_depth_passes(voucher: Voucher, till: Till) -> None:
    # given a lookup with a nested but shallow extra field
    body = {"code": voucher.code, "extra": [[[1]]]}
    # when
    response = till.post(LOOKUP, body)
    # then it is read as usual
    assert response.status_code == 200


def test_a_revoked_key_is_traced_with_its_id(voucher: Voucher, till: Till) -> None:
    # given a revoked key
    token = till.provider.api_tokens.get()
    api_token_revoke(actor=till.user, token=token)
    # when the till still uses it, and someone tries a made-up key
    till.post(LOOKUP, {"code": voucher.code})
    Till(till.provider, till.user, "wv_made-up", Client()).post(LOOKUP, {})
    # then two security events: the key's id, and none for the unknown key
    rows = list(
        SecurityEvent.objects.order_by("reason").values_list(
            "reason", "key_id", "actor_id", "count", "path"
        )
    )
    assert rows == [
        ("api.key_revoked", token.pk, 0, 1, LOOKUP),
        ("api.key_unknown", 0, 0, 1, LOOKUP),
    ]


def test_a_money_refusal_is_traced_with_key_and_person(
    voucher: Voucher, till: Till
) -> None:
    # given a voucher with less on it than asked
    token = till.provider.api_tokens.get()
    # when the till asks too much
    response = till.spend(voucher, 10_000_000, key="too-much")
    # then 409 and one event with the key, the person and the refusal's code
    assert response.status_code == 409
    event = SecurityEvent.objects.get()
    assert (event.reason, event.key_id, event.actor_id) == (
        "api.insufficient_balance",
        token.pk,
        till.user.pk,
    )
    # and no code, token or e-mail address is stored
    stored = " ".join(str(v) for v in SecurityEvent.objects.values_list().get())
    assert voucher.code not in stored
    assert till.key not in stored
    assert str(till.user.email) not in stored
