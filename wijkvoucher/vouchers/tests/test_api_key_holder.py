"""Keys die with their holder (issue #14 point 2): ending a provider membership
revokes the API keys that person made at once, and the API refuses (401) a key whose
maker no longer acts for the provider, also when the key was somehow left live."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.test import Client
from django.utils import timezone

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.helpers import official, on_day
from wijkvoucher.providers.constants import ProviderReviewStatus
from wijkvoucher.providers.models import Provider, ProviderApiToken, ProviderMembership
from wijkvoucher.providers.services.memberships import (
    provider_membership_add,
    provider_membership_end,
)
from wijkvoucher.providers.services.tokens import api_token_create
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/vouchers/lookup/"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _lookup(key: str, voucher: Voucher) -> Any:
    return Client().post(
        LOOKUP,
        data=json.dumps({"code": voucher.code}),
        content_type="application/json",
        secure=True,
        HTTP_AUTHORIZATION=f"Token {key}",
    )


@pytest.fixture
def shop() -> tuple[Provider, Voucher, Any, Any]:
    """A shop with two people, each with a key of their own, and a voucher."""
    wijk = neighbourhood_ready()
    funded(wijk)
    _plan, vouchers = plan_with_vouchers(wijk, 100 * EUR)
    provider, leaver = approved_provider(wijk)
    stayer = UserFactory.create(full_name="Blijft")
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    provider_membership_add(
        actor=coordinator,
        provider=provider,
        user=stayer,
        valid_from=dt.date(2026, 1, 1),
    )
    return provider, vouchers[0], leaver, stayer


def test_ending_a_membership_revokes_that_persons_keys_at_once(
    shop: tuple[Provider, Voucher, Any, Any],
) -> None:
    # given two members, each with a working key
    provider, voucher, leaver, stayer = shop
    _t, leaver_key = api_token_create(actor=leaver, provider=provider, name="Kassa 1")
    _t, stayer_key = api_token_create(actor=stayer, provider=provider, name="Kassa 2")
    assert _lookup(leaver_key, voucher).status_code == 200
    coordinator = official(municipality=provider.municipality, role=Role.COORDINATOR)
    membership = ProviderMembership.objects.get(provider=provider, user=leaver)
    # when the coordinator ends the leaver's membership (even from next month on)
    provider_membership_end(
        actor=coordinator, membership=membership, on=dt.date(2026, 7, 31)
    )
    # then the leaver's key is revoked in the same step, audited; the other works
    token = ProviderApiToken.objects.get(created_by=leaver)
    assert token.revoked_at is not None
    assert token.revoked_by == coordinator
    event = AuditEvent.objects.filter(
        action="vouchers.api_token_revoke", subject_id=token.pk
    ).get()
    assert event.data["reason"] == "membership_ended"
    response = _lookup(leaver_key, voucher)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert _lookup(stayer_key, voucher).status_code == 200
    assert ProviderApiToken.objects.get(created_by=stayer).revoked_at is None


def test_a_live_key_of_someone_who_left_answers_401(
    shop: tuple[Provider, Voucher, Any, Any],
) -> None:
    # given a key whose maker's membership ended without the key being revoked
    provider, voucher, leaver, _stayer = shop
    _t, key = api_token_create(actor=leaver, provider=provider, name="Kassa 1")
    ProviderMembership.objects.filter(provider=provider, user=leaver).update(
        valid_until=timezone.localdate() - dt.timedelta(days=1)
    )
    assert ProviderApiToken.objects.get().revoked_at is None
    # when the till sends it
    response = _lookup(key, voucher)
    # then it is refused in the API's error format, as that person's key
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    body = response.json()
    assert body["code"] == "not_authenticated"
    assert "werkt niet meer voor deze aanbieder" in body["detail"]


def test_a_key_of_a_provider_no_longer_approved_answers_401(
    shop: tuple[Provider, Voucher, Any, Any],
) -> None:
    provider, voucher, leaver, _stayer = shop
    _t, key = api_token_create(actor=leaver, provider=provider, name="Kassa 1")
    # (no service withdraws an approval yet: the row as one would leave it)
    Provider.objects.filter(pk=provider.pk).update(
        approved_at=None, review_status=ProviderReviewStatus.REJECTED
    )
    response = _lookup(key, voucher)
    assert (response.status_code, response.json()["code"]) == (
        401,
        "not_authenticated",
    )
