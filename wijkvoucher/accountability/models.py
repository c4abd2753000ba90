"""Execution and accountability of an awarded plan (issue #13 points 1 and 2,
docs/accountability.md): progress updates with photos, changes to the plan, the
short accountability report, the settlement (vaststelling) with its random sample,
and the recovery (terugvordering). Money moves only through the ledger; the
beschikkingen are the decisions app's ``Decision`` rows."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.constants import (
    ChangeRoute,
    ChangeStatus,
    RecoveryReason,
    RecoveryStatus,
)
from wijkvoucher.core.models import BaseModel
from wijkvoucher.core.uploads import random_upload_path
from wijkvoucher.neighbourhoods.constants import VaststellingMode


def photo_upload_to(instance: Photo, filename: str) -> str:
    """A random name under the plan's folder; never the original name."""
    return random_upload_path(f"accountability/{instance.initiative.uuid}", filename)


class ProgressUpdate(BaseModel):
    """A short message of the initiator while the plan is carried out. Public on the
    plan's page only with the initiator's consent."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="progress_updates",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("what happened"))
    public = models.BooleanField(_("may be shown on the public page"), default=False)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["initiative", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.text[:40]}"


class AccountabilityReport(BaseModel):
    """The one short form after the activity. ``spending`` is what the ledger said
    when it was sent (per budget line, per provider, what was left), so that the
    report keeps showing what the initiator saw."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.OneToOneField(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="accountability_report",
    )
    due_on = models.DateField(_("due on"))
    spending = models.JSONField(_("spending when sent"), default=dict)
    spent_cents = models.PositiveBigIntegerField(_("spent (cents)"))
    left_cents = models.PositiveBigIntegerField(_("left on the vouchers (cents)"))
    what_happened = models.TextField(_("what happened"))
    participants = models.PositiveIntegerField(_("how many people took part"))
    learned = models.TextField(_("what you learned"), blank=True)
    public = models.BooleanField(
        _("the report and its photos may be shown on the public page"), default=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("accountability report")
        verbose_name_plural = _("accountability reports")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative_id} ({self.submitted_at:%Y-%m-%d})"

    @property
    def on_time(self) -> bool:
        return timezone.localdate(self.submitted_at) <= self.due_on


