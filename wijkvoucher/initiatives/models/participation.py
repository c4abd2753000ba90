"""The people and files around a plan: co-initiators, supporters' signatures and attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.core.uploads import random_upload_path
from wijkvoucher.initiatives.constants import (
    AttachmentKind,
    SupportStance,
)
from wijkvoucher.initiatives.models.initiative import (
    Initiative,
)


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """A random name under the initiative's folder; the original name is kept in the
    row, never in the path."""
    return random_upload_path(f"initiatives/{instance.initiative.uuid}", filename)


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
