"""The provider portal through the test client: spend a voucher (the code only in
POST bodies), refusals that change nothing, refunds, API keys, access rules."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import NeighbourhoodFactory
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in,
    sign_in_verified,
)
from wijkvoucher.providers.models import Provider, ProviderMembership
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption, Refund, Voucher
from wijkvoucher.vouchers.services.issuance import voucher_block_and_replace
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    balance,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db

REDEEM = reverse("vouchers:provider_redeem")
HOME = reverse("payments:provider_home")
TOKENS = reverse("providers:provider_tokens")


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    cache.clear()
    with on_day():
        yield
    cache.clear()


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


@pytest.fixture
def plan(wijk: Neighbourhood) -> tuple[Initiative, Voucher]:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    return initiative, vouchers[0]


@pytest.fixture
def shop(wijk: Neighbourhood) -> tuple[Provider, User]:
    return approved_provider(wijk)


def _client(user: User) -> Client:
    client = HttpsClient()
    client.cookies["django_language"] = "en"
    sign_in_verified(client, user)
    return client


def _state(voucher: Voucher) -> tuple[int, int, int, int]:
    return (
        balance(voucher),
        Redemption.objects.count(),
        Refund.objects.count(),
        LedgerTransaction.objects.count(),
    )


def _html(response: Any) -> str:
    return str(response.content.decode())


def test_redeem_end_to_end_keeps_the_code_out_of_urls(
    plan: tuple[Initiative, Voucher], shop: tuple[Provider, User]
) -> None:
    # given a provider user at the till
    initiative, voucher = plan
    provider, user = shop
    client = _client(user)
    assert client.get(REDEEM).status_code == 200
    # when they look the code up (typed loosely)
    typed = voucher.code.lower().replace("-", " ")
    step2 = client.post(REDEEM, {"step": "lookup", "code": typed})
    # then step 2 shows the voucher, its balance and the plan, no warning
    html = _html(step2)
    assert step2.status_code == 200
    assert voucher.number in html
    assert "€\u00a0450" in html
    assert initiative.title in html
    assert "connected to the initiator" not in html
    assert (
        step2["Cache-Control"].startswith("no-store")
        or "no-store" in step2["Cache-Control"]
    )
    # when they confirm an amount
    done = client.post(
        REDEEM,
        {
            "step": "confirm",
            "code": typed,
            "amount": "25,50",
            "description": "Verf en kwasten",
            "reference": "F-2026-001",
        },
    )
    # then the money moved once, and the receipt is a GET without the code
    assert done.status_code == 302
    redemption = Redemption.objects.get()
    assert done["Location"] == reverse(
        "vouchers:provider_redemption", kwargs={"redemption_uuid": redemption.uuid}
    )
    for url in (REDEEM, done["Location"]):
        assert voucher.code not in url
        assert voucher.code.replace("-", "") not in url.upper()
    assert redemption.amount_cents == 2550
    assert redemption.channel == Channel.PORTAL
    assert redemption.provider == provider
    assert redemption.reference == "F-2026-001"
    assert balance(voucher) == 450 * EUR - 2550
    receipt = client.get(done["Location"])
    html = _html(receipt)
    assert "25,50" in html
    assert "424,50" in html
    # and the list shows it
    listing = _html(client.get(reverse("vouchers:provider_redemptions")))
    assert voucher.number in listing
    # and the dashboard shows what is owed
    home = _html(client.get(HOME))
    assert "25,50" in home


def test_the_code_form_never_uses_get(
    plan: tuple[Initiative, Voucher], shop: tuple[Provider, User]
) -> None:
    _, voucher = plan
    _, user = shop
    client = _client(user)
    html = _html(client.get(REDEEM))
    assert 'method="post"' in html
    assert 'method="get"' not in html
    # a code in the query string is ignored: step 1 again, nothing looked up
    response = client.get(REDEEM, {"code": voucher.code})
    assert voucher.number not in _html(response)
    assert 'src="/static/js/voucher-scan.js" defer' in html


def _block(voucher: Voucher, initiative: Initiative) -> None:
    voucher_block_and_replace(actor=initiative.initiator, voucher=voucher)


@pytest.mark.parametrize(
    ("case", "amount", "expected"),
    [
        ("unknown", "10", "No voucher has this code."),
        ("insufficient", "451", "less than"),
        ("blocked", "10", "blocked"),
        ("expired", "10", "expired on 14 June 2026"),
        ("other_wijk", "10", "cannot be spent at"),
    ],
)
def test_redeem_refusals_change_nothing(
    plan: tuple[Initiative, Voucher],
    shop: tuple[Provider, User],
    wijk: Neighbourhood,
    case: str,
    amount: str,
    expected: str,
) -> None:
    # given
    initiative, voucher = plan
    _, user = shop
    code = voucher.code
    if case == "unknown":
        code = "ABCD-EFGH-JKMN-PQRS"
    elif case == "blocked":
        _block(voucher, initiative)
    elif case == "expired":
        Voucher.objects.filter(pk=voucher.pk).update(valid_until=dt.date(2026, 6, 14))
    elif case == "other_wijk":
        elsewhere = NeighbourhoodFactory.create(municipality=wijk.municipality)
        _provider, user = approved_provider(
            elsewhere, name="Elders", kvk_number="87654321"
        )
    voucher.refresh_from_db()
    before = _state(voucher)
    status_before = voucher.status
    client = _client(user)
    # when the lookup and the confirmation are tried
    lookup = client.post(REDEEM, {"step": "lookup", "code": code})
    confirm = client.post(
        REDEEM,
        {
            "step": "confirm",
            "code": code,
            "amount": amount,
            "description": "Hout",
            "reference": "R-1",
        },
    )
    # then both answer with the refusal, keep what was typed, and change nothing
    assert lookup.status_code == 200
    assert confirm.status_code == 200
    assert expected in _html(confirm)
    if case != "insufficient":
        assert expected in _html(lookup)
        assert f'value="{code}"' in _html(lookup)
    else:
        html = _html(confirm)
        assert 'value="451"' in html
        assert 'value="Hout"' in html
        assert 'value="R-1"' in html
    assert _state(voucher) == before
    voucher.refresh_from_db()
    assert voucher.status == status_before


def test_connection_warning_when_the_provider_user_is_the_initiator(
    plan: tuple[Initiative, Voucher], shop: tuple[Provider, User]
) -> None:
    # given the initiator also works for the shop
    initiative, voucher = plan
    provider, _ = shop
    ProviderMembership.objects.create(
        provider=provider, user=initiative.initiator, valid_from=dt.date(2026, 1, 1)
    )
    client = _client(initiative.initiator)
    # when they look up their own voucher
    response = client.post(REDEEM, {"step": "lookup", "code": voucher.code})
    # then the page warns, and the redemption is allowed but flagged
    assert "Note: your business is connected to the initiator." in _html(response)
    client.post(
        REDEEM,
        {"step": "confirm", "code": voucher.code, "amount": "5", "description": "Lijm"},
    )
    assert Redemption.objects.get().connected is True


def test_invalid_amount_keeps_the_typed_values(
    plan: tuple[Initiative, Voucher], shop: tuple[Provider, User]
) -> None:
    _, voucher = plan
    _, user = shop
    before = _state(voucher)
    response = _client(user).post(
        REDEEM,
        {
            "step": "confirm",
            "code": voucher.code,
            "amount": "12,505",
            "description": "Zaag",
        },
    )
    html = _html(response)
    assert response.status_code == 200
    assert 'value="12,505"' in html
    assert 'value="Zaag"' in html
    assert voucher.number in html
    assert _state(voucher) == before


def test_code_lookups_are_rate_limited(shop: tuple[Provider, User]) -> None:
    _, user = shop
    client = _client(user)
    statuses = [
        client.post(
            REDEEM, {"step": "lookup", "code": "ABCD-EFGH-JKMN-PQRS"}
        ).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_refund_flow(
    plan: tuple[Initiative, Voucher], shop: tuple[Provider, User]
) -> None:
    # given a redemption of € 100
    _, voucher = plan
    provider, user = shop
    redemption = redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=100 * EUR,
        description="Verf",
        channel=Channel.PORTAL,
    )
    client = _client(user)
    url = reverse(
        "vouchers:provider_refund", kwargs={"redemption_uuid": redemption.uuid}
    )
    detail = reverse(
        "vouchers:provider_redemption", kwargs={"redemption_uuid": redemption.uuid}
    )
    assert "Give money back" in _html(client.get(detail))
    # when € 30 goes back
    response = client.post(url, {"amount": "30", "reason": "Retour"})
    # then
    assert response.status_code == 302
    assert response["Location"] == detail
    refund = Refund.objects.get()
    assert refund.amount_cents == 30 * EUR
    assert refund.channel == Channel.PORTAL
    assert balance(voucher) == 380 * EUR
    redemption.refresh_from_db()
    assert redemption.refunded_cents == 30 * EUR
    # and more than is left is refused without changes, the typed text kept
    before = _state(voucher)
    refused = client.post(url, {"amount": "70,01", "reason": "Te veel"})
    assert refused.status_code == 200
    assert "At most" in _html(refused)
    assert 'value="70,01"' in _html(refused)
    assert _state(voucher) == before


def test_another_providers_redemption_is_not_found(
    plan: tuple[Initiative, Voucher], shop: tuple[Provider, User], wijk: Neighbourhood
) -> None:
    _, voucher = plan
    provider, user = shop
    redemption = redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=10 * EUR,
        description="Verf",
        channel=Channel.PORTAL,
    )
    _, other_user = approved_provider(wijk, name="Ander", kvk_number="11223344")
    client = _client(other_user)
    kwargs = {"redemption_uuid": redemption.uuid}
    before = _state(voucher)
    assert (
        client.get(reverse("vouchers:provider_redemption", kwargs=kwargs)).status_code
        == 404
    )
    refund = client.post(
        reverse("vouchers:provider_refund", kwargs=kwargs), {"amount": "5"}
    )
    assert refund.status_code == 404
    assert _state(voucher) == before


def test_without_membership_the_home_page_explains_registration() -> None:
    client = HttpsClient()
    client.cookies["django_language"] = "en"
    sign_in(client, UserFactory.create())
    response = client.get(HOME)
    assert response.status_code == 200
    assert reverse("providers:provider_register") in _html(response)
    # the other portal pages refuse
    assert client.get(REDEEM).status_code == 403
    assert client.get(TOKENS).status_code == 403


def test_a_member_must_pass_the_second_factor(shop: tuple[Provider, User]) -> None:
    _, user = shop
    client = HttpsClient()
    sign_in(client, user)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify")) or (
        response["Location"].startswith("/inloggen/")
    )


def test_choosing_between_two_providers(
    wijk: Neighbourhood, shop: tuple[Provider, User]
) -> None:
    _provider, user = shop
    second, _ = approved_provider(wijk, name="Tweede Zaak", kvk_number="99887766")
    ProviderMembership.objects.create(
        provider=second, user=user, valid_from=dt.date(2026, 1, 1)
    )
    client = _client(user)
    html = _html(client.get(HOME))
    assert f"?aanbieder={second.uuid}" in html
    response = client.get(HOME, {"aanbieder": str(second.uuid)})
    assert response.status_code == 302
    html = _html(client.get(HOME))
    assert "<h1>Tweede Zaak</h1>" in html
    # an unknown provider is not chosen
    client.get(HOME, {"aanbieder": str(uuid.uuid4())})
    assert "<h1>Tweede Zaak</h1>" in _html(client.get(HOME))
