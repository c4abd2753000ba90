"""The initiators' voucher pages: overview, detail with code and QR code, blocking and
replacing, sharing with co-initiators, and who may see what."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.models import CoInitiator, Initiative
from wijkvoucher.initiatives.selectors.participation import token_hash
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day
from wijkvoucher.vouchers.constants import Channel, VoucherStatus
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    awarded_plan,
    balance,
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


def co_initiator(initiative: Initiative) -> User:
    user = UserFactory.create(full_name="Mede Initiatiefnemer")
    CoInitiator.objects.create(
        initiative=initiative,
        email=str(user.email),
        user=user,
        invited_by=initiative.initiator,
        token_hash=token_hash(secrets.token_urlsafe(16)),
        expires_at=timezone.now() + dt.timedelta(days=14),
        accepted_at=timezone.now(),
    )
    return user


def client_for(user: User) -> Client:
    client = HttpsClient()
    client.force_login(user)
    return client


def vouchers_url(initiative: Initiative) -> str:
    return reverse("payments:initiative_vouchers", args=[initiative.uuid])


def detail_url(voucher: Voucher) -> str:
    return reverse(
        "payments:voucher_detail", args=[voucher.initiative.uuid, voucher.uuid]
    )


def test_overview_shows_vouchers_totals_and_movements(wijk: Neighbourhood) -> None:
    initiative, vouchers = plan_with_vouchers(
        wijk, 450 * EUR, amounts_cents=[250 * EUR, 200 * EUR]
    )
    provider, cashier = approved_provider(wijk)
    redemption_create(
        actor=cashier,
        provider=provider,
        code=vouchers[0].code,
        amount_cents=40 * EUR,
        description="Verf en kwasten",
        reference="F-2026-17",
        channel=Channel.PORTAL,
    )
    response = client_for(initiative.initiator).get(vouchers_url(initiative))
    assert response.status_code == 200
    html = response.content.decode()
    for voucher in vouchers:
        assert voucher.number in html
        assert detail_url(voucher) in html
        # The code itself is shown only on the detail page.
        assert voucher.code not in html
    assert "Bouwmarkt De Dijk" in html
    assert "Verf en kwasten" in html
    assert "F-2026-17" in html
    assert "€\u00a0410" in html  # left
    assert "€\u00a040" in html  # spent
    redemption = vouchers[0].redemptions.get()
    assert (
        reverse("payments:redemption_dispute", args=[initiative.uuid, redemption.uuid])
        in html
    )
    assert reverse("payments:claim_create", args=[initiative.uuid]) in html


def test_detail_shows_code_qr_and_providers(wijk: Neighbourhood) -> None:
    initiative, (voucher,) = plan_with_vouchers(wijk)
    approved_provider(wijk, name="Tuincentrum Groen")
    response = client_for(initiative.initiator).get(detail_url(voucher))
    assert response.status_code == 200
    html = response.content.decode()
    assert voucher.code in html
    assert "<svg" in html
    assert 'class="voucher-qr"' in html
    assert "Tuincentrum Groen" in html
    assert reverse("vouchers:voucher_pdf", args=[initiative.uuid, voucher.uuid]) in html
    assert response["Cache-Control"] == "private, no-store"


def test_someone_else_gets_404(wijk: Neighbourhood) -> None:
    initiative, (voucher,) = plan_with_vouchers(wijk)
    stranger = client_for(UserFactory.create())
    assert stranger.get(vouchers_url(initiative)).status_code == 404
    assert stranger.get(detail_url(voucher)).status_code == 404
    pdf = reverse("vouchers:voucher_pdf", args=[initiative.uuid, voucher.uuid])
    assert stranger.get(pdf).status_code == 404


def test_co_initiator_sees_only_shared_vouchers(wijk: Neighbourhood) -> None:
    initiative, (voucher,) = plan_with_vouchers(wijk)
    partner = co_initiator(initiative)
    client = client_for(partner)
    html = client.get(vouchers_url(initiative)).content.decode()
    assert voucher.number not in html
    assert client.get(detail_url(voucher)).status_code == 404
    pdf = reverse("vouchers:voucher_pdf", args=[initiative.uuid, voucher.uuid])
    assert client.get(pdf).status_code == 404
    # The co-initiator cannot share it themselves.
    share = reverse("vouchers:voucher_share", args=[initiative.uuid, voucher.uuid])
    assert client.post(share, {"shared": "1"}).status_code == 404
    assert not Voucher.objects.get(pk=voucher.pk).shared_with_coinitiators

    owner = client_for(initiative.initiator)
    assert owner.post(share, {"shared": "1"}).status_code == 302
    assert Voucher.objects.get(pk=voucher.pk).shared_with_coinitiators
    assert voucher.number in client.get(vouchers_url(initiative)).content.decode()
    detail = client.get(detail_url(voucher))
    assert detail.status_code == 200
    assert voucher.code in detail.content.decode()
    # ...but only the initiator blocks or shares.
    block = reverse("vouchers:voucher_block", args=[initiative.uuid, voucher.uuid])
    assert client.get(block).status_code == 404

    owner.post(share, {"shared": "0"})
    assert not Voucher.objects.get(pk=voucher.pk).shared_with_coinitiators
    assert client.get(detail_url(voucher)).status_code == 404


def test_block_and_replace_shows_the_new_voucher(wijk: Neighbourhood) -> None:
    initiative, (voucher,) = plan_with_vouchers(wijk)
    provider, cashier = approved_provider(wijk)
    redemption_create(
        actor=cashier,
        provider=provider,
        code=voucher.code,
        amount_cents=100 * EUR,
        description="Hout",
        channel=Channel.PORTAL,
    )
    client = client_for(initiative.initiator)
    url = reverse("vouchers:voucher_block", args=[initiative.uuid, voucher.uuid])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "€\u00a0350" in confirm.content.decode()
    response = client.post(url, {"reason": "Kwijtgeraakt"}, follow=True)
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.BLOCKED
    assert voucher.close_reason == "Kwijtgeraakt"
    new = Voucher.objects.get(replaces=voucher)
    assert balance(new) == 350 * EUR
    assert response.redirect_chain[-1][0] == detail_url(new)
    html = response.content.decode()
    assert new.code in html
    assert voucher.code not in html
    # Blocking again is refused and changes nothing.
    before = LedgerTransaction.objects.count()
    again = client.post(url, {"reason": "nog eens"})
    assert again.status_code == 302
    assert LedgerTransaction.objects.count() == before
    assert Voucher.objects.filter(initiative=initiative).count() == 2
    # The blocked voucher's page shows no code any more.
    old_page = client.get(detail_url(voucher)).content.decode()
    assert voucher.code not in old_page


def test_plan_page_links_to_vouchers(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk)
    response = client_for(initiative.initiator).get(
        reverse("initiatives:plan_detail", args=[initiative.uuid])
    )
    assert response.status_code == 200
    assert vouchers_url(initiative) in response.content.decode()


def test_plan_page_leads_to_the_vouchers_once_there_are_some(
    wijk: Neighbourhood,
) -> None:
    """The vouchers panel that this app adds to initiatives' plan page
    (payments/panels.py, composed in work/plan_pages.py)."""
    awarded = awarded_plan(wijk, 100 * EUR)
    initiative, _vouchers = plan_with_vouchers(wijk)
    for plan, shown in ((awarded, False), (initiative, True)):
        page = reverse("initiatives:plan_detail", args=[plan.uuid])
        html = client_for(plan.initiator).get(page).content.decode()
        assert ('id="money-heading"' in html) is shown
        assert (vouchers_url(plan) in html) is shown
