"""The provider API end to end: token auth, lookup, spend, refund, list, errors,
idempotent replays, rate limit, schema and documentation page."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from drf_spectacular.validation import validate_schema

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.ledger.services import ledger_transaction_post
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.notifications.models import Notification
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.services.tokens import api_token_create, api_token_revoke
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.models import IdempotencyKey, Redemption, Refund, Voucher
from wijkvoucher.vouchers.services.accounts import (
    payout_clearing_account,
    provider_payable_account,
)
from wijkvoucher.vouchers.services.issuance import voucher_block_and_replace
from wijkvoucher.vouchers.services.returns import voucher_close
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    balance,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/vouchers/lookup/"
REDEMPTIONS = "/api/v1/redemptions/"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    cache.clear()  # rate-limit counters
    with on_day():
        yield


@dataclass
class Till:
    """A provider's till system: its provider, the person who made the key, the key."""

    provider: Provider
    user: User
    key: str
    client: Client

    def post(
        self,
        url: str,
        body: Any,
        *,
        key: str | None = None,
        raw: str | None = None,
        **headers: str,
    ) -> Any:
        extra = {"HTTP_AUTHORIZATION": f"Token {self.key}", **headers}
        if key is not None:
            extra["HTTP_IDEMPOTENCY_KEY"] = key
        return self.client.post(
            url,
            data=raw if raw is not None else json.dumps(body),
            content_type="application/json",
            secure=True,
            **extra,
        )

    def get(self, url: str, **headers: str) -> Any:
        return self.client.get(
            url, secure=True, HTTP_AUTHORIZATION=f"Token {self.key}", **headers
        )

    def spend(self, voucher: Voucher, cents: int, key: str, **fields: Any) -> Any:
        body = {
            "voucher_code": voucher.code,
            "amount_cents": cents,
            "description": "Verf en kwasten",
            "reference": "BON-1",
            **fields,
        }
        return self.post(REDEMPTIONS, body, key=key)


def till_for(provider: Provider, user: User) -> Till:
    _token, key = api_token_create(actor=user, provider=provider, name="Kassa 1")
    return Till(provider=provider, user=user, key=key, client=Client())


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


@pytest.fixture
def voucher(wijk: Neighbourhood) -> Voucher:
    _initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    return vouchers[0]


@pytest.fixture
def till(wijk: Neighbourhood) -> Till:
    return till_for(*approved_provider(wijk))


def elsewhere() -> Neighbourhood:
    """A wijk in another municipality."""
    return NeighbourhoodFactory(
        municipality=MunicipalityFactory(name="Gemeente Veldstad", slug="veldstad")
    )


@dataclass(frozen=True)
class Snapshot:
    transactions: int
    redemptions: int
    refunds: int
    balance: int


def snapshot(voucher: Voucher) -> Snapshot:
    return Snapshot(
        transactions=LedgerTransaction.objects.count(),
        redemptions=Redemption.objects.count(),
        refunds=Refund.objects.count(),
        balance=balance(voucher),
    )


# --- Authentication -------------------------------------------------------------------


