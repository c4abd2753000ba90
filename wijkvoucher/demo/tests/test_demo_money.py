"""The demo's money story (issue #4): vouchers, purchases at two providers (portal
and API) with a refund, a reimbursement waiting for approval, an approved payout
batch, and the API key and voucher codes that ``demo_credentials`` hands out."""

from __future__ import annotations

import json
import uuid
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

import pytest
from schwifty import IBAN

from wijkvoucher.core.models import SecurityEvent
from wijkvoucher.demo import content as c
from wijkvoucher.demo.selectors import demo_voucher_codes
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.ledger.models import Account
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Municipality, RoleAssignment
from wijkvoucher.neighbourhoods.selectors.roles import coordinators_active
from wijkvoucher.notifications.models import Notification
from wijkvoucher.payments.constants import ClaimKind, ClaimStatus, PayoutStatus
from wijkvoucher.payments.models import Claim, PayoutBatch
from wijkvoucher.payments.sepa import sepa_pain001
from wijkvoucher.payments.services.payouts import payout_batch_mark_paid
from wijkvoucher.providers.models import Provider, ProviderApiToken
from wijkvoucher.providers.services.tokens import api_token_provider
from wijkvoucher.vouchers.constants import SPENDABLE, Channel
from wijkvoucher.vouchers.models import Redemption, Voucher

pytestmark = pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")


