"""An initiative (aanvraag) with its budget, its own contribution, its status history
and the hand-overs between contact officials (CONTEXT.md)."""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.initiatives.constants import (
    AttachmentKind,
    ContributionKind,
    InitiativeStatus,
    ReasonCode,
    SupportStance,
)
from wijkvoucher.initiatives.workflow import REASON_REQUIRED
from wijkvoucher.neighbourhoods.constants import CostCategory

# Rough bounding box of the Netherlands for an optional map point.
LATITUDE_RANGE = (Decimal("50.7"), Decimal("53.6"))
LONGITUDE_RANGE = (Decimal("3.3"), Decimal("7.3"))


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """A random name under the initiative's folder; the original name is kept in the
    row, never in the path."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if not suffix.isalnum() or len(suffix) > 5:
        suffix = "bin"
    return f"initiatives/{instance.initiative.uuid}/{secrets.token_hex(16)}.{suffix}"


class Initiative(BaseModel):
    """A resident's plan. ``status`` is kept here for fast filtering; the timeline is in
    ``StatusChange``. Only the services in services.py change it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    regulation_version = models.ForeignKey(
        "neighbourhoods.RegulationVersion",
        verbose_name=_("regeling version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        help_text=_("The version in force when the initiative was submitted."),
    )
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("initiator"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    contact_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact official"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives_in_contact",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    goals = models.JSONField(_("goals"), default=list, blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    location_text = models.CharField(_("location"), max_length=200, blank=True)
    # None: the initiator has not answered yet. A plan in the street, on a square or
    # in a park needs permission and meets the regeling's public-space deadline.
    uses_public_space = models.BooleanField(
        _("uses public space"), null=True, blank=True
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due on"), null=True, blank=True)
    clock_paused_on = models.DateField(
        _("decision clock paused since"), null=True, blank=True
    )
    clock_paused_days = models.PositiveIntegerField(
        _("days the decision clock was paused"), default=0
    )
    extension_used = models.BooleanField(
        _("decision term extended (Awb 4:14)"), default=False
    )
    requested_amount_cents = models.PositiveBigIntegerField(
        _("requested amount (cents)"), default=0
    )
    food_drink_motivation = models.TextField(
        _("why food and drink are needed"), blank=True
    )
    publish_initiator_name = models.BooleanField(
        _("initiator's name may be published"), default=False
    )
    # A plan that gets no money is published with its title, the reason and the
    # official's public explanation; its full text only with this consent (issue #9).
    publish_text_if_not_awarded = models.BooleanField(
        _("full text may be published if the plan gets no money"), default=False
    )
    # What the age rules of the regeling need, and nothing more (AVG: data
    # minimisation): either "at least N years old" (N the regeling's threshold when
    # the initiator answered) or, only for someone younger, the age itself.
    applicant_age_at_least = models.PositiveSmallIntegerField(
        _("initiator is at least this old"), null=True, blank=True
    )
    applicant_age = models.PositiveSmallIntegerField(
        _("initiator's age (only when younger than the threshold)"),
        null=True,
        blank=True,
    )
    parental_consent = models.BooleanField(
        _("a parent or guardian agrees"), default=False
    )
    parental_consent_name = models.CharField(
        _("name of the parent or guardian who agrees"), max_length=200, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    information_due_on = models.DateField(
        _("information due on"),
        null=True,
        blank=True,
        help_text=_("The last day to send the requested information."),
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=InitiativeStatus.values),
                name="initiative_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="initiative_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(clock_paused_days__gte=0),
                name="initiative_paused_days_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(requested_amount_cents__gte=0),
                name="initiative_requested_not_negative",
            ),
            # What submission sets comes together, and a draft has none of it.
            models.CheckConstraint(
                condition=models.Q(
                    submitted_at__isnull=True,
                    regulation_version__isnull=True,
                    decision_due_on__isnull=True,
                )
                | (
                    models.Q(
                        submitted_at__isnull=False,
                        regulation_version__isnull=False,
                        decision_due_on__isnull=False,
                    )
                    & ~models.Q(status=InitiativeStatus.DRAFT)
                ),
                name="initiative_submission_complete",
            ),
            # The clock has a pause start exactly while information is requested.
            models.CheckConstraint(
                condition=models.Q(
                    status=InitiativeStatus.INFORMATION_REQUESTED,
                    clock_paused_on__isnull=False,
                )
                | (
                    ~models.Q(status=InitiativeStatus.INFORMATION_REQUESTED)
                    & models.Q(clock_paused_on__isnull=True)
                ),
                name="initiative_pause_matches_status",
            ),
            # A map point is both coordinates or none, and lies roughly in the
            # Netherlands.
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=LATITUDE_RANGE[0],
                    latitude__lte=LATITUDE_RANGE[1],
                    longitude__gte=LONGITUDE_RANGE[0],
                    longitude__lte=LONGITUDE_RANGE[1],
                ),
                name="initiative_point_in_netherlands",
            ),
            # The age answer is one of the two, never both.
            models.CheckConstraint(
                condition=models.Q(applicant_age_at_least__isnull=True)
                | models.Q(applicant_age__isnull=True),
                name="initiative_one_age_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BudgetLine(BaseModel):
    """One cost line of the begroting."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    description = models.CharField(_("description"), max_length=200)
    category = models.CharField(
        _("category"), max_length=30, choices=CostCategory.choices
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    hours = models.DecimalField(
        _("hours"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    provider_name = models.CharField(_("provider"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0),
                name="budget_line_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gt=0),
                name="budget_line_hours_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=CostCategory.values),
                name="budget_line_category_known",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class OwnContribution(BaseModel):
    """What the initiators bring themselves: money, hours or things."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="own_contributions",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount_cents = models.PositiveBigIntegerField(
        _("amount (cents)"), null=True, blank=True
    )
    hours = models.DecimalField(
        _("hours"), max_digits=7, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("own contribution")
        verbose_name_plural = _("own contributions")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ContributionKind.values),
                name="own_contribution_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_cents__isnull=True)
                | models.Q(amount_cents__gt=0),
                name="own_contribution_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gt=0),
                name="own_contribution_hours_positive",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ContributionKind.MONEY)
                | models.Q(amount_cents__isnull=False),
                name="own_contribution_money_has_amount",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ContributionKind.HOURS)
                | models.Q(hours__isnull=False),
                name="own_contribution_hours_has_hours",
            ),
        ]

    def __str__(self) -> str:
        return self.description or self.get_kind_display()


