"""The printable voucher: a PDF with the code and the QR code, for who may see it."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

import pytest
import segno

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, on_day
from wijkvoucher.vouchers.document import voucher_pdf, voucher_qr_svg
from wijkvoucher.vouchers.services.issuance import voucher_block_and_replace
from wijkvoucher.vouchers.tests.helpers import EUR, funded, plan_with_vouchers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def test_pdf_download_for_the_initiator() -> None:
    wijk = neighbourhood_ready()
    funded(wijk)
    initiative, (voucher,) = plan_with_vouchers(wijk, 1234 * EUR + 56)
    client = HttpsClient()
    client.force_login(initiative.initiator)
    url = reverse("vouchers:voucher_pdf", args=[initiative.uuid, voucher.uuid])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="waardebon-{voucher.number}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF")

    other = HttpsClient()
    other.force_login(UserFactory.create())
    assert other.get(url).status_code == 404


def test_pdf_text_holds_code_amounts_and_bearer_line() -> None:
    wijk = neighbourhood_ready()
    funded(wijk)
    initiative, (voucher,) = plan_with_vouchers(wijk, 1234 * EUR + 56)
    voucher.initiative = initiative
    data = voucher_pdf(voucher=voucher, balance_cents=1234 * EUR + 56, compress=False)
    assert data.startswith(b"%PDF")
    text = data.decode("latin-1")
    assert voucher.code in text
    assert voucher.number in text
    assert "EUR 1.234,56" in text
    assert "Waardebon" in text or "Voucher" in text
    # The QR code is an embedded image.
    assert "/Subtype /Image" in text


def test_qr_svg_holds_only_the_code() -> None:
    svg = voucher_qr_svg("7KQ2-M9XD-R4TB-HW3E")
    assert svg.startswith("<svg")
    assert 'class="voucher-qr"' in svg
    # Same matrix as a QR code made of the bare code.
    expected = segno.make("7KQ2-M9XD-R4TB-HW3E", error="m", micro=False)
    assert expected.designator in ("1-M", "2-M")


def test_no_pdf_for_a_blocked_voucher() -> None:
    wijk = neighbourhood_ready()
    funded(wijk)
    initiative, (voucher,) = plan_with_vouchers(wijk)
    voucher_block_and_replace(actor=initiative.initiator, voucher=voucher)
    client = HttpsClient()
    client.force_login(initiative.initiator)
    url = reverse("vouchers:voucher_pdf", args=[initiative.uuid, voucher.uuid])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "vouchers:voucher_detail", args=[initiative.uuid, voucher.uuid]
    )