def test_without_token_is_401_json(voucher: Voucher) -> None:
    response = Client().post(
        LOOKUP,
        data=json.dumps({"code": voucher.code}),
        content_type="application/json",
        secure=True,
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


def test_wrong_and_revoked_tokens_are_401(voucher: Voucher, till: Till) -> None:
    wrong = Till(till.provider, till.user, "wv_not-a-key", Client())
    assert wrong.post(LOOKUP, {"code": voucher.code}).json()["code"] == (
        "not_authenticated"
    )
    token = till.provider.api_tokens.get()
    api_token_revoke(actor=till.user, token=token)
    response = till.post(LOOKUP, {"code": voucher.code})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_browser_session_is_not_enough(voucher: Voucher, till: Till) -> None:
    client = Client()
    client.force_login(till.user)
    response = client.post(
        REDEMPTIONS,
        data=json.dumps({"voucher_code": voucher.code, "amount_cents": 100}),
        content_type="application/json",
        secure=True,
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert response.status_code == 401
    assert Redemption.objects.count() == 0


# --- Lookup ---------------------------------------------------------------------------


def test_lookup(voucher: Voucher, till: Till) -> None:
    response = till.post(LOOKUP, {"code": voucher.code.lower().replace("-", " ")})
    assert response.status_code == 200
    assert response.json() == {
        "number": voucher.number,
        "status": "issued",
        "balance_cents": 450 * EUR,
        "valid_until": voucher.valid_until.isoformat(),
        "initiative_title": voucher.initiative.title,
        "neighbourhood": voucher.neighbourhood.name,
    }


def test_lookup_refusals(wijk: Neighbourhood, voucher: Voucher, till: Till) -> None:
    unknown = till.post(LOOKUP, {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_voucher")
    far = till_for(*approved_provider(elsewhere(), name="Elders"))
    assert far.provider.municipality_id != wijk.municipality_id
    refused = far.post(LOOKUP, {"code": voucher.code})
    assert (refused.status_code, refused.json()["code"]) == (
        403,
        "provider_not_allowed",
    )
    empty = till.post(LOOKUP, {})
    assert (empty.status_code, empty.json()["code"]) == (400, "invalid_request")
    assert "code" in empty.json()["fields"]


def test_lookup_shows_expired_after_the_end_date(voucher: Voucher, till: Till) -> None:
    with on_day(voucher.valid_until + dt.timedelta(days=1)):
        response = till.post(LOOKUP, {"code": voucher.code})
    assert response.json()["status"] == "expired"


# --- Spending -------------------------------------------------------------------------


def test_spend(voucher: Voucher, till: Till) -> None:
    before = snapshot(voucher)
    response = till.spend(voucher, 12_50, "pay-1")
    assert response.status_code == 201
    body = response.json()
    redemption = Redemption.objects.get()
    assert body == {
        "id": str(redemption.uuid),
        "voucher_number": voucher.number,
        "amount_cents": 12_50,
        "balance_cents": 450 * EUR - 12_50,
        "refundable_cents": 12_50,
        "created_at": body["created_at"],
        "description": "Verf en kwasten",
        "reference": "BON-1",
    }
    assert dt.datetime.fromisoformat(body["created_at"]) == redemption.created_at
    assert redemption.channel == Channel.API
    assert redemption.created_by == till.user
    assert redemption.provider == till.provider
    assert balance(voucher) == 450 * EUR - 12_50
    assert LedgerTransaction.objects.count() == before.transactions + 1
    key = IdempotencyKey.objects.get()
    assert key.response_status == 201
    assert key.response_body == response.content.decode()
    assert ledger_problems() == []


def test_spend_sends_its_writes_as_one_statement_and_links_the_rows(
    voucher: Voucher, till: Till, django_capture_on_commit_callbacks: Any
) -> None:
    """On PostgreSQL the writes of a spend wait and go as one statement of WITH
    queries (docs/adr/0012-hot-path-sql.md, item 11); the rows must refer to each
    other as when written one by one (elsewhere they are)."""
    # given
    till.spend(voucher, 1_00, "warm-up")  # the first spend also steps the status
    # when
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        response = till.spend(voucher, 2_00, "pay-joined")
    # then
    assert response.status_code == 201
    redemption = Redemption.objects.get(uuid=response.json()["id"])
    entries = sorted(
        redemption.transaction.entries.values_list("account_id", "amount_cents")
    )
    assert entries == sorted(
        [
            (voucher.account_id, -2_00),
            (provider_payable_account(actor=None, provider=till.provider).pk, 2_00),
        ]
    )
    event = AuditEvent.objects.get(action="vouchers.redeem", subject_id=redemption.pk)
    assert event.data["ledger"]["transaction"] == str(redemption.transaction.uuid)
    notification = Notification.objects.filter(kind="vouchers.redeemed").latest("pk")
    # the e-mail task found the notification by the key the joined insert gave
    assert [m.subject for m in mail.outbox] == [notification.subject]
    key = IdempotencyKey.objects.get(key="pay-joined")
    assert key.response_body == response.content.decode()
    assert ledger_problems() == []
    sent = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        # the API key, BEGIN, the idempotency key with the voucher's lock, the account
        # locks, the joined writes, COMMIT (the e-mail task, which needs the
        # notification's key, is one more statement with the database queue)
        assert len(sent) == 6
        assert [q.startswith("WITH ") for q in sent].count(True) == 2


def test_replay_is_byte_identical_and_pays_once(voucher: Voucher, till: Till) -> None:
    first = till.spend(voucher, 30 * EUR, "pay-1")
    after_first = snapshot(voucher)
    again = till.spend(voucher, 30 * EUR, "pay-1")
    assert again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert snapshot(voucher) == after_first
    assert balance(voucher) == 420 * EUR


def test_same_key_other_request_is_422(voucher: Voucher, till: Till) -> None:
    till.spend(voucher, 30 * EUR, "pay-1")
    before = snapshot(voucher)
    response = till.spend(voucher, 31 * EUR, "pay-1")
    assert (response.status_code, response.json()["code"]) == (
        422,
        "idempotency_key_reused",
    )
    assert snapshot(voucher) == before


def test_keys_belong_to_one_provider(
    wijk: Neighbourhood, voucher: Voucher, till: Till
) -> None:
    other = till_for(*approved_provider(wijk, name="Bakker", kvk_number="87654321"))
    assert till.spend(voucher, 10 * EUR, "same-key").status_code == 201
    assert other.spend(voucher, 10 * EUR, "same-key").status_code == 201
    assert balance(voucher) == 430 * EUR


def test_missing_or_bad_key_is_400(voucher: Voucher, till: Till) -> None:
    before = snapshot(voucher)
    body = {"voucher_code": voucher.code, "amount_cents": 100, "description": "x"}
    for key in (None, "", "k" * 256):
        response = till.post(REDEMPTIONS, body, key=key)
        assert (response.status_code, response.json()["code"]) == (
            400,
            "idempotency_key_missing",
        ), key
    assert snapshot(voucher) == before
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize(
    "amount", [12.5, 100.0, "100", True, None, 0, -5, 10**14, [100], {"x": 1}]
)
def test_amount_must_be_a_json_integer(
    voucher: Voucher, till: Till, amount: object
) -> None:
    before = snapshot(voucher)
    response = till.spend(voucher, amount, "pay-bad")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"
    assert "amount_cents" in response.json()["fields"]
    assert snapshot(voucher) == before
    # Request validation errors are not stored: the key can be used for a good request.
    assert not IdempotencyKey.objects.exists()
    assert till.spend(voucher, 100, "pay-bad").status_code == 201


@pytest.mark.parametrize(
    "raw", ["{not json", "[1, 2]", '"text"', "", '{"amount_cents": NaN}']
)
def test_body_must_be_a_json_object(voucher: Voucher, till: Till, raw: str) -> None:
    before = snapshot(voucher)
    response = till.post(REDEMPTIONS, None, raw=raw, key="k")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"
    assert snapshot(voucher) == before
    assert not IdempotencyKey.objects.exists()


def test_form_encoded_body_is_refused(voucher: Voucher, till: Till) -> None:
    response = till.client.post(
        REDEMPTIONS,
        {"voucher_code": voucher.code, "amount_cents": "100", "description": "x"},
        secure=True,
        HTTP_AUTHORIZATION=f"Token {till.key}",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert (response.status_code, response.json()["code"]) == (400, "invalid_request")
    assert Redemption.objects.count() == 0


def _close(voucher: Voucher, till: Till, state: str) -> None:
    if state == "blocked":
        voucher_block_and_replace(
            actor=voucher.initiative.initiator, voucher=voucher, reason="kwijt"
        )
    elif state == "voided":
        voucher_close(
            actor=None, voucher=voucher, status=VoucherStatus.VOIDED, reason="gestopt"
        )


@pytest.mark.parametrize(
    ("state", "cents", "code", "status"),
    [
        ("issued", 451 * EUR, "insufficient_balance", 409),
        ("blocked", 1 * EUR, "blocked", 409),
        ("voided", 1 * EUR, "voided", 409),
    ],
)
def test_spend_refusals_change_nothing_and_are_replayed(
    voucher: Voucher, till: Till, state: str, cents: int, code: str, status: int
) -> None:
    _close(voucher, till, state)
    before = snapshot(voucher)
    response = till.spend(voucher, cents, "pay-x")
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.json()["detail"]
    assert snapshot(voucher) == before
    # A business refusal is stored: the retry gets the same answer, byte for byte.
    again = till.spend(voucher, cents, "pay-x")
    assert again.content == response.content
    assert again.status_code == status
    assert snapshot(voucher) == before


def test_spend_expired(voucher: Voucher, till: Till) -> None:
    before = snapshot(voucher)
    with on_day(voucher.valid_until + dt.timedelta(days=1)):
        response = till.spend(voucher, 100, "pay-late")
    assert (response.status_code, response.json()["code"]) == (409, "expired")
    assert snapshot(voucher) == before


def test_spend_unknown_and_not_allowed(wijk: Neighbourhood, voucher: Voucher) -> None:
    near = till_for(*approved_provider(wijk))
    unknown = near.post(
        REDEMPTIONS,
        {"voucher_code": "AAAA-BBBB-CCCC-DDDD", "amount_cents": 1, "description": "x"},
        key="u",
    )
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_voucher")
    before = snapshot(voucher)
    far = till_for(*approved_provider(elsewhere(), name="Ver weg"))
    refused = far.spend(voucher, 100, "far-1")
    assert (refused.status_code, refused.json()["code"]) == (
        403,
        "provider_not_allowed",
    )
    assert snapshot(voucher) == before


# --- Refunds --------------------------------------------------------------------------


def refunds_url(redemption_id: str) -> str:
    return reverse("api:refunds", kwargs={"redemption_id": redemption_id})


def test_refund(voucher: Voucher, till: Till) -> None:
    paid = till.spend(voucher, 100 * EUR, "pay-1").json()
    url = refunds_url(paid["id"])
    assert url == f"/api/v1/redemptions/{paid['id']}/refunds/"
    before = snapshot(voucher)
    response = till.post(url, {"amount_cents": 40 * EUR, "reason": "Retour"}, key="r1")
    assert response.status_code == 201
    refund = Refund.objects.get()
    assert response.json() == {
        "id": str(refund.uuid),
        "redemption_id": paid["id"],
        "amount_cents": 40 * EUR,
        "balance_cents": 390 * EUR,
        "refundable_cents": 60 * EUR,
    }
    assert refund.channel == Channel.API
    assert balance(voucher) == 390 * EUR
    assert LedgerTransaction.objects.count() == before.transactions + 1
    again = till.post(url, {"amount_cents": 40 * EUR, "reason": "Retour"}, key="r1")
    assert again.content == response.content
    assert Refund.objects.count() == 1
    assert ledger_problems() == []


def test_refund_refusals_change_nothing(
    wijk: Neighbourhood, voucher: Voucher, till: Till
) -> None:
    paid = till.spend(voucher, 100 * EUR, "pay-1").json()
    before = snapshot(voucher)
    too_much = till.post(refunds_url(paid["id"]), {"amount_cents": 101 * EUR}, key="a")
    assert (too_much.status_code, too_much.json()["code"]) == (
        409,
        "refund_exceeds_redemption",
    )
    other = till_for(*approved_provider(wijk, name="Bakker", kvk_number="87654321"))
    not_theirs = other.post(refunds_url(paid["id"]), {"amount_cents": 1}, key="b")
    assert (not_theirs.status_code, not_theirs.json()["code"]) == (
        404,
        "unknown_redemption",
    )
    for bad_id in ("not-a-uuid", "0b7c1c1e-5d1a-4a43-9a4f-3b0f0e1d2c3b"):
        missing = till.post(refunds_url(bad_id), {"amount_cents": 1}, key=bad_id)
        assert (missing.status_code, missing.json()["code"]) == (
            404,
            "unknown_redemption",
        )
    floaty = till.post(refunds_url(paid["id"]), {"amount_cents": 1.0}, key="c")
    assert (floaty.status_code, floaty.json()["code"]) == (400, "invalid_request")
    no_key = till.post(refunds_url(paid["id"]), {"amount_cents": 1})
    assert no_key.json()["code"] == "idempotency_key_missing"
    assert snapshot(voucher) == before
    assert Redemption.objects.get().refunded_cents == 0


def test_refund_after_payout_is_refused(voucher: Voucher, till: Till) -> None:
    paid = till.spend(voucher, 100 * EUR, "pay-1").json()
    payable = provider_payable_account(actor=None, provider=till.provider)
    clearing = payout_clearing_account(
        actor=None, municipality=till.provider.municipality
    )
    ledger_transaction_post(
        actor=till.user,
        kind=TransactionKind.PAYOUT,
        entries=[(payable, -100 * EUR), (clearing, 100 * EUR)],
        memo="payout in test",
    )
    before = snapshot(voucher)
    response = till.post(refunds_url(paid["id"]), {"amount_cents": 10 * EUR}, key="r")
    assert (response.status_code, response.json()["code"]) == (409, "already_paid_out")
    assert snapshot(voucher) == before
    assert Redemption.objects.get().refunded_cents == 0


# --- Reading --------------------------------------------------------------------------


def test_list_and_detail_only_own_newest_first(
    wijk: Neighbourhood, voucher: Voucher, till: Till
) -> None:
    first = till.spend(voucher, 10 * EUR, "p1").json()
    with on_day(hour=11):
        second = till.spend(voucher, 20 * EUR, "p2").json()
    other = till_for(*approved_provider(wijk, name="Bakker", kvk_number="87654321"))
    with on_day(hour=12):
        theirs = other.spend(voucher, 5 * EUR, "p3").json()
    listing = till.get(REDEMPTIONS)
    assert listing.status_code == 200
    page = listing.json()
    assert page["count"] == 2
    assert [r["id"] for r in page["results"]] == [second["id"], first["id"]]
    small = till.get(REDEMPTIONS + "?page_size=1&page=2").json()
    assert [r["id"] for r in small["results"]] == [first["id"]]
    assert small["next"] is None
    assert small["previous"]
    detail = till.get(reverse("api:redemption_detail", args=[first["id"]]))
    assert detail.status_code == 200
    assert detail.json()["amount_cents"] == 10 * EUR
    assert detail.json()["refunds"] == []
    hidden = till.get(reverse("api:redemption_detail", args=[theirs["id"]]))
    assert (hidden.status_code, hidden.json()["code"]) == (404, "unknown_redemption")
    beyond = till.get(REDEMPTIONS + "?page=9")
    assert (beyond.status_code, beyond.json()["code"]) == (404, "not_found")


def test_method_not_allowed_is_json(till: Till) -> None:
    response = till.get(LOOKUP)
    assert (response.status_code, response.json()["code"]) == (
        405,
        "method_not_allowed",
    )


# --- Language, rate limit -------------------------------------------------------------


def test_messages_in_the_request_language(voucher: Voucher, till: Till) -> None:
    dutch = till.post(LOOKUP, {})
    assert dutch["Content-Language"] == "nl"
    assert dutch.json()["fields"]["code"] == ["Dit veld is vereist."]
    english = till.post(LOOKUP, {}, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert english["Content-Language"] == "en"
    assert english.json()["fields"]["code"] == ["This field is required."]


@override_settings(WIJKVOUCHER_API_RATE="3/m")
def test_rate_limit_per_token(
    wijk: Neighbourhood, voucher: Voucher, till: Till
) -> None:
    answers = [till.post(LOOKUP, {"code": voucher.code}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = till.post(LOOKUP, {"code": voucher.code})
    assert limited.json()["code"] == "rate_limited"
    assert limited["Retry-After"] == "60"
    other = till_for(*approved_provider(wijk, name="Bakker", kvk_number="87654321"))
    assert other.post(LOOKUP, {"code": voucher.code}).status_code == 200


# --- Schema and documentation ---------------------------------------------------------


def test_schema_is_valid_openapi_3() -> None:
    response = Client().get(reverse("api:schema") + "?format=json", secure=True)
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    paths = schema["paths"]
    assert "post" in paths["/api/v1/vouchers/lookup/"]
    assert {"get", "post"} <= set(paths["/api/v1/redemptions/"])
    refunds = paths["/api/v1/redemptions/{redemption_id}/refunds/"]["post"]
    assert {"201", "400", "401", "404", "409", "422", "429"} <= set(
        refunds["responses"]
    )
    assert any(p["name"] == "Idempotency-Key" for p in refunds["parameters"])
    assert "providerToken" in schema["components"]["securitySchemes"]
    yaml = Client().get(reverse("api:schema"), secure=True)
    assert yaml.status_code == 200
    assert b"openapi: 3." in yaml.content


def test_docs_page() -> None:
    response = Client().get(reverse("api:docs"), secure=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/redemptions/{redemption_id}/refunds/" in html
    assert "Idempotency-Key" in html
    assert "<script" not in html
