"""The bank files of a payout batch: SEPA pain.001.001.03 (via ``sepaxml``, checked
against the XSD) and a CSV for people and spreadsheets. Only an approved (or paid)
batch can be exported: four eyes before money leaves."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sepaxml import SepaTransfer
from sepaxml.validation import (
    ValidationError as SchemaError,
)

from wijkvoucher.core.iban import iban_bic
from wijkvoucher.payments.constants import PayoutStatus
from wijkvoucher.payments.models import PayoutBatch, PayoutLine
from wijkvoucher.payments.services.payouts import debtor_problem

SCHEMA = "pain.001.001.03"
EXPORTABLE = frozenset({PayoutStatus.APPROVED, PayoutStatus.PAID})


def csv_header() -> list[str]:
    """The column names in the language of whoever downloads the file; the values
    stay machine-friendly (docs/documents.md)."""
    return [
        _("Batch"),
        _("Account holder"),
        _("IBAN"),
        _("Amount (euro)"),
        _("Description on the statement"),
        _("Payee kind"),
        _("Netted (euro)"),
    ]


def _check_exportable(batch: PayoutBatch) -> None:
    if batch.status not in EXPORTABLE:
        raise ValidationError(
            _(
                "Only an approved batch can be exported: a second person approves it first."
            ),
            code="not_approved",
        )


def _end_to_end_id(batch: PayoutBatch, line: PayoutLine) -> str:
    candidate = f"{batch.reference}-{line.pk}"
    return candidate if len(candidate) <= 35 else f"WV{batch.pk}-{line.pk}"[:35]


def sepa_pain001(batch: PayoutBatch) -> bytes:
    """The pain.001.001.03 credit transfer file of ``batch``, validated against the
    schema. Its message id is the batch reference, so a bank refuses the same file
    uploaded twice."""
    _check_exportable(batch)
    municipality = batch.municipality
    problem = debtor_problem(municipality)
    if problem is not None:
        raise problem
    config: dict[str, Any] = {
        "name": municipality.payout_account_name,
        "IBAN": municipality.payout_iban.replace(" ", "").upper(),
        "batch": True,
        "currency": "EUR",
    }
    debtor_bic = municipality.payout_bic.strip() or iban_bic(config["IBAN"])
    if debtor_bic:
        config["BIC"] = debtor_bic
    transfer = SepaTransfer(config, schema=SCHEMA, clean=True)
    msg_id = transfer._xml.find("CstmrCdtTrfInitn/GrpHdr/MsgId")
    if msg_id is not None:
        msg_id.text = batch.reference
    for line in batch.lines.order_by("pk"):
        payment: dict[str, Any] = {
            "name": line.name,
            "IBAN": line.iban,
            "amount": int(line.amount_cents),
            "execution_date": batch.execution_date,
            "description": line.remittance,
            "endtoend_id": _end_to_end_id(batch, line),
        }
        bic = iban_bic(line.iban)
        if bic:
            payment["BIC"] = bic
        transfer.add_payment(payment)
    try:
        out = transfer.export(validate=True)
    except SchemaError:
        raise ValidationError(
            _(
                "The bank file does not meet the SEPA rules. Check the names and "
                "IBANs in the batch."
            ),
            code="sepa_invalid",
        ) from None
    return bytes(out)


def _amount_eur(cents: int) -> str:
    """Dutch decimal comma, no thousands separator: 123456 → "1234,56"."""
    return f"{cents // 100},{cents % 100:02d}"


def _cell(value: str) -> str:
    # Spreadsheets run a cell that starts with = + - @ as a formula (CSV injection).
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def payout_csv(batch: PayoutBatch) -> str:
    """One row per line, separated by semicolons (the decimal comma needs it): the
    header in the active language, amounts as "1234,56", the payee kind as its code
    (``provider`` or ``initiator``), and last what the payment nets of what the
    provider owed back ("0,00" when nothing; docs/adr/0013)."""
    _check_exportable(batch)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(csv_header())
    for line in batch.lines.order_by("pk"):
        writer.writerow(
            [
                batch.reference,
                _cell(line.name),
                line.iban,
                _amount_eur(int(line.amount_cents)),
                _cell(line.remittance),
                str(line.payee_kind),
                _amount_eur(int(line.netted_cents)),
            ]
        )
    return out.getvalue()
