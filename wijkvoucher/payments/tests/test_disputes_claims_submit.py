"""Disputing a payment (14 days) and asking for a reimbursement or an advance: the
service's rules and the pages. Refusals change nothing."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.tests.files import minimal_pdf
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.neighbourhoods.tests.helpers import official as make_official
from wijkvoucher.notifications.models import Notification
from wijkvoucher.payments.constants import ClaimKind, DisputeStatus
from wijkvoucher.payments.models import Claim, ClaimReceipt, Dispute
from wijkvoucher.payments.services.claims import claim_submit
from wijkvoucher.payments.services.disputes import dispute_open
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    awarded_plan,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db
IBAN = "NL91ABNA0417164300"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


def _pay(
    initiative: Initiative, wijk: Neighbourhood, cents: int = 40 * EUR
) -> Redemption:
    provider, cashier = approved_provider(wijk)
    voucher = initiative.vouchers.first()
    assert voucher is not None
    return redemption_create(
        actor=cashier,
        provider=provider,
        code=voucher.code,
        amount_cents=cents,
        description="Verf",
        channel=Channel.PORTAL,
    )


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (52.0, 22.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _submit(initiative: Initiative, **fields: Any) -> Claim:
    values: dict[str, Any] = {
        "actor": initiative.initiator,
        "initiative": initiative,
        "kind": ClaimKind.ADVANCE,
        "amount_cents": 100 * EUR,
        "description": "Planten",
        "payee_name": "A. Initiatiefnemer",
        "iban": IBAN,
    }
    values.update(fields)
    return claim_submit(**values)


def _state() -> tuple[int, int, int, int]:
    return (
        Claim.objects.count(),
        ClaimReceipt.objects.count(),
        Dispute.objects.count(),
        AuditEvent.objects.count(),
    )


# --- Disputes ----------------------------------------------------------------------


def test_dispute_within_14_days_and_not_after(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk)
    cash = make_official(municipality=wijk.municipality, role=Role.CASH_MANAGER)
    with on_day(TODAY, hour=10):
        redemption = _pay(initiative, wijk)
    # 13 days and 23 hours later: still in time.
    with on_day(TODAY + dt.timedelta(days=14), hour=9):
        dispute = dispute_open(
            actor=initiative.initiator, redemption=redemption, reason="Niet gekocht"
        )
    assert dispute.status == DisputeStatus.OPEN
    assert Notification.objects.filter(
        recipient=cash, kind="vouchers.dispute_opened"
    ).exists()
    assert AuditEvent.objects.filter(action="vouchers.dispute_open").count() == 1
    # A second open dispute on the same payment is refused.
    before = _state()
    with pytest.raises(ValidationError) as caught:
        dispute_open(actor=initiative.initiator, redemption=redemption, reason="Nog")
    assert caught.value.code == "dispute_open_already"
    assert _state() == before


def test_dispute_exactly_14_days_later_is_too_late(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk)
    with on_day(TODAY, hour=10):
        redemption = _pay(initiative, wijk)
    before = _state()
    with (
        on_day(TODAY + dt.timedelta(days=14), hour=10),
        pytest.raises(ValidationError) as caught,
    ):
        dispute_open(
            actor=initiative.initiator, redemption=redemption, reason="Te laat"
        )
    assert caught.value.code == "dispute_too_late"
    assert _state() == before


def test_dispute_page(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk)
    redemption = _pay(initiative, wijk)
    url = reverse(
        "payments:redemption_dispute", args=[initiative.uuid, redemption.uuid]
    )
    client = HttpsClient()
    client.force_login(initiative.initiator)
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert Dispute.objects.count() == 0
    done = client.post(url, {"reason": "Dit heb ik niet gekocht"})
    assert done.status_code == 302
    assert Dispute.objects.get().reason == "Dit heb ik niet gekocht"
    again = client.post(url, {"reason": "Nog een keer"})
    assert again.status_code == 200
    assert "Nog een keer" in again.content.decode()
    assert Dispute.objects.count() == 1
    # The overview no longer offers the dispute link.
    overview = client.get(
        reverse("payments:initiative_vouchers", args=[initiative.uuid])
    ).content.decode()
    assert url not in overview
    stranger = HttpsClient()
    stranger.force_login(UserFactory.create())
    assert stranger.get(url).status_code == 404


# --- Claims ------------------------------------------------------------------------


def test_advance_up_to_half_of_the_award(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk, 450 * EUR)
    cash = make_official(municipality=wijk.municipality, role=Role.CASH_MANAGER)
    first = _submit(initiative, amount_cents=100 * EUR)
    assert first.kind == ClaimKind.ADVANCE
    assert Notification.objects.filter(
        recipient=cash, kind="vouchers.claim_submitted"
    ).exists()
    before = _state()
    with pytest.raises(ValidationError) as caught:
        _submit(initiative, amount_cents=125 * EUR + 1)
    assert caught.value.code == "advance_exceeds_share"
    assert _state() == before
    # Exactly 50 % in all is allowed.
    _submit(initiative, amount_cents=125 * EUR)
    assert Claim.objects.filter(kind=ClaimKind.ADVANCE).count() == 2


def test_claim_refusals(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk, 450 * EUR)
    line = initiative.budget_lines.first()
    before = _state()
    cases: list[tuple[dict[str, Any], str]] = [
        (
            {
                "kind": ClaimKind.REIMBURSEMENT,
                "budget_line": line,
                "amount_cents": 450 * EUR + 1,
                "files": [SimpleUploadedFile("bon.jpg", _jpeg_with_exif())],
            },
            "claim_exceeds_balance",
        ),
        ({"kind": ClaimKind.REIMBURSEMENT, "budget_line": line}, "receipt_required"),
        ({"iban": "NL91ABNA0417164301"}, "invalid_iban"),
        (
            {
                "kind": ClaimKind.REIMBURSEMENT,
                "budget_line": line,
                "files": [SimpleUploadedFile("factuur.pdf", b"<html>niet echt</html>")],
            },
            "not_a_pdf",
        ),
    ]
    for fields, code in cases:
        with pytest.raises(ValidationError) as caught:
            _submit(initiative, **fields)
        assert caught.value.code == code, fields
        assert _state() == before
    # Before the vouchers are issued the plan is not being carried out.
    awarded = awarded_plan(wijk)
    before = _state()
    with pytest.raises(ValidationError) as caught:
        _submit(awarded)
    assert caught.value.code == "invalid_status"
    assert _state() == before


def test_reimbursement_strips_exif(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk, 450 * EUR)
    original = _jpeg_with_exif()
    assert Image.open(io.BytesIO(original)).getexif()
    claim = _submit(
        initiative,
        kind=ClaimKind.REIMBURSEMENT,
        budget_line=initiative.budget_lines.first(),
        amount_cents=45 * EUR,
        files=[
            SimpleUploadedFile("bon.jpg", original, content_type="image/jpeg"),
            SimpleUploadedFile("factuur.pdf", minimal_pdf()),
        ],
    )
    photo, pdf = claim.receipts.order_by("pk")
    assert photo.content_type == "image/jpeg"
    stored = photo.file.read()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert b"CameraMaker" not in stored
    assert pdf.content_type == "application/pdf"
    assert AuditEvent.objects.filter(action="vouchers.claim_submit").count() == 1


def test_claim_pages_and_receipt_access(wijk: Neighbourhood) -> None:
    initiative, _vouchers = plan_with_vouchers(wijk, 450 * EUR)
    line = initiative.budget_lines.first()
    assert line is not None
    client = HttpsClient()
    client.force_login(initiative.initiator)
    url = reverse("payments:claim_create", args=[initiative.uuid])
    form = client.get(url)
    assert form.status_code == 200
    assert line.description in form.content.decode()
    # A wrong IBAN: the form comes back with what was typed.
    wrong = client.post(
        url,
        {
            "budget_line": line.pk,
            "amount": "45,50",
            "description": "Potgrond",
            "payee_name": "A. Initiatiefnemer",
            "iban": "NL91ABNA0417164301",
            "receipts": [SimpleUploadedFile("bon.jpg", _jpeg_with_exif())],
        },
    )
    assert wrong.status_code == 200
    html = wrong.content.decode()
    assert "Potgrond" in html
    assert "45,50" in html
    assert Claim.objects.count() == 0
    done = client.post(
        url,
        {
            "budget_line": line.pk,
            "amount": "45,50",
            "description": "Potgrond",
            "payee_name": "A. Initiatiefnemer",
            "iban": "nl91 abna 0417 1643 00",
            "receipts": [SimpleUploadedFile("bon.jpg", _jpeg_with_exif())],
        },
    )
    assert done.status_code == 302, done.context["form"].errors
    claim = Claim.objects.get()
    assert claim.amount_cents == 4550
    assert claim.iban == IBAN
    detail = reverse("payments:claim_detail", args=[initiative.uuid, claim.uuid])
    assert done["Location"] == detail
    receipt = claim.receipts.get()
    receipt_url = reverse("payments:claim_receipt", args=[claim.uuid, receipt.pk])
    assert receipt_url in client.get(detail).content.decode()
    served = client.get(receipt_url)
    assert served.status_code == 200
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Cache-Control"] == "private, no-store"
    assert served["Content-Disposition"].startswith("inline")
    # The cash manager (second factor) may see it; anyone else gets 404.
    cash_client = HttpsClient()
    sign_in_verified(
        cash_client,
        make_official(municipality=wijk.municipality, role=Role.CASH_MANAGER),
    )
    assert cash_client.get(receipt_url).status_code == 200
    stranger = HttpsClient()
    stranger.force_login(UserFactory.create())
    assert stranger.get(receipt_url).status_code == 404
    assert stranger.get(detail).status_code == 404
    # The advance form needs no receipt.
    advance = client.post(
        url + "?soort=voorschot",
        {
            "amount": "100",
            "description": "Gereedschap",
            "payee_name": "A. Initiatiefnemer",
            "iban": IBAN,
        },
    )
    assert advance.status_code == 302
    assert Claim.objects.filter(kind=ClaimKind.ADVANCE).count() == 1
    too_much = client.post(
        url + "?soort=voorschot",
        {
            "amount": "200",
            "description": "Nog meer",
            "payee_name": "A. Initiatiefnemer",
            "iban": IBAN,
        },
    )
    assert too_much.status_code == 200
    assert Claim.objects.filter(kind=ClaimKind.ADVANCE).count() == 1
