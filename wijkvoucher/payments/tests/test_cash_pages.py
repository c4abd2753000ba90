"""The cash manager's pages: overview, claims and disputes, through the browser."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

import pytest

from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.ledger.services import ledger_transaction_post
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import RoleAssignmentFactory
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.payments.constants import ClaimStatus, DisputeStatus
from wijkvoucher.payments.tests.test_claims_decide import (
    cash_manager,
    claim_for,
    dispute_for,
)
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.services.accounts import (
    payout_clearing_account,
    provider_payable_account,
)
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
    funded(wijk, ceiling_cents=1000 * EUR)
    return wijk


def _client(user: object) -> HttpsClient:
    client = HttpsClient()
    sign_in_verified(client, user)  # type: ignore[arg-type]
    return client


def test_home_counts_waiting_work_and_warns_when_nearly_used_up(
    wijk: Neighbourhood,
) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk, 450 * EUR)
    awarded_plan(wijk, 400 * EUR)
    claim_for(initiative, 10 * EUR)
    client = _client(cash_manager(wijk))
    response = client.get(reverse("payments:cash_home"))
    assert response.status_code == 200
    rows = response.context["rows"]
    row = next(r for r in rows if r.neighbourhood == wijk)
    assert row.claims_waiting == 1
    assert row.disputes_open == 0
    assert row.overview.nearly_used_up
    html = response.content.decode()
    assert "utrecht-alert--warning" in html
    assert reverse("payments:cash_claims") in html
    assert reverse("payments:cash_disputes") in html


def test_claim_approve_and_reject_through_the_page(wijk: Neighbourhood) -> None:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    first = claim_for(initiative, 100 * EUR)
    second = claim_for(initiative, 30 * EUR)
    client = _client(cash_manager(wijk))
    listing = client.get(reverse("payments:cash_claims"))
    assert listing.status_code == 200
    url = reverse("payments:cash_claim", kwargs={"claim_uuid": first.uuid})
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="action" value="approve"' in page.content.decode()
    response = client.post(url, {"action": "approve"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == ClaimStatus.APPROVED
    assert balance(vouchers[0]) == 350 * EUR
    # An empty reason: the form comes back with the error, nothing decided.
    url2 = reverse("payments:cash_claim", kwargs={"claim_uuid": second.uuid})
    ledger = LedgerTransaction.objects.count()
    empty = client.post(url2, {"action": "reject", "reject-reason": "  "})
    assert empty.status_code == 200
    assert empty.context["reject_form"].errors
    assert "error-summary" in empty.content.decode()
    second.refresh_from_db()
    assert second.status == ClaimStatus.SUBMITTED
    done = client.post(url2, {"action": "reject", "reject-reason": "Geen bon."})
    assert done.status_code == 302
    second.refresh_from_db()
    assert second.status == ClaimStatus.REJECTED
    assert second.rejection_reason == "Geen bon."
    assert LedgerTransaction.objects.count() == ledger


def test_own_plan_shows_no_buttons_and_refuses(wijk: Neighbourhood) -> None:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    RoleAssignmentFactory(
        user=initiative.initiator,
        role=Role.CASH_MANAGER,
        neighbourhood=None,
        municipality=wijk.municipality,
    )
    claim = claim_for(initiative, 100 * EUR)
    client = _client(initiative.initiator)
    url = reverse("payments:cash_claim", kwargs={"claim_uuid": claim.uuid})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["own_plan"]
    assert page.context["approve_form"] is None
    refused = client.post(url, {"action": "approve"})
    assert refused.status_code == 200
    assert refused.context["approve_form"].non_field_errors()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert balance(vouchers[0]) == 450 * EUR


def test_dispute_uphold_and_already_paid_out(wijk: Neighbourhood) -> None:
    _initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    provider, user = approved_provider(wijk)
    paid, kept = (
        redemption_create(
            actor=user,
            provider=provider,
            code=vouchers[0].code,
            amount_cents=cents,
            description="Hout",
            channel=Channel.PORTAL,
        )
        for cents in (100 * EUR, 50 * EUR)
    )
    manager = cash_manager(wijk)
    client = _client(manager)
    # A refund of a part: typed in euros.
    open_dispute = dispute_for(kept)
    url = reverse("payments:cash_dispute", kwargs={"dispute_uuid": open_dispute.uuid})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["uphold_form"].initial["amount"] == 50 * EUR
    response = client.post(
        url,
        {"action": "uphold", "uphold-amount": "20,50", "uphold-resolution": "Klopt."},
    )
    assert response.status_code == 302
    open_dispute.refresh_from_db()
    assert open_dispute.status == DisputeStatus.UPHELD
    assert open_dispute.refund is not None
    assert open_dispute.refund.amount_cents == 2050
    # Everything left on the payable is paid out: the refund cannot happen here.
    payable = provider_payable_account(actor=manager, provider=provider)
    payable.refresh_from_db()
    ledger_transaction_post(
        actor=manager,
        kind=TransactionKind.PAYOUT,
        entries=[
            (payable, -int(payable.balance_cents)),
            (
                payout_clearing_account(actor=manager, municipality=wijk.municipality),
                int(payable.balance_cents),
            ),
        ],
        memo="payout",
    )
    late = dispute_for(paid)
    url2 = reverse("payments:cash_dispute", kwargs={"dispute_uuid": late.uuid})
    ledger = LedgerTransaction.objects.count()
    refused = client.post(
        url2,
        {"action": "uphold", "uphold-amount": "100", "uphold-resolution": "Klopt."},
    )
    assert refused.status_code == 200
    assert refused.context["paid_out"]
    assert refused.context["uphold_form"].non_field_errors()
    assert LedgerTransaction.objects.count() == ledger
    late.refresh_from_db()
    assert late.status == DisputeStatus.OPEN
    # Too much typed: the form says so and keeps what was typed.
    too_much = client.post(
        url2,
        {"action": "uphold", "uphold-amount": "999", "uphold-resolution": "Tekst"},
    )
    assert too_much.status_code == 200
    assert too_much.context["uphold_form"].errors["amount"]
    assert "Tekst" in too_much.content.decode()
    rejected = client.post(
        url2, {"action": "reject", "reject-resolution": "De levering klopt."}
    )
    assert rejected.status_code == 302
    late.refresh_from_db()
    assert late.status == DisputeStatus.REJECTED
    assert client.get(reverse("payments:cash_disputes")).status_code == 200


def test_my_work_shows_cash_to_cash_managers_only(wijk: Neighbourhood) -> None:
    cash_url = reverse("payments:cash_home")
    work_url = reverse("work:home")
    manager_page = _client(cash_manager(wijk)).get(work_url)
    assert f'href="{cash_url}"' in manager_page.content.decode()
    resident = _client(plan_with_vouchers(wijk, 100 * EUR)[0].initiator)
    page = resident.get(reverse("notifications:inbox"))
    assert f'href="{cash_url}"' not in page.content.decode()
    assert f'href="{work_url}"' not in page.content.decode()
