"""The printable voucher: a PDF with the code and the QR code, for who may see it."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

import pytest
import segno

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.tests.pdf_checks import assert_tagged, pdf_text
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
    data = voucher_pdf(voucher=voucher, balance_cents=1234 * EUR + 56)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert voucher.code in text
    assert f"Nummer {voucher.number}" in text
    assert "Aantal" not in text
    assert "€ 1.234,56" in text
    assert "Waardebon" in text or "Voucher" in text
    assert str(wijk.municipality.name) in text
    assert "Pagina 1 van 1" in text


def test_the_voucher_pdf_is_tagged_with_the_qr_code_described() -> None:
    wijk = neighbourhood_ready()
    funded(wijk)
    initiative, (voucher,) = plan_with_vouchers(wijk, 25 * EUR)
    voucher.initiative = initiative
    tree = assert_tagged(voucher_pdf(voucher=voucher, balance_cents=25 * EUR))
    roles = [element.role for element in tree]
    for role in ("/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/LBody"):
        assert role in roles, role
    (qr,) = [e for e in tree if e.role == "/Figure"]
    assert qr.alt == f"QR-code met de code van de waardebon: {voucher.code}"


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
        "payments:voucher_detail", args=[initiative.uuid, voucher.uuid]
    )
