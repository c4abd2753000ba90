"""A bounded schemathesis run of the provider API against its own OpenAPI schema
(issue #14 point 4): whatever a till sends that the schema allows or nearly allows,
no answer is a 5xx. Each operation gets at most MAX_EXAMPLES examples, with a real
API key and a real voucher, so the run reaches the services and stays short."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.providers.services.tokens import api_token_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

MAX_EXAMPLES = 15


@pytest.fixture
def api_key(db: Any) -> Iterator[str]:
    cache.clear()
    with on_day():
        wijk = neighbourhood_ready()
        funded(wijk)
        plan_with_vouchers(wijk, 450 * EUR)
        provider, user = approved_provider(wijk)
        _token, key = api_token_create(actor=user, provider=provider, name="Fuzz")
        yield key


@pytest.fixture
def api_schema(db: Any) -> Iterator[Any]:
    # As Django's test client does: the test's database connection stays open
    # across the requests (the WSGI handler would close it after each).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/schema/", get_wsgi_application(), base_url="https://localhost"
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_no_request_gets_a_server_error(api_schema: Any, api_key: str) -> None:
    # given every operation of the schema, and a valid key
    headers = {"Authorization": f"Token {api_key}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    answered: Counter[int] = Counter()
    assert len(operations) >= 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            # when the till sends a request built from it over HTTPS
            response = case.call(base_url="https://localhost", headers=headers)
            answered[response.status_code] += 1
            # then the answer is never a 5xx
            case.validate_response(response, checks=[not_a_server_error])

        check()
    # and the run reached past the key check: some answers were the services' own
    assert answered.total() >= len(operations) * 5, answered
    assert answered[200] > 0, answered
    assert answered[400] > 0, answered
