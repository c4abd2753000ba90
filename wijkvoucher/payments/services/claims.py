"""Reimbursements of receipts and advances (issue #4 point 6; docs/adr/0009).

``claim_submit`` is the initiator's step: checked against what is left on the plan's
vouchers and, for an advance, against the regeling's share of the award. Receipts are
checked by their content with the plan attachments' checks (photos re-encoded without
EXIF/GPS, PDFs by their magic bytes, at most 10 MB each)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.iban import iban_check
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import BudgetLine, Initiative
from wijkvoucher.initiatives.services.attachments import (
    pdf_check,
    photo_clean,
    upload_read_limited,
)
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.payments.constants import ClaimKind
from wijkvoucher.payments.links import cash_claim_url
from wijkvoucher.payments.models import Claim, ClaimReceipt
from wijkvoucher.payments.selectors.resident import (
    advance_max_percent,
    advances_requested_cents,
    cash_managers,
    claimable_cents,
)
from wijkvoucher.vouchers.selectors.resident import awarded_total_cents

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

MAX_RECEIPTS = 5
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})


class Upload(Protocol):
    """What a receipt upload offers: Django's UploadedFile has these."""

    name: str | None

    def seek(self, offset: int, whence: int = ..., /) -> int: ...
    def read(self, size: int = ..., /) -> bytes: ...


@dataclass(frozen=True)
class CleanReceipt:
    data: bytes
    content_type: str
    suffix: str
    original_name: str


