"""The official's plan file shows the plan's vouchers, balances and movements."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

import pytest

from wijkvoucher.decisions.tests.helpers import contact_of
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


def test_the_plan_file_lists_vouchers_balances_and_spending(
    wijk: Neighbourhood,
) -> None:
    # given: two vouchers, €120,50 spent at a provider
    initiative, vouchers = plan_with_vouchers(
        wijk, 450 * EUR, amounts_cents=[250 * EUR, 200 * EUR]
    )
    provider, user = approved_provider(wijk, name="Bouwmarkt De Dijk")
    redemption_create(
        actor=user,
        provider=provider,
        code=vouchers[0].code,
        amount_cents=12_050,
        description="Verf en kwasten",
        channel=Channel.PORTAL,
    )
    client = HttpsClient()
    sign_in_verified(client, contact_of(initiative))
    # when
    html = client.get(
        reverse("initiatives:official_plan", args=[initiative.uuid]),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    # then: numbers, balances, the movement; never the secret codes
    assert vouchers[0].number in html
    assert vouchers[1].number in html
    assert "129,50" in html  # € 250 − € 120,50 left on the first voucher
    assert "Verf en kwasten" in html
    assert "Bouwmarkt De Dijk" in html
    assert vouchers[0].code not in html
    assert vouchers[1].code not in html
    # disputing is the initiator's step: no dispute link for the official
    assert "betwisten" not in html
