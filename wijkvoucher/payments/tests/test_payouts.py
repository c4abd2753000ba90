"""Payout batches: prepare (what is owed, disputes held back), four eyes, mark paid
(one ledger transaction), refusals that change nothing, and the pages."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="return-value"
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.services import ledger_transaction_post
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import MunicipalityFactory
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    official,
    on_day,
    sign_in_verified,
)
from wijkvoucher.payments.constants import (
    ClaimKind,
    ClaimStatus,
    DisputeStatus,
    PayeeKind,
    PayoutStatus,
)
from wijkvoucher.payments.models import Claim, Dispute, PayoutBatch
from wijkvoucher.payments.selectors.payouts import payouts_owed
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_cancel,
    payout_batch_mark_paid,
    payout_batch_prepare,
)
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.services.memberships import provider_membership_add
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.services.accounts import (
    initiator_payable_account,
    payout_clearing_account,
    payout_committed_account,
)
from wijkvoucher.vouchers.services.redemption import redemption_create, refund_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db

NEXT_DAY = dt.date(2026, 6, 16)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    municipality = wijk.municipality
    municipality.payout_account_name = "Gemeente Wijkstad"
    municipality.payout_iban = "NL91ABNA0417164300"
    municipality.save()
    return wijk


@dataclass
class Owed:
    municipality: Municipality
    initiative: Initiative
    voucher: Voucher
    shop: Provider
    shop_user: User
    printer: Provider
    disputed: Redemption
    claim: Claim
    preparer: User
    approver: User


def cash_manager(municipality: Municipality, name: str) -> User:
    return official(municipality=municipality, role=Role.CASH_MANAGER, full_name=name)


def initiator_payable(initiative: Initiative, voucher: Voucher, cents: int) -> Claim:
    """An approved advance: money from the voucher to the initiator's payable."""
    coordinator = official(
        municipality=initiative.neighbourhood.municipality, role=Role.COORDINATOR
    )
    posted = ledger_transaction_post(
        actor=coordinator,
        kind=TransactionKind.CLAIM_APPROVE,
        entries=[
            (voucher.account, -cents),
            (initiator_payable_account(actor=None, initiative=initiative), cents),
        ],
        memo="claim",
    )
    return Claim.objects.create(
        initiative=initiative,
        kind=ClaimKind.ADVANCE,
        amount_cents=cents,
        description="Voorschot buurtfeest",
        payee_name="J. Initiatief",
        iban="NL20INGB0001234567",
        status=ClaimStatus.APPROVED,
        submitted_by=initiative.initiator,
        decided_by=coordinator,
        transaction=posted,
    )


def owed_setup(wijk: Neighbourhood) -> Owed:
    """Shop: € 60 + € 20 disputed; printer: € 33,45; initiator: € 30. A batch pays
    € 123,45."""
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    voucher = vouchers[0]
    shop, shop_user = approved_provider(wijk, "Bouwmarkt De Dijk")
    printer, printer_user = approved_provider(
        wijk, "Drukkerij Punt", iban="NL20INGB0001234567", kvk_number="87654321"
    )

    def spend(provider: Provider, user: User, cents: int) -> Redemption:
        return redemption_create(
            actor=user,
            provider=provider,
            code=voucher.code,
            amount_cents=cents,
            description="Inkoop",
            channel=Channel.PORTAL,
        )

    spend(shop, shop_user, 60 * EUR)
    disputed = spend(shop, shop_user, 20 * EUR)
    Dispute.objects.create(
        redemption=disputed, raised_by=initiative.initiator, reason="Niet geleverd"
    )
    spend(printer, printer_user, 3345)
    claim = initiator_payable(initiative, voucher, 30 * EUR)
    municipality = wijk.municipality
    return Owed(
        municipality=municipality,
        initiative=initiative,
        voucher=voucher,
        shop=shop,
        shop_user=shop_user,
        printer=printer,
        disputed=disputed,
        claim=claim,
        preparer=cash_manager(municipality, "Kas Een"),
        approver=cash_manager(municipality, "Kas Twee"),
    )


def elsewhere_municipality() -> Municipality:
    return MunicipalityFactory(name="Gemeente Elders", slug="elders")


def balance(account_id: int | None) -> int:
    assert account_id is not None
    return int(
        Account.objects.values_list("balance_cents", flat=True).get(pk=account_id)
    )