class StatusChange(models.Model):
    """One step of the timeline. Append-only: the database refuses UPDATE and DELETE
    (migration 0002); a correction is a new step."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("from"), max_length=30, choices=InitiativeStatus.choices
    )
    to_status = models.CharField(
        _("to"), max_length=30, choices=InitiativeStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system took the step."),
    )
    reason_code = models.CharField(
        _("reason"), max_length=30, choices=ReasonCode.choices, blank=True
    )
    motivation = models.TextField(_("motivation"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")),
                name="status_change_moves",
            ),
            models.CheckConstraint(
                condition=models.Q(reason_code="")
                | models.Q(reason_code__in=ReasonCode.values),
                name="status_change_reason_known",
            ),
            # A step into a status that needs reasons carries both a code and a
            # motivation; other steps carry no code.
            models.CheckConstraint(
                condition=(
                    models.Q(to_status__in=sorted(REASON_REQUIRED))
                    & ~models.Q(reason_code="")
                    & ~models.Q(motivation="")
                )
                | (
                    ~models.Q(to_status__in=sorted(REASON_REQUIRED))
                    & models.Q(reason_code="")
                ),
                name="status_change_reason_when_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ContactHandover(models.Model):
    """The vaste contactambtenaar changed: who handed over to whom, and why."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="contact_handovers",
    )
    from_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note for the new contact official"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("contact hand-over")
        verbose_name_plural = _("contact hand-overs")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_official__isnull=True)
                | ~models.Q(from_official=models.F("to_official")),
                name="contact_handover_changes_official",
            ),
            models.CheckConstraint(
                condition=~models.Q(note=""), name="contact_handover_note_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.from_official_id} → {self.to_official_id}"


class CoInitiator(BaseModel):
    """An invitation to be a co-initiator, and once accepted, the co-initiator. The
    token in the e-mail is stored only as its SHA-256 hash."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="co_initiators",
    )
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-initiator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_initiatives",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("invitation expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-initiator")
        verbose_name_plural = _("co-initiators")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "email"],
                condition=models.Q(revoked_at__isnull=True),
                name="co_initiator_unique_email_while_not_revoked",
            ),
            # Accepted and declined exclude each other; accepted means a user.
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True)
                | models.Q(declined_at__isnull=True),
                name="co_initiator_accepted_or_declined",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True)
                | models.Q(user__isnull=False),
                name="co_initiator_accepted_has_user",
            ),
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")),
                name="co_initiator_email_lower_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.pk}"


class SupportSignature(BaseModel):
    """A neighbour's stance on a submitted plan, signed with their current address."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="support_signatures",
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="support_signatures",
    )
    address = models.ForeignKey(
        "neighbourhoods.Address",
        verbose_name=_("address"),
        on_delete=models.PROTECT,
        related_name="support_signatures",
    )
    stance = models.CharField(_("stance"), max_length=10, choices=SupportStance.choices)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("support signature")
        verbose_name_plural = _("support signatures")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "signer"],
                name="support_signature_one_per_signer",
            ),
            models.CheckConstraint(
                condition=models.Q(stance__in=SupportStance.values),
                name="support_signature_stance_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.stance}"


class Attachment(BaseModel):
    """A photo, document or signed support list of a plan. Served only through a view
    that checks access, never from a public media URL."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    declared_signatures = models.PositiveSmallIntegerField(
        _("households on the signed list"),
        null=True,
        blank=True,
        help_text=_("As stated by the initiator; the contact official checks it."),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AttachmentKind.values),
                name="attachment_kind_known",
            ),
            # Only a signed list declares signatures, and it always does.
            models.CheckConstraint(
                condition=models.Q(
                    kind=AttachmentKind.SUPPORT_LIST,
                    declared_signatures__isnull=False,
                )
                | (
                    ~models.Q(kind=AttachmentKind.SUPPORT_LIST)
                    & models.Q(declared_signatures__isnull=True)
                ),
                name="attachment_declared_only_for_lists",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class DecisionTermExtension(models.Model):
    """The one extension of the decision term (Awb 4:14): from which date to which,
    by whom and why. On the plan's timeline; append-only (database triggers)."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="term_extensions",
    )
    from_due_on = models.DateField(_("decision due before"))
    to_due_on = models.DateField(_("decision due after"))
    motivation = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("decision term extension")
        verbose_name_plural = _("decision term extensions")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], name="decision_term_extended_once"
            ),
            models.CheckConstraint(
                condition=models.Q(to_due_on__gt=models.F("from_due_on")),
                name="decision_term_extension_later",
            ),
            models.CheckConstraint(
                condition=~models.Q(motivation=""),
                name="decision_term_extension_reason_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_due_on} → {self.to_due_on}"


class NoticeOfDefault(models.Model):
    """The initiator's notice of default (ingebrekestelling, Awb 4:17): the municipality
    is late with its decision. Received through the plan page; the day it was received
    fixes the first day of the penalty payment. One per plan; append-only (database
    triggers)."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="notices_of_default",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    decision_due_on = models.DateField(
        _("decision was due on"),
        help_text=_("The decision date that had passed when the notice arrived."),
    )
    penalty_starts_on = models.DateField(_("penalty payment starts on"))
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("notice of default")
        verbose_name_plural = _("notices of default")
        ordering = ["initiative", "received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], name="notice_of_default_once_per_plan"
            ),
            models.CheckConstraint(
                condition=models.Q(penalty_starts_on__gt=models.F("decision_due_on")),
                name="notice_of_default_after_the_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.received_at:%Y-%m-%d}"
