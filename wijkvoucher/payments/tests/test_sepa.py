"""The bank files of a payout batch: SEPA pain.001.001.03 and CSV."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
import sepaxml
import xmlschema
from defusedxml import ElementTree as ET

from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.payments.models import PayoutBatch, PayoutLine
from wijkvoucher.payments.remittance import (
    initiator_remittance,
    provider_remittance,
    sepa_text,
)
from wijkvoucher.payments.sepa import payout_csv, sepa_pain001
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_prepare,
)
from wijkvoucher.payments.tests.test_payouts import NEXT_DAY, Owed, owed_setup
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.tests.helpers import funded

pytestmark = pytest.mark.django_db

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
XSD = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.03.xsd")


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    municipality = wijk.municipality
    municipality.payout_account_name = "Gemeente Dijkstad"
    municipality.payout_iban = "NL91ABNA0417164300"
    municipality.save()
    return wijk


def prepared(wijk: Neighbourhood) -> tuple[Owed, PayoutBatch]:
    o = owed_setup(wijk)
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    return o, batch


def test_exports_refused_before_approval(wijk: Neighbourhood) -> None:
    _o, batch = prepared(wijk)
    for export in (sepa_pain001, payout_csv):
        with pytest.raises(ValidationError) as caught:
            export(batch)
        assert caught.value.code == "not_approved"


def test_sepa_file(wijk: Neighbourhood) -> None:
    o, batch = prepared(wijk)
    batch = payout_batch_approve(actor=o.approver, batch=batch)
    xml = sepa_pain001(batch)
    # Valid against the pain.001.001.03 schema.
    xmlschema.XMLSchema(XSD).validate(xml.decode())
    root = ET.fromstring(xml)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert header is not None
    assert header.findtext("p:MsgId", namespaces=NS) == batch.reference
    assert header.findtext("p:NbOfTxs", namespaces=NS) == "3"
    assert header.findtext("p:CtrlSum", namespaces=NS) == "123.45"
    info = root.find("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    assert info is not None
    assert info.findtext("p:ReqdExctnDt", namespaces=NS) == "2026-06-16"
    assert info.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == (
        "NL91ABNA0417164300"
    )
    assert info.findtext("p:Dbtr/p:Nm", namespaces=NS) == "Gemeente Dijkstad"
    transfers = info.findall("p:CdtTrfTxInf", NS)
    got = sorted(
        (
            t.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) or "",
            t.findtext("p:Amt/p:InstdAmt", namespaces=NS) or "",
            t.findtext("p:Cdtr/p:Nm", namespaces=NS) or "",
        )
        for t in transfers
    )
    assert got == [
        ("NL20INGB0001234567", "30.00", "J. Initiatief"),
        ("NL20INGB0001234567", "33.45", "Drukkerij Punt"),
        ("NL91ABNA0417164300", "60.00", "Bouwmarkt De Dijk"),
    ]
    lines = {line.pk: line for line in batch.lines.all()}
    ids = [t.findtext("p:PmtId/p:EndToEndId", namespaces=NS) for t in transfers]
    assert sorted(ids) == sorted(f"{batch.reference}-{pk}" for pk in lines)
    # The BIC comes from the IBAN.
    bics = {
        t.findtext("p:CdtrAgt/p:FinInstnId/p:BIC", namespaces=NS) for t in transfers
    }
    assert bics == {"ABNANL2A", "INGBNL2A"}


def test_sepa_refused_without_debtor(wijk: Neighbourhood) -> None:
    o, batch = prepared(wijk)
    batch = payout_batch_approve(actor=o.approver, batch=batch)
    municipality = batch.municipality
    municipality.payout_account_name = ""
    municipality.save()
    with pytest.raises(ValidationError) as caught:
        sepa_pain001(batch)
    assert caught.value.code == "debtor_missing"


def _numbers(o: Owed, provider: Provider) -> list[Redemption]:
    return list(
        Redemption.objects.filter(provider=provider)
        .exclude(pk=o.disputed.pk)
        .order_by("pk")
    )


def test_csv(wijk: Neighbourhood) -> None:
    o, batch = prepared(wijk)
    # A name that a spreadsheet would run as a formula is defused.
    PayoutLine.objects.filter(batch=batch, provider=o.printer).update(name="=Punt")
    batch = payout_batch_approve(actor=o.approver, batch=batch)
    with translation.override("en"):
        rows = list(csv.reader(io.StringIO(payout_csv(batch)), delimiter=";"))
    assert rows[0] == [
        "Batch",
        "Account holder",
        "IBAN",
        "Amount (euro)",
        "Description on the statement",
        "Payee kind",
        "Netted (euro)",
    ]
    body = sorted(rows[1:], key=lambda row: row[3])
    ref = batch.reference
    (shop_sale,) = _numbers(o, o.shop)
    (print_job,) = _numbers(o, o.printer)
    assert body == [
        [
            ref,
            "J. Initiatief",
            "NL20INGB0001234567",
            "30,00",
            f"Wijkvoucher {ref} declaratie {o.claim.pk}: Voorschot buurtfeest",
            "initiator",
            "0,00",
        ],
        [
            ref,
            "'=Punt",
            "NL20INGB0001234567",
            "33,45",
            f"Wijkvoucher {ref} verzilvering {print_job.pk}",
            "provider",
            "0,00",
        ],
        [
            ref,
            "Bouwmarkt De Dijk",
            "NL91ABNA0417164300",
            "60,00",
            f"Wijkvoucher {ref} verzilvering {shop_sale.pk}",
            "provider",
            "0,00",
        ],
    ]


def test_csv_header_in_dutch(wijk: Neighbourhood) -> None:
    o, batch = prepared(wijk)
    batch = payout_batch_approve(actor=o.approver, batch=batch)
    with translation.override("nl"):
        header = payout_csv(batch).splitlines()[0]
    assert header == (
        "Betaalbatch;Rekeninghouder;IBAN;Bedrag (euro);Omschrijving op het afschrift;"
        "Soort ontvanger;Verrekend (euro)"
    )


def test_the_bank_description_names_the_redemptions_and_their_receipts(
    wijk: Neighbourhood,
) -> None:
    o = owed_setup(wijk)
    Redemption.objects.filter(provider=o.printer).update(reference="F-2026/0815")
    batch = payout_batch_prepare(
        actor=o.preparer, municipality=o.municipality, execution_date=NEXT_DAY
    )
    line = batch.lines.get(provider=o.printer)
    (print_job,) = _numbers(o, o.printer)
    assert line.remittance == (
        f"Wijkvoucher {batch.reference} verzilvering {print_job.pk} (kassabon F-2026/0815)"
    )
    assert list(line.redemptions.all()) == [print_job]
    # The disputed redemption is held back: not paid, not named.
    shop_line = batch.lines.get(provider=o.shop)
    assert str(o.disputed.pk) not in shop_line.remittance.split("verzilvering")[1]
    assert list(line.claims.all()) == []
    assert list(batch.lines.get(initiative=o.initiative).claims.all()) == [o.claim]
    # The SEPA file carries the same description, valid against the schema.
    batch = payout_batch_approve(actor=o.approver, batch=batch)
    xml = sepa_pain001(batch)
    xmlschema.XMLSchema(XSD).validate(xml.decode())
    descriptions = [
        t.findtext("p:RmtInf/p:Ustrd", namespaces=NS)
        for t in ET.fromstring(xml).iter(f"{{{NS['p']}}}CdtTrfTxInf")
    ]
    assert line.remittance in descriptions


def test_many_redemptions_are_shortened_to_ranges_within_140_characters() -> None:
    many = [
        (n, f"KASSABON-{n}") for n in [*range(1001, 1041), 1050, *range(2000, 2200, 2)]
    ]
    text = provider_remittance(
        batch_reference="WV-DIJKSTAD-20260615-1",
        redemptions=many,
        provider_name="Bouwmarkt",
    )
    assert len(text) <= 140
    assert text.startswith(
        "Wijkvoucher WV-DIJKSTAD-20260615-1 verzilveringen 1001-1040, 1050, 2000, 2002"
    )
    shown = 40 + 1 + len(text.split("1050, ")[1].split(" en ")[0].split(", "))
    assert text.endswith(f" en {len(many) - shown} meer")
    assert re.fullmatch(r"[A-Za-z0-9/\-?:().,'+ ]*", text)


def test_descriptions_keep_to_the_sepa_characters() -> None:
    text = initiator_remittance(
        batch_reference="WV-DIJKSTAD-20260615-1",
        claims=[(7, "Koffie & thee – café Zoë “De Hoek” €12")],
        fallback="",
    )
    assert text == (
        "Wijkvoucher WV-DIJKSTAD-20260615-1 declaratie 7: Koffie + thee - cafe Zoe "
        "'De Hoek' EUR 12"
    )
    assert sepa_text("Ça coûte 5 €; ok?") == "Ca coute 5 EUR ok?"


def test_csv_amount_format() -> None:
    from wijkvoucher.payments.sepa import _amount_eur

    assert _amount_eur(123456) == "1234,56"
    assert _amount_eur(5) == "0,05"