def test_prepare_collects_payables_and_holds_back_disputes(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    lines = {(line.payee_kind, line.name): line for line in batch.lines.order_by("pk")}
    assert {k: v.amount_cents for k, v in lines.items()} == {
        (PayeeKind.PROVIDER, "Bouwmarkt De Dijk"): 60 * EUR,
        (PayeeKind.PROVIDER, "Drukkerij Punt"): 3345,
        (PayeeKind.INITIATOR, "J. Initiatief"): 30 * EUR,
    }
    assert batch.total_cents == 12345
    assert batch.status == PayoutStatus.PREPARED
    assert batch.reference.startswith(
        f"WV-{o.municipality.slug.upper()[:10]}-20260615-"
    )
    assert len(batch.reference) <= 35
    shop_line = lines[(PayeeKind.PROVIDER, "Bouwmarkt De Dijk")]
    assert shop_line.iban == "NL91ABNA0417164300"
    assert shop_line.account_id == o.shop.payable_account_id
    assert shop_line.remittance.startswith(
        f"Wijkvoucher {batch.reference} verzilvering "
    )
    initiator_line = lines[(PayeeKind.INITIATOR, "J. Initiatief")]
    assert initiator_line.iban == "NL20INGB0001234567"
    assert initiator_line.initiative_id == o.initiative.pk
    # Preparing moves no money.
    assert balance(o.shop.payable_account_id) == 80 * EUR


def test_dispute_resolved_is_no_longer_held_back(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    Dispute.objects.filter(redemption=o.disputed).update(status=DisputeStatus.REJECTED)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    assert batch.lines.get(provider=o.shop).amount_cents == 80 * EUR


def test_provider_without_valid_iban_is_left_out(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    Provider.objects.filter(pk=o.printer.pk).update(iban="NL00FOUT0000000000")
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    assert not batch.lines.filter(provider=o.printer).exists()
    assert batch.total_cents == 90 * EUR


def test_nothing_to_pay(wijk: Neighbourhood) -> None:
    preparer = cash_manager(wijk.municipality, "Kas")
    with pytest.raises(ValidationError) as caught:
        payout_batch_prepare(
            actor=preparer, municipality=wijk.municipality, execution_date=NEXT_DAY
        )
    assert caught.value.code == "nothing_to_pay"
    assert PayoutBatch.objects.count() == 0


def test_debtor_missing(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    Municipality.objects.filter(pk=o.municipality.pk).update(payout_iban="")
    with pytest.raises(ValidationError) as caught:
        payout_batch_prepare(
            actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
        )
    assert caught.value.code == "debtor_missing"
    assert PayoutBatch.objects.count() == 0


def test_only_a_cash_manager_prepares(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    coordinator = official(municipality=o.municipality, role=Role.COORDINATOR)
    with pytest.raises(ValidationError) as caught:
        payout_batch_prepare(
            actor=coordinator, municipality=o.municipality, execution_date=NEXT_DAY
        )
    assert caught.value.code == "not_allowed"
    assert PayoutBatch.objects.count() == 0


def test_second_open_batch_refused(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    first = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    with pytest.raises(ValidationError) as caught:
        payout_batch_prepare(
            actor=o.approver, municipality=o.municipality, execution_date=NEXT_DAY
        )
    assert caught.value.code == "open_batch_exists"
    assert list(PayoutBatch.objects.all()) == [first]
    # The database backs it up.
    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutBatch.objects.create(
            municipality=o.municipality,
            reference="WV-TEST-2",
            total_cents=1,
            execution_date=NEXT_DAY,
            prepared_by=o.preparer,
        )
    # After cancelling, a new batch can be prepared with the same amounts.
    payout_batch_cancel(actor=o.approver, batch=first)
    second = payout_batch_prepare(
        actor=o.approver, municipality=o.municipality, execution_date=NEXT_DAY
    )
    assert second.total_cents == 12345
    assert second.reference != first.reference


def test_preparer_cannot_approve(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    with pytest.raises(ValidationError) as caught:
        payout_batch_approve(actor=o.preparer, batch=batch)
    assert caught.value.code == "four_eyes"
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.PREPARED
    assert batch.approved_by is None
    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutBatch.objects.filter(pk=batch.pk).update(approved_by=o.preparer)
    approved = payout_batch_approve(actor=o.approver, batch=batch)
    assert approved.status == PayoutStatus.APPROVED
    assert approved.approved_by == o.approver


def test_mark_paid_posts_one_transaction(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    with pytest.raises(ValidationError) as caught:
        payout_batch_mark_paid(actor=o.approver, batch=batch)
    assert caught.value.code == "invalid_status"
    before = LedgerTransaction.objects.count()
    approved = payout_batch_approve(actor=o.approver, batch=batch)
    # The approval commits the lines: three payables into the committed account.
    assert LedgerTransaction.objects.count() == before + 1
    assert approved.commit_transaction is not None
    assert approved.commit_transaction.kind == TransactionKind.PAYOUT_COMMIT
    assert approved.commit_transaction.entries.count() == 4
    assert balance(o.shop.payable_account_id) == 20 * EUR
    paid = payout_batch_mark_paid(actor=o.preparer, batch=batch)
    assert LedgerTransaction.objects.count() == before + 2
    assert paid.status == PayoutStatus.PAID
    assert paid.transaction is not None
    assert paid.transaction.kind == TransactionKind.PAYOUT
    assert paid.transaction.entries.count() == 2
    committed = payout_committed_account(actor=None, municipality=o.municipality)
    assert balance(committed.pk) == 0
    # The disputed € 20 stays owed to the shop; the rest is paid.
    assert balance(o.shop.payable_account_id) == 20 * EUR
    assert balance(o.printer.payable_account_id) == 0
    initiator = initiator_payable_account(actor=None, initiative=o.initiative)
    assert balance(initiator.pk) == 0
    clearing = payout_clearing_account(actor=None, municipality=o.municipality)
    assert balance(clearing.pk) == 12345
    o.claim.refresh_from_db()
    assert o.claim.status == ClaimStatus.PAID
    assert ledger_problems() == []
    # The shop hears about it.
    assert o.shop_user.notifications.filter(kind="vouchers.payout_paid").exists()


def test_refund_before_approval_refuses_approval(wijk: Neighbourhood) -> None:
    # given a prepared batch with the shop's whole € 80 (no dispute)
    o = owed_setup(wijk)
    Dispute.objects.filter(redemption=o.disputed).update(status=DisputeStatus.REJECTED)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    # when the shop refunds € 5 before the approval
    refund_create(
        actor=o.shop_user,
        provider=o.shop,
        redemption=o.disputed,
        amount_cents=5 * EUR,
        channel=Channel.PORTAL,
    )
    before = LedgerTransaction.objects.count()
    with pytest.raises(ValidationError) as caught:
        payout_batch_approve(actor=o.approver, batch=batch)
    # then nothing is committed (nothing can have left): cancel and prepare again
    assert caught.value.code == "payable_changed"
    assert LedgerTransaction.objects.count() == before
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.PREPARED
    assert batch.commit_transaction is None
    assert balance(o.shop.payable_account_id) == 75 * EUR
    assert not Redemption.objects.filter(payout_committed=True).exists()
    assert ledger_problems() == []


def test_cancel(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    before = LedgerTransaction.objects.count()
    cancelled = payout_batch_cancel(actor=o.preparer, batch=batch)
    assert cancelled.status == PayoutStatus.CANCELLED
    assert cancelled.cancelled_by == o.preparer
    assert LedgerTransaction.objects.count() == before
    with pytest.raises(ValidationError) as caught:
        payout_batch_cancel(actor=o.preparer, batch=batch)
    assert caught.value.code == "invalid_status"


def test_other_municipality_cannot_touch_the_batch(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    elsewhere = cash_manager(elsewhere_municipality(), "Kas Elders")
    with pytest.raises(ValidationError) as caught:
        payout_batch_approve(actor=elsewhere, batch=batch)
    assert caught.value.code == "not_allowed"
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.PREPARED


# --- Pages -----------------------------------------------------------------------------


def client_for(user: User) -> HttpsClient:
    client = HttpsClient()
    sign_in_verified(client, user)
    return client


def test_page_flow(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    preparer = client_for(o.preparer)
    overview = preparer.get(reverse("payments:cash_payouts"))
    assert overview.status_code == 200
    text = overview.content.decode()
    assert "Drukkerij Punt" in text
    # The disputed € 20 is shown as held back.
    assert f"(voucher {o.voucher.number})" in text or (
        f"(waardebon {o.voucher.number})" in text
    )
    assert 'value="2026-06-16"' in overview.content.decode()
    # A date in the past is refused at its field; nothing is made.
    refused = preparer.post(
        reverse("payments:cash_payout_prepare"), {"execution_date": "2026-06-01"}
    )
    assert refused.status_code == 200
    assert PayoutBatch.objects.count() == 0
    assert 'value="2026-06-01"' in refused.content.decode()
    # A coordinator cannot prepare: back to the overview with the reason.
    coordinator = client_for(
        official(municipality=o.municipality, role=Role.COORDINATOR)
    )
    not_allowed = coordinator.post(
        reverse("payments:cash_payout_prepare"), {"execution_date": "2026-06-16"}
    )
    assert not_allowed.status_code == 302
    assert PayoutBatch.objects.count() == 0
    response = preparer.post(
        reverse("payments:cash_payout_prepare"), {"execution_date": "2026-06-16"}
    )
    batch = PayoutBatch.objects.get()
    detail_url = reverse("payments:cash_payout", kwargs={"batch_uuid": batch.uuid})
    assert response.status_code == 302
    assert response["Location"] == detail_url
    page = preparer.get(detail_url).content.decode()
    assert reverse("payments:cash_payout_approve", args=[batch.uuid]) not in page
    # No bank file before approval.
    sepa_url = reverse("payments:cash_payout_sepa", kwargs={"batch_uuid": batch.uuid})
    csv_url = reverse("payments:cash_payout_csv", kwargs={"batch_uuid": batch.uuid})
    assert preparer.get(sepa_url).status_code == 302
    assert preparer.get(csv_url).status_code == 302
    # The preparer's own approval is refused.
    preparer.post(reverse("payments:cash_payout_approve", args=[batch.uuid]))
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.PREPARED
    approver = client_for(o.approver)
    assert reverse("payments:cash_payout_approve", args=[batch.uuid]) in (
        approver.get(detail_url).content.decode()
    )
    approver.post(reverse("payments:cash_payout_approve", args=[batch.uuid]))
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.APPROVED
    sepa = preparer.get(sepa_url)
    assert sepa.status_code == 200
    assert (
        sepa["Content-Disposition"] == f'attachment; filename="{batch.reference}.xml"'
    )
    assert sepa["Cache-Control"] == "no-store"
    assert b"<NbOfTxs>3</NbOfTxs>" in sepa.content
    exported = preparer.get(csv_url)
    assert exported["Content-Disposition"] == (
        f'attachment; filename="{batch.reference}.csv"'
    )
    assert "60,00" in exported.content.decode()
    # Marking paid needs the confirmation.
    paid_url = reverse("payments:cash_payout_paid", args=[batch.uuid])
    unconfirmed = preparer.post(paid_url, {})
    assert unconfirmed.status_code == 200
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.APPROVED
    done = preparer.post(paid_url, {"confirm": "on"})
    assert done.status_code == 302
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.PAID
    assert balance(o.printer.payable_account_id) == 0
    assert ledger_problems() == []


def test_pages_refuse_others(wijk: Neighbourhood) -> None:
    o = owed_setup(wijk)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    detail_url = reverse("payments:cash_payout", kwargs={"batch_uuid": batch.uuid})
    elsewhere = client_for(cash_manager(elsewhere_municipality(), "Elders"))
    assert elsewhere.get(detail_url).status_code == 404
    assert (
        elsewhere.post(
            reverse("payments:cash_payout_cancel", args=[batch.uuid])
        ).status_code
        == 404
    )
    contact = client_for(official(neighbourhood=wijk))
    assert contact.get(reverse("payments:cash_payouts")).status_code == 403
    batch.refresh_from_db()
    assert batch.status == PayoutStatus.PREPARED


def test_redemptions_at_a_connected_provider_are_listed_to_check_first(
    wijk: Neighbourhood,
) -> None:
    # given: the initiator also acts for a provider and spends there
    initiative, (voucher,) = plan_with_vouchers(wijk, 450 * EUR)
    own_shop, _user = approved_provider(wijk, "Winkel van de initiatiefnemer")
    provider_membership_add(
        actor=cash_manager(wijk.municipality, "Kas"),
        provider=own_shop,
        user=initiative.initiator,
        valid_from=dt.date(2026, 1, 1),
    )
    flagged = redemption_create(
        actor=initiative.initiator,
        provider=own_shop,
        code=voucher.code,
        amount_cents=40 * EUR,
        description="Eigen inkoop",
        channel=Channel.PORTAL,
    )
    # when
    owed = payouts_owed(municipality=wijk.municipality)
    # then: flagged at redemption, listed for the cash manager, still payable
    assert flagged.connected is True
    assert [r.pk for r in owed.connected] == [flagged.pk]
    assert [line.amount_cents for line in owed.lines] == [40 * EUR]