class Photo(BaseModel):
    """A photo of a progress update or of the report: re-encoded without metadata,
    served only through a view that checks access (public only with consent)."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    update = models.ForeignKey(
        ProgressUpdate,
        verbose_name=_("progress update"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
    )
    report = models.ForeignKey(
        AccountabilityReport,
        verbose_name=_("accountability report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
    )
    file = models.FileField(_("file"), upload_to=photo_upload_to, max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    description = models.CharField(_("what the photo shows"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(update__isnull=True, report__isnull=False)
                | Q(update__isnull=False, report__isnull=True),
                name="accountability_photo_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class PlanChange(BaseModel):
    """A change to the budget lines or dates while the plan is carried out. Within
    the regeling's margin it applies at once; above it the contact official (under
    MANDAAT the regiegroep's chair or secretary) decides, with the beschikking's
    conditions in view. ``lines`` are the new budget lines, ``[{"line",
    "description", "amount_cents"}]`` (``line`` the plan's budget line), and they add
    up to the award at most; ``lines_before`` and ``ends_on_before`` are what the
    plan said when the change was asked. Applied or approved, the change rewrites
    the plan's budget lines and end date; the change keeps the history."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="plan_changes",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lines = models.JSONField(_("budget lines"), default=list)
    lines_before = models.JSONField(_("budget lines before"), default=list)
    ends_on = models.DateField(_("new end date"), null=True, blank=True)
    ends_on_before = models.DateField(_("end date before"), null=True, blank=True)
    explanation = models.TextField(_("why"))
    shifted_cents = models.PositiveBigIntegerField(_("moved between lines (cents)"))
    route = models.CharField(
        _("who decides"), max_length=20, choices=ChangeRoute.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=ChangeStatus.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("explanation of the decision"), blank=True)

    class Meta:
        verbose_name = _("plan change")
        verbose_name_plural = _("plan changes")
        ordering = ["initiative", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ChangeStatus.values),
                name="plan_change_status_known",
            ),
            models.CheckConstraint(
                condition=Q(status=ChangeStatus.ACCEPTED, route="")
                | (~Q(status=ChangeStatus.ACCEPTED) & ~Q(route="")),
                name="plan_change_route_when_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.status}"

    @property
    def compared_lines(self) -> list[tuple[str, int | None, int]]:
        """Each budget line as (description, amount before or None when new, amount
        after; 0 when dropped), the lines of the plan first."""
        after: dict[str, int] = {}
        for line in self.lines:
            key = str(line["description"])
            after[key] = after.get(key, 0) + int(line["amount_cents"])
        rows: list[tuple[str, int | None, int]] = []
        seen: set[str] = set()
        for line in self.lines_before:
            key = str(line["description"])
            if key in seen:
                continue
            seen.add(key)
            before = sum(
                int(x["amount_cents"])
                for x in self.lines_before
                if str(x["description"]) == key
            )
            rows.append((key, before, after.get(key, 0)))
        rows += [(key, None, cents) for key, cents in after.items() if key not in seen]
        return rows


class SampleDraw(BaseModel):
    """The random sample of settlements a wijk checks more closely (VNG model-ASV
    art. 15). ``population`` are the candidate plans' pks in ascending order,
    ``drawn`` those picked: ``sample_pick(population, seed, size)`` gives ``drawn``
    again, so anyone can re-run the draw from the stored seed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    seed = models.CharField(_("seed"), max_length=64)
    percent = models.PositiveSmallIntegerField(_("share drawn (%)"))
    population = models.JSONField(_("plans that could be drawn"), default=list)
    drawn = models.JSONField(_("plans drawn"), default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sample draw")
        verbose_name_plural = _("sample draws")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.neighbourhood_id} {self.created_at:%Y-%m-%d}"


class Settlement(BaseModel):
    """The vaststelling: the final amount, what went back to the wijk budget, and
    the beschikking (none when the award already fixed the amount, direct mode).
    A plan drawn in a sample is settled only after its closer check."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.OneToOneField(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="settlement",
    )
    mode = models.CharField(
        _("how the final amount is settled"),
        max_length=20,
        choices=VaststellingMode.choices,
    )
    report = models.OneToOneField(
        AccountabilityReport,
        verbose_name=_("accountability report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="settlement",
    )
    sample_draw = models.ForeignKey(
        SampleDraw,
        verbose_name=_("sample draw"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="settlements",
    )
    sample_check = models.TextField(_("what the closer check found"), blank=True)
    awarded_cents = models.PositiveBigIntegerField(_("awarded (cents)"))
    established_cents = models.PositiveBigIntegerField(_("final amount (cents)"))
    returned_cents = models.PositiveBigIntegerField(
        _("returned to the wijk budget (cents)")
    )
    decision = models.OneToOneField(
        "decisions.Decision",
        verbose_name=_("beschikking"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("settlement (vaststelling)")
        verbose_name_plural = _("settlements (vaststellingen)")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(established_cents__lte=models.F("awarded_cents")),
                name="settlement_at_most_awarded",
            ),
            models.CheckConstraint(
                condition=Q(sample_draw__isnull=True) | ~Q(sample_check=""),
                name="settlement_sample_checked",
            ),
            models.CheckConstraint(
                condition=Q(mode=VaststellingMode.DIRECT) | Q(decision__isnull=False),
                name="settlement_beschikking_unless_direct",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.established_cents}"


class Recovery(BaseModel):
    """A terugvordering: money an initiator must pay back, with its reason and
    beschikking. The ledger holds it on a receivable account of the plan until it
    is paid (I13)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="recoveries",
    )
    reason = models.CharField(
        _("reason"), max_length=30, choices=RecoveryReason.choices
    )
    motivation = models.TextField(_("motivation"))
    amount_cents = models.PositiveBigIntegerField(_("to pay back (cents)"))
    received_cents = models.PositiveBigIntegerField(_("paid back (cents)"), default=0)
    waived_cents = models.PositiveBigIntegerField(_("waived (cents)"), default=0)
    due_on = models.DateField(_("pay back before"))
    decision = models.OneToOneField(
        "decisions.Decision",
        verbose_name=_("beschikking"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("receivable account"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    claim = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction of the claim"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecoveryStatus.choices,
        default=RecoveryStatus.OPEN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recovery (terugvordering)")
        verbose_name_plural = _("recoveries (terugvorderingen)")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0)
                & Q(
                    received_cents__lte=models.F("amount_cents")
                    - models.F("waived_cents")
                ),
                name="recovery_amounts",
            ),
            # Closed (paid or waived) exactly when nothing is owed any more.
            models.CheckConstraint(
                condition=Q(status=RecoveryStatus.OPEN)
                | Q(received_cents=models.F("amount_cents") - models.F("waived_cents")),
                name="recovery_paid_in_full",
            ),
            # Waived money only with the waiver; a waiver closes the recovery.
            models.CheckConstraint(
                condition=(Q(status=RecoveryStatus.WAIVED) & Q(waived_cents__gt=0))
                | (~Q(status=RecoveryStatus.WAIVED) & Q(waived_cents=0)),
                name="recovery_waived_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.amount_cents}"

    @property
    def outstanding_cents(self) -> int:
        return (
            int(self.amount_cents) - int(self.received_cents) - int(self.waived_cents)
        )


class RecoveryPayment(BaseModel):
    """One payment on a recovery, as the cash manager or official saw it arrive."""

    recovery = models.ForeignKey(
        Recovery,
        verbose_name=_("recovery"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    received_on = models.DateField(_("received on"))
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment on a recovery")
        verbose_name_plural = _("payments on recoveries")
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="recovery_payment_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recovery_id}: {self.amount_cents}"


class RecoveryWaiver(BaseModel):
    """The kwijtschelding of a recovery: what was still owed is forgiven, with the
    official's reason and its own beschikking; the ledger writes the receivable off
    to the municipality's account of waived claims (I13). At most one per recovery,
    and it closes it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recovery = models.OneToOneField(
        Recovery,
        verbose_name=_("recovery"),
        on_delete=models.PROTECT,
        related_name="waiver",
    )
    amount_cents = models.PositiveBigIntegerField(_("waived (cents)"))
    reason = models.TextField(_("reason"))
    decision = models.OneToOneField(
        "decisions.Decision",
        verbose_name=_("beschikking"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("ledger transaction"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("waiver of a recovery (kwijtschelding)")
        verbose_name_plural = _("waivers of recoveries (kwijtscheldingen)")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0) & ~Q(reason=""),
                name="recovery_waiver_amount_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recovery_id}: {self.amount_cents}"
