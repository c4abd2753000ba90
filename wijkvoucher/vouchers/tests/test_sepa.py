"""The bank files of a payout batch: SEPA pain.001.001.03 and CSV."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator

from django.core.exceptions import ValidationError

import pytest
import sepaxml
import xmlschema
from defusedxml import ElementTree as ET

from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.models import PayoutBatch, PayoutLine
from wijkvoucher.vouchers.sepa import payout_csv, sepa_pain001
from wijkvoucher.vouchers.services.payouts import (
    payout_batch_approve,
    payout_batch_prepare,
)
from wijkvoucher.vouchers.tests.helpers import funded
from wijkvoucher.vouchers.tests.test_payouts import NEXT_DAY, Owed, owed_setup

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


def test_csv(wijk: Neighbourhood) -> None:
    o, batch = prepared(wijk)
    # A name that a spreadsheet would run as a formula is defused.
    PayoutLine.objects.filter(batch=batch, provider=o.printer).update(name="=Punt")
    batch = payout_batch_approve(actor=o.approver, batch=batch)
    rows = list(csv.reader(io.StringIO(payout_csv(batch)), delimiter=";"))
    assert rows[0] == [
        "reference",
        "name",
        "iban",
        "amount_eur",
        "remittance",
        "payee_kind",
    ]
    body = sorted(rows[1:], key=lambda row: row[3])
    ref = batch.reference
    assert body == [
        [
            ref,
            "J. Initiatief",
            "NL20INGB0001234567",
            "30,00",
            f"Wijkvoucher {ref} Voorschot buurtfeest",
            "initiator",
        ],
        [
            ref,
            "'=Punt",
            "NL20INGB0001234567",
            "33,45",
            f"Wijkvoucher {ref} Drukkerij Punt",
            "provider",
        ],
        [
            ref,
            "Bouwmarkt De Dijk",
            "NL91ABNA0417164300",
            "60,00",
            f"Wijkvoucher {ref} Bouwmarkt De Dijk",
            "provider",
        ],
    ]


def test_csv_amount_format() -> None:
    from wijkvoucher.vouchers.sepa import _amount_eur

    assert _amount_eur(123456) == "1234,56"
    assert _amount_eur(5) == "0,05"