def _credentials() -> dict[str, Any]:
    out = StringIO()
    call_command("demo_credentials", stdout=out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_three_plans_got_vouchers_and_at_least_five_have_ten_euros_left() -> None:
    # given: the demo data is loaded

    # when
    codes = demo_voucher_codes()
    vouchers = Voucher.objects.filter(code__in=codes).select_related("account")

    # then
    assert len(codes) >= 5
    assert len(vouchers) == len(codes)
    today = timezone.localdate()
    for voucher in vouchers:
        assert voucher.status in SPENDABLE
        assert voucher.valid_until >= today
        assert voucher.account.balance_cents >= 1_000
    plans = {v.initiative for v in Voucher.objects.select_related("initiative")}
    assert len(plans) >= 3
    # the havendag is settled (content_accountability.py): its vouchers are voided
    assert {plan.status for plan in plans} == {
        InitiativeStatus.IN_EXECUTION,
        InitiativeStatus.SETTLED,
    }
    assert not (
        Voucher.objects.filter(initiative__status=InitiativeStatus.IN_EXECUTION)
        .exclude(status__in=sorted(SPENDABLE))
        .exists()
    )


def test_vouchers_were_spent_at_two_providers_by_portal_and_api_one_refunded() -> None:
    # given: the demo data is loaded

    # when
    redemptions = list(
        Redemption.objects.select_related("provider", "voucher").order_by("created_at")
    )

    # then
    assert {(r.provider.name, r.channel) for r in redemptions} == {
        ("Bouwmarkt Van Dam", Channel.PORTAL),
        ("Drukkerij De Letterbak", Channel.API),
        ("Tuincentrum De Hovenier", Channel.PORTAL),
    }
    # three days of the year's history, three in the last weeks
    assert len({r.created_at.date() for r in redemptions}) == 6
    refunded = [r for r in redemptions if r.refunded_cents]
    assert len(refunded) == 1
    assert 0 < refunded[0].refunded_cents < refunded[0].amount_cents
    assert refunded[0].refunds.get().amount_cents == refunded[0].refunded_cents
    for redemption in redemptions:
        settled = redemption.voucher.initiative.status == InitiativeStatus.SETTLED
        assert redemption.voucher.status == ("voided" if settled else "partly_redeemed")


def test_a_reimbursement_with_its_receipt_waits_for_approval() -> None:
    # given: the demo data is loaded

    # when
    claim = Claim.objects.get()

    # then
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.kind == ClaimKind.REIMBURSEMENT
    assert claim.initiative.initiator.email == "naima.bakkali@example.nl"
    assert claim.budget_line is not None
    receipt = claim.receipts.get()
    assert receipt.content_type == "image/jpeg"
    assert receipt.size_bytes > 0
    IBAN(claim.iban)


def test_a_payout_batch_prepared_and_approved_by_two_cash_managers_waits() -> None:
    # given
    municipality = Municipality.objects.get(slug="dijkstad")
    cash_managers = RoleAssignment.objects.filter(
        role=Role.CASH_MANAGER, municipality=municipality
    ).values_list("user__email", flat=True)

    # when: the open batch (the year's history was paid out in an earlier one)
    batch = PayoutBatch.objects.get(status=PayoutStatus.APPROVED)
    earlier = PayoutBatch.objects.get(status=PayoutStatus.PAID)

    # then
    assert batch.status == PayoutStatus.APPROVED
    assert batch.prepared_by is not None
    assert batch.approved_by is not None
    assert batch.prepared_by.email == "peter.vanleeuwen@example.nl"
    assert batch.approved_by.email == "rachid.benali@example.nl"
    assert set(cash_managers) == {
        "peter.vanleeuwen@example.nl",
        "rachid.benali@example.nl",
    }
    lines = {line.name: line.amount_cents for line in batch.lines.all()}
    assert set(lines) == {"Bouwmarkt Van Dam", "Drukkerij De Letterbak"}
    assert {line.name for line in earlier.lines.all()} == {
        "Bouwmarkt Van Dam",
        "Drukkerij De Letterbak",
        "Tuincentrum De Hovenier",
    }
    assert earlier.paid_at is not None
    assert earlier.paid_at < batch.created_at
    assert batch.total_cents == sum(lines.values())
    # The approval committed the lines (docs/adr/0013): out of the payables, into
    # the municipality's committed account until the batch is marked paid.
    for provider in Provider.objects.filter(name__in=lines).select_related(
        "payable_account"
    ):
        assert provider.payable_account is not None
        assert provider.payable_account.balance_cents == 0
    committed = Account.objects.get(code=f"payout:committed:{municipality.slug}")
    assert committed.balance_cents == batch.total_cents
    iban = IBAN(municipality.payout_iban)
    assert iban.compact == "NL02ABNA0123456789"
    assert municipality.payout_account_name
    assert iban.bic is not None
    assert municipality.payout_bic == iban.bic.compact


def test_a_visitor_can_download_the_bank_file_and_mark_the_batch_paid() -> None:
    # given
    batch = PayoutBatch.objects.select_related("prepared_by").get(
        status=PayoutStatus.APPROVED
    )
    assert batch.prepared_by is not None

    # when
    xml = sepa_pain001(batch)
    paid = payout_batch_mark_paid(actor=batch.prepared_by, batch=batch)

    # then
    assert b"NL02ABNA0123456789" in xml
    assert b"NL75INGB0400026767" in xml
    assert paid.status == PayoutStatus.PAID
    out = StringIO()
    call_command("ledger_verify", stdout=out)
    assert "ledger_verify: clean" in out.getvalue()


def test_credentials_give_a_working_api_key_and_the_spendable_codes() -> None:
    # given: the demo data is loaded

    # when
    data = _credentials()
    found = api_token_provider(key=data["provider_api_token"])

    # then
    assert found is not None
    token, provider = found
    assert provider.name == "Drukkerij De Letterbak"
    assert token.key_digest != data["provider_api_token"]
    assert ProviderApiToken.objects.count() == 1
    assert data["voucher_codes"] == demo_voucher_codes()
    assert len(data["voucher_codes"]) >= 5


def test_a_revoked_demo_key_is_not_offered_any_more() -> None:
    # given
    ProviderApiToken.objects.update(revoked_at=timezone.now())

    # when
    data = _credentials()

    # then
    assert data["provider_api_token"] == ""


def test_text_shows_the_key_the_codes_and_the_money_pages() -> None:
    # given
    data = _credentials()
    out = StringIO()

    # when
    call_command("demo_credentials", "--text", stdout=out)

    # then
    text = out.getvalue()
    assert data["provider_api_token"] in text
    assert all(code in text for code in data["voucher_codes"])
    assert "/kas/uitbetalingen/" in text
    assert "/aanbieder/" in text
    assert "rachid.benali@example.nl (Rachid Benali): Second cash manager" in text
    curl = next(line for line in text.splitlines() if "curl -X POST" in line)
    assert f"Token {data['provider_api_token']}" in curl
    assert data["voucher_codes"][-1] in curl
    body = json.loads(curl.split(" -d '", 1)[1].split("'", 1)[0])
    assert body == {
        "voucher_code": data["voucher_codes"][-1],
        "amount_cents": 250,
        "description": "Koffie",
    }


def test_the_printed_api_example_spends_a_demo_voucher() -> None:
    # given
    data = _credentials()
    code = data["voucher_codes"][-1]
    voucher = Voucher.objects.select_related("account").get(code=code)
    before = voucher.account.balance_cents

    # when
    response = Client().post(
        "/api/v1/redemptions/",
        data=json.dumps(
            {"voucher_code": code, "amount_cents": 250, "description": "Koffie"}
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {data['provider_api_token']}",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        secure=True,
    )

    # then
    assert response.status_code == 201, response.content
    voucher.account.refresh_from_db()
    assert voucher.account.balance_cents == before - 250


def test_the_coordinator_sees_refused_requests_and_heard_of_the_burst() -> None:
    # given the demo
    # when the security events are counted
    reasons = dict(
        SecurityEvent.objects.values_list("reason").annotate(total=Sum("count"))
    )
    # then every refusal of the story is there, and the burst became a message
    assert reasons == {spec.reason: spec.times for spec in c.SECURITY_REFUSALS}
    coordinators = set(coordinators_active().values_list("pk", flat=True))
    told = set(
        Notification.objects.filter(kind="security.burst").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == coordinators != set()