def _original_name(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return (base or "bon")[:200]


def receipt_clean(
    *, file: IO[bytes] | Upload, name: str, content_type: str = ""
) -> CleanReceipt:
    """A receipt as it will be stored: a PDF (checked by its first bytes) when it
    says it is one, otherwise a photo re-encoded without metadata."""
    data = upload_read_limited(file)  # type: ignore[arg-type]
    original = _original_name(name)
    if original.lower().endswith(".pdf") or content_type.lower() in PDF_TYPES:
        pdf_check(data)
        return CleanReceipt(data, "application/pdf", "pdf", original)
    if data.startswith(b"%PDF-"):
        pdf_check(data)
        return CleanReceipt(data, "application/pdf", "pdf", original)
    cleaned, photo_type, suffix = photo_clean(data)
    return CleanReceipt(cleaned, photo_type, suffix, original)


def receipts_clean(files: Sequence[IO[bytes] | Upload]) -> list[CleanReceipt]:
    if len(files) > MAX_RECEIPTS:
        raise ValidationError(
            _("Upload at most %(max)s files."),
            code="too_many_receipts",
            params={"max": MAX_RECEIPTS},
        )
    cleaned: list[CleanReceipt] = []
    for file in files:
        name = getattr(file, "name", "") or ""
        content_type = getattr(file, "content_type", "") or ""
        try:
            cleaned.append(
                receipt_clean(file=file, name=name, content_type=content_type)
            )
        except ValidationError as exc:
            raise ValidationError(
                _("%(file)s: %(problem)s"),
                code=exc.code or "invalid_receipt",
                params={
                    "file": _original_name(name),
                    "problem": " ".join(exc.messages),
                },
            ) from None
    return cleaned


def _text(value: str, limit: int, message: Any, code: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(message, code=code)
    return text[:limit]


def _check_amounts(*, initiative: Initiative, kind: str, amount_cents: int) -> None:
    left = claimable_cents(initiative=initiative)
    if amount_cents > left:
        raise ValidationError(
            _(
                "You can ask for at most %(left)s: that is what is left on your vouchers."
            ),
            code="claim_exceeds_balance",
            params={"left": format_euro(left)},
        )
    if kind == ClaimKind.ADVANCE:
        percent = advance_max_percent(initiative)
        awarded = awarded_total_cents(initiative=initiative)
        before = advances_requested_cents(initiative=initiative)
        if (before + amount_cents) * 100 > percent * awarded:
            room = max(0, percent * awarded // 100 - before)
            raise ValidationError(
                _(
                    "All advances together can be at most %(percent)s%% of the "
                    "award. You can still ask for at most %(room)s."
                ),
                code="advance_exceeds_share",
                params={"percent": percent, "room": format_euro(room)},
            )


def _check_kind(
    *,
    initiative: Initiative,
    kind: str,
    amount_cents: object,
    budget_line: BudgetLine | None,
) -> None:
    if kind not in ClaimKind.values:
        raise ValidationError(_("Choose what you ask for."), code="invalid_kind")
    if (
        not isinstance(amount_cents, int)
        or isinstance(amount_cents, bool)
        or amount_cents <= 0
    ):
        raise ValidationError(
            _("Enter an amount of more than € 0."), code="invalid_amount"
        )
    if budget_line is not None and budget_line.initiative_id != initiative.pk:
        raise ValidationError(
            _("Choose a cost line of this plan."), code="invalid_budget_line"
        )
    if kind == ClaimKind.REIMBURSEMENT and budget_line is None:
        raise ValidationError(
            _("Choose the cost line of your plan this receipt belongs to."),
            code="budget_line_required",
        )


@transaction.atomic
def claim_submit(
    *,
    actor: User,
    initiative: Initiative,
    kind: str,
    amount_cents: int,
    description: str,
    payee_name: str,
    iban: str,
    budget_line: BudgetLine | None = None,
    files: Sequence[IO[bytes] | Upload] = (),
) -> Claim:
    """The initiator asks to be paid back for a receipt (``reimbursement``) or for an
    advance. Refused, with nothing stored, when the plan is not being carried out,
    the amount is more than is left on the vouchers, the advances would pass the
    regeling's share of the award, a receipt is missing or the IBAN is wrong."""
    initiative = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("neighbourhood", "regulation_version", "initiator")
        .get(pk=initiative.pk)
    )
    if actor.pk != initiative.initiator_id:
        raise PermissionDenied
    if initiative.status != InitiativeStatus.IN_EXECUTION:
        raise ValidationError(
            _("You can only ask for money while your plan is being carried out."),
            code="invalid_status",
        )
    _check_kind(
        initiative=initiative,
        kind=kind,
        amount_cents=amount_cents,
        budget_line=budget_line,
    )
    text = _text(
        description, 300, _("Say what the money was for."), "description_required"
    )
    payee = _text(
        payee_name, 70, _("Enter the name of the account holder."), "payee_required"
    )
    account = iban_check(iban)
    _check_amounts(initiative=initiative, kind=kind, amount_cents=amount_cents)
    if kind == ClaimKind.REIMBURSEMENT and not files:
        raise ValidationError(
            _("Add a photo or PDF of the receipt or invoice."), code="receipt_required"
        )
    receipts = receipts_clean(files)
    claim = Claim.objects.create(
        initiative=initiative,
        kind=kind,
        budget_line=budget_line,
        amount_cents=amount_cents,
        description=text,
        payee_name=payee,
        iban=account,
        submitted_by=actor,
    )
    stored: list[tuple[object, str]] = []
    try:
        for receipt in receipts:
            row = ClaimReceipt(
                claim=claim,
                original_name=receipt.original_name,
                content_type=receipt.content_type,
                size_bytes=len(receipt.data),
            )
            row.file.save(
                f"bon.{receipt.suffix}", ContentFile(receipt.data), save=False
            )
            stored.append((row.file.storage, row.file.name or ""))
            row.save()
        audit_record(
            actor=actor,
            action="vouchers.claim_submit",
            subject=claim,
            data={
                "initiative": str(initiative.uuid),
                "kind": kind,
                "amount_cents": amount_cents,
                "receipts": len(receipts),
            },
        )
        notification_send(
            recipients=cash_managers(neighbourhood=initiative.neighbourhood),
            kind="vouchers.claim_submitted",
            subject=_("New request for money for %(title)s"),
            body=_(
                "%(name)s asks for %(amount)s (%(kind)s) for the plan %(title)s. "
                "Check it and approve or reject it."
            ),
            params={
                "name": actor.display_name,
                "amount": format_euro(amount_cents),
                "kind": ClaimKind(kind).label,
                "title": initiative.title,
            },
            url=cash_claim_url(claim),
        )
    except Exception:
        for storage, name in stored:
            storage.delete(name)  # type: ignore[attr-defined]
        raise
    return claim
