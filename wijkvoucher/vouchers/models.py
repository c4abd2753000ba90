"""Vouchers and the money after the award (issue #4): providers (aanbieders) and their
users and API tokens, vouchers, redemptions and refunds, disputes, reimbursements and
advances (claims), and payout batches to providers' and initiators' bank accounts.

Money itself lives only in the ledger (``wijkvoucher.ledger``); the rows here describe
what each ledger transaction was for and carry the constraints that belong to them
(refunded never more than redeemed, one idempotency key once, four eyes on a payout).
docs/adr/0009 explains the chart of accounts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.vouchers.constants import (
    Channel,
    ClaimKind,
    ClaimStatus,
    DisputeStatus,
    IdempotencyState,
    PayeeKind,
    PayoutStatus,
    ProviderReviewStatus,
    VoucherStatus,
)

# The review table lives with its machine; re-exported here for older imports.
from wijkvoucher.vouchers.workflow_provider import (
    PROVIDER_REVIEW_STEPS as PROVIDER_REVIEW_STEPS,
)


class Provider(BaseModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="providers",
    )
    name = models.CharField(_("name"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijken served"),
        blank=True,
        related_name="providers",
    )
    description = models.TextField(_("what they offer"), blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    payable_account = models.OneToOneField(
        "ledger.Account",
        verbose_name=_("payable account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_status = models.CharField(
        _("review"),
        max_length=20,
        choices=ProviderReviewStatus.choices,
        default=ProviderReviewStatus.SUBMITTED,
    )
    # The coordinator's reason when the application was last returned or rejected:
    # the applicant reads it on their application page.
    review_reason = models.TextField(_("reason given to the applicant"), blank=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_status__in=ProviderReviewStatus.values),
                name="provider_review_status_known",
            ),
            # The approval time decides (every query asks for it); an application
            # marked approved has one, a returned or rejected one has none.
            models.CheckConstraint(
                condition=(
                    ~models.Q(review_status=ProviderReviewStatus.APPROVED)
                    | models.Q(approved_at__isnull=False)
                )
                & (
                    ~models.Q(
                        review_status__in=[
                            ProviderReviewStatus.RETURNED,
                            ProviderReviewStatus.REJECTED,
                        ]
                    )
                    | models.Q(approved_at__isnull=True)
                ),
                name="provider_approved_fields",
            ),
        ]

    @property
    def review_state(self) -> ProviderReviewStatus:
        """Where the application stands; a provider with an approval time is
        approved, whatever else it says."""
        if self.approved_at is not None:
            return ProviderReviewStatus.APPROVED
        return ProviderReviewStatus(self.review_status)

    def __str__(self) -> str:
        return self.name


class ProviderMembership(BaseModel):
    """A person who may act for a provider (role 'provider user')."""

    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="provider_memberships",
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("provider user")
        verbose_name_plural = _("provider users")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "user"], name="provider_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"


class ProviderApiToken(BaseModel):
    """A key a provider's own system sends as ``Authorization: Token <key>``. Only the
    SHA-256 digest is stored; the key is shown once, when it is made."""

    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("first characters"), max_length=12)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.provider} {self.prefix}…"


class Voucher(BaseModel):
    """A waardebon: a bearer code worth its ledger account's balance, spendable at
    approved providers until ``valid_until``. ``status`` follows the balance and the
    flags; only the services in ``services/`` change it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=50, unique=True)
    # The bearer secret: 80 random bits in Crockford base32, XXXX-XXXX-XXXX-XXXX.
    code = models.CharField(_("code"), max_length=19, unique=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    budget_period = models.ForeignKey(
        "neighbourhoods.BudgetPeriod",
        verbose_name=_("budget period"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    account = models.OneToOneField(
        "ledger.Account",
        verbose_name=_("ledger account"),
        on_delete=models.PROTECT,
        related_name="voucher",
    )
    amount_cents = models.PositiveBigIntegerField(_("value at issue (cents)"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VoucherStatus.choices,
        default=VoucherStatus.ISSUED,
        db_index=True,
    )
    shared_with_coinitiators = models.BooleanField(
        _("shared with co-initiators"), default=False
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ["initiative", "number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="voucher_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Redemption(BaseModel):
    """Part or all of a voucher spent at a provider: one ledger transaction from the
    voucher to the provider's payable account."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    voucher = models.ForeignKey(
        Voucher,
        verbose_name=_("voucher"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    refunded_cents = models.PositiveBigIntegerField(_("refunded (cents)"), default=0)
    description = models.CharField(_("what was bought"), max_length=300)
    reference = models.CharField(_("invoice reference"), max_length=100, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # The provider was connected to the initiator (same address, or a co-initiator)
    # when the voucher was spent: the cash manager sees it before paying out.
    connected = models.BooleanField(_("connected to the initiator"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        related_name="redemption",
    )

    class Meta:
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0),
                name="redemption_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(refunded_cents__lte=models.F("amount_cents")),
                name="redemption_refund_at_most_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} @ {self.provider}: {self.amount_cents}"

    @property
    def number(self) -> str:
        """The redemption number the provider sees and the bank description names."""
        return str(self.pk)

    @property
    def refundable_cents(self) -> int:
        return int(self.amount_cents) - int(self.refunded_cents)


class Refund(BaseModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    redemption = models.ForeignKey(
        Redemption,
        verbose_name=_("redemption"),
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        related_name="refund",
    )

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="refund_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"refund {self.amount_cents} of {self.redemption_id}"


class IdempotencyKey(models.Model):
    """One API request with an ``Idempotency-Key`` header (Stripe semantics). The row is
    claimed in its own short transaction (``in_progress``); the work and the stored
    response commit together in a second transaction, so a completed key always has
    exactly the effect it reports."""

    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    key = models.CharField(_("key"), max_length=255)
    request_digest = models.CharField(_("request digest"), max_length=64)
    state = models.CharField(
        _("state"), max_length=20, choices=IdempotencyState.choices
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(
        _("response status"), null=True, blank=True
    )
    response_body = models.TextField(_("response body"), blank=True)
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, db_index=True
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "key"], name="idempotency_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Dispute(BaseModel):
    """An initiator says a redemption is wrong (within ``DISPUTE_DAYS``); the cash
    manager upholds it with a refund or rejects it with a reason."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    redemption = models.ForeignKey(
        Redemption,
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
        Refund,
        verbose_name=_("refund"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispute",
    )

    class Meta:
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
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class PayoutBatch(BaseModel):
    """Everything owed to providers and initiators at one moment, paid by one SEPA file.
    One person prepares it, another approves it (four eyes); marking it paid posts one
    ledger transaction from every payable account to the payout clearing account."""

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
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_batch",
    )

    class Meta:
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
        Provider,
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
    remittance = models.CharField(_("description on the statement"), max_length=140)
    # What the line pays, named in its description (docs/documents.md).
    redemptions = models.ManyToManyField(
        Redemption,
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
                condition=(
                    models.Q(payee_kind="provider", provider__isnull=False)
                    | models.Q(payee_kind="initiator", initiative__isnull=False)
                ),
                name="payout_line_payee_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount_cents}"
