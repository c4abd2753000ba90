"""Money paid out after the award (issue #4): disputes of a redemption,
reimbursements and advances (claims) with their receipts, and payout batches to
providers' and initiators' bank accounts (four eyes on a payout).

The tables keep their names from the vouchers app (``db_table``), where these
models lived until issue #10."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.payments.constants import (
    ClaimKind,
    ClaimStatus,
    DisputeStatus,
    PayeeKind,
    PayoutStatus,
)


class Dispute(BaseModel):
    """An initiator says a redemption is wrong (within ``DISPUTE_DAYS``); the cash
    manager upholds it with a refund or rejects it with a reason."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    redemption = models.ForeignKey(
        "vouchers.Redemption",
        verbose_name=_("redemption"),
        on_delete=models.PROTECT,
        related_name="disputes",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("what is wrong"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DisputeStatus.choices,
        default=DisputeStatus.OPEN,
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("answer"), blank=True)
    refund = models.OneToOneField(
        "vouchers.Refund",
        verbose_name=_("refund"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispute",
    )

    class Meta:
        db_table = "vouchers_dispute"
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["redemption"],
                condition=models.Q(status=DisputeStatus.OPEN),
                name="dispute_one_open_per_redemption",
            ),
        ]

    def __str__(self) -> str:
        return f"dispute {self.uuid}"


def receipt_upload_to(instance: ClaimReceipt, filename: str) -> str:
    return f"receipts/{instance.claim.uuid}/{uuid.uuid4().hex}"


class Claim(BaseModel):
    """A reimbursement of a receipt, or an advance (at most the regeling's share of the
    award), paid to the initiator's bank account. Approval moves the amount from the
    initiative's vouchers to the initiator's payable account; a payout batch pays it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ClaimKind.choices)
    budget_line = models.ForeignKey(
        "initiatives.BudgetLine",
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    description = models.CharField(_("what it was for"), max_length=300)
    payee_name = models.CharField(_("account holder"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClaimStatus.choices,
        default=ClaimStatus.SUBMITTED,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claim",
    )

    class Meta:
        db_table = "vouchers_claim"
        verbose_name = _("reimbursement or advance")
        verbose_name_plural = _("reimbursements and advances")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="claim_amount_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ClaimKind.REIMBURSEMENT)
                | models.Q(budget_line__isnull=False),
                name="claim_reimbursement_has_budget_line",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("submitted_by")),
                name="claim_not_decided_by_submitter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.uuid}"

    @property
    def number(self) -> str:
        """The claim number the initiator sees and the bank description names."""
        return str(self.pk)


class ClaimReceipt(BaseModel):
    """A receipt or invoice (photo or PDF), checked by content and re-encoded."""

    claim = models.ForeignKey(
        Claim,
        verbose_name=_("claim"),
        on_delete=models.PROTECT,
        related_name="receipts",
    )
    file = models.FileField(_("file"), upload_to=receipt_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        db_table = "vouchers_claimreceipt"
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class PayoutBatch(BaseModel):
    """Everything owed to providers and initiators at one moment, paid by one SEPA file.
    One person prepares it, another approves it (four eyes). The approval commits the
    lines (the bank file can leave from then on): one ledger transaction from every
    payable account into the municipality's committed account. Marking it paid moves
    the total on to the payout clearing account; marking it not paid out by the bank
    reverses the approval (docs/adr/0013-committed-payouts.md)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="payout_batches",
    )
    reference = models.CharField(_("reference"), max_length=35, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PayoutStatus.choices,
        default=PayoutStatus.PREPARED,
        db_index=True,
    )
    total_cents = models.PositiveBigIntegerField(_("total (cents)"))
    execution_date = models.DateField(_("execution date"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked paid by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    failed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked not paid out by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    failed_at = models.DateTimeField(_("marked not paid out at"), null=True, blank=True)
    failure_reason = models.TextField(_("what the bank said"), blank=True)
    # The approval: every line out of its payable (less what the provider owes back)
    # into the municipality's committed account (docs/adr/0013-committed-payouts.md).
    commit_transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("approval ledger transaction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_batch_commit",
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_batch",
    )

    class Meta:
        db_table = "vouchers_payoutbatch"
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_cents__gt=0), name="payout_total_positive"
            ),
            # Four eyes: whoever prepared a batch cannot approve it.
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True)
                | ~models.Q(approved_by=models.F("prepared_by")),
                name="payout_four_eyes",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["approved", "paid"])
                | models.Q(approved_by__isnull=False),
                name="payout_approved_has_approver",
            ),
            # One open batch per municipality: an amount owed is never in two batches.
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(status__in=["prepared", "approved"]),
                name="payout_one_open_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class PayoutLine(models.Model):
    batch = models.ForeignKey(
        PayoutBatch,
        verbose_name=_("payout batch"),
        on_delete=models.PROTECT,
        related_name="lines",
    )
    account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("payable account"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    payee_kind = models.CharField(_("payee"), max_length=20, choices=PayeeKind.choices)
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_lines",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_lines",
    )
    name = models.CharField(_("account holder"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    # What the provider owed back (a refund of money sent in an earlier batch), taken
    # off this payment: the line settles amount + netted of its payable.
    netted_cents = models.PositiveBigIntegerField(_("netted (cents)"), default=0)
    remittance = models.CharField(_("description on the statement"), max_length=140)
    # What the line pays, named in its description (docs/documents.md).
    redemptions = models.ManyToManyField(
        "vouchers.Redemption",
        verbose_name=_("redemptions paid"),
        related_name="payout_lines",
        blank=True,
    )
    claims = models.ManyToManyField(
        Claim,
        verbose_name=_("claims paid"),
        related_name="payout_lines",
        blank=True,
    )

    class Meta:
        db_table = "vouchers_payoutline"
        verbose_name = _("payout line")
        verbose_name_plural = _("payout lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0),
                name="payout_line_amount_positive",
            ),
            models.UniqueConstraint(
                fields=["batch", "account"], name="payout_line_one_per_account"
            ),
            models.CheckConstraint(
                condition=models.Q(netted_cents=0) | models.Q(payee_kind="provider"),
                name="payout_line_netted_only_provider",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(payee_kind="provider", provider__isnull=False)
                    | models.Q(payee_kind="initiator", initiative__isnull=False)
                ),
                name="payout_line_payee_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount_cents}"
