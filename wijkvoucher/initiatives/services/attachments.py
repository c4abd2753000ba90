"""Photos, documents and signed support lists of a plan.

Photos are checked by their content with Pillow (JPEG, PNG or WebP), then re-encoded:
what is stored has no EXIF or GPS metadata. Documents must be PDF (magic bytes).
Files get a random name; they are served only through a view that checks access."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.images import image_reencode
from wijkvoucher.core.services import audit_record
from wijkvoucher.core.uploads import pdf_opens
from wijkvoucher.initiatives.constants import (
    OPEN_FOR_SUPPORT,
    AttachmentKind,
    InitiativeStatus,
)
from wijkvoucher.initiatives.models import Attachment, Initiative
from wijkvoucher.initiatives.services.guards import _lock

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

S = InitiativeStatus
MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 8
MAX_DECLARED = 10_000
# Large photos are scaled down; enough for any screen and for print.
MAX_PIXELS_SIDE = 4000
# Refuse before decoding what would take too much memory (a "decompression bomb").
MAX_PIXELS = 50_000_000
PHOTO_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


def upload_read_limited(file: IO[bytes]) -> bytes:
    file.seek(0)
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is too big. A file can be at most 10 MB."),
            code="too_big",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def photo_clean(data: bytes) -> tuple[bytes, str, str]:
    """Check the bytes are a JPEG, PNG or WebP picture and re-encode them without
    metadata. Returns (bytes, content type, suffix)."""
    refused = ValidationError(
        _("This is not a photo we can use. Upload a JPG, PNG or WebP picture."),
        code="not_an_image",
    )
    out, image_format = image_reencode(
        data,
        formats=PHOTO_FORMATS,
        max_side=MAX_PIXELS_SIDE,
        max_pixels=MAX_PIXELS,
        refused=refused,
    )
    content_type, suffix = PHOTO_FORMATS[image_format]
    return out, content_type, suffix


def pdf_check(data: bytes) -> None:
    """A PDF that a PDF parser opens (core.uploads), not only its first bytes."""
    if not pdf_opens(data):
        raise ValidationError(
            _("This is not a PDF file. Upload your document as PDF."),
            code="not_a_pdf",
        )


def _require_may_add(*, actor: User, initiative: Initiative, kind: str) -> None:
    if actor.pk != initiative.initiator_id:
        raise PermissionDenied
    allowed = {S.DRAFT}
    if kind == AttachmentKind.SUPPORT_LIST:
        # A signed list can still come in after the plan was sent in.
        allowed |= OPEN_FOR_SUPPORT
    if initiative.status not in allowed:
        raise ValidationError(
            _("You can no longer add files to this plan."), code="not_draft"
        )


def _original_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return (base or "bestand")[:200]


@transaction.atomic
def attachment_add(
    *,
    actor: User,
    initiative: Initiative,
    kind: str,
    file: IO[bytes],
    name: str,
    declared_signatures: int | None = None,
) -> Attachment:
    """Add a photo (JPEG, PNG, WebP) or a PDF (document or signed support list) to
    the initiator's plan. A signed list says how many households signed it."""
    initiative = _lock(initiative)
    if kind not in AttachmentKind.values:
        raise ValidationError(
            _("Choose what kind of file this is."), code="unknown_kind"
        )
    _require_may_add(actor=actor, initiative=initiative, kind=kind)
    if initiative.attachments.count() >= MAX_FILES:
        raise ValidationError(
            _("A plan can have at most %(max)s files. Remove one first."),
            code="too_many_files",
            params={"max": MAX_FILES},
        )
    if kind == AttachmentKind.SUPPORT_LIST:
        if declared_signatures is None or not 1 <= declared_signatures <= MAX_DECLARED:
            raise ValidationError(
                _("Enter how many households signed the list."),
                code="declared_required",
            )
    else:
        declared_signatures = None
    data = upload_read_limited(file)
    original = _original_name(name)
    if kind == AttachmentKind.PHOTO:
        data, content_type, suffix = photo_clean(data)
    else:
        pdf_check(data)
        content_type, suffix = "application/pdf", "pdf"
    attachment = Attachment(
        initiative=initiative,
        kind=kind,
        original_name=original,
        content_type=content_type,
        size_bytes=len(data),
        uploaded_by=actor,
        declared_signatures=declared_signatures,
    )
    attachment.file.save(f"upload.{suffix}", ContentFile(data), save=False)
    stored_name = attachment.file.name
    try:
        attachment.save()
        audit_record(
            actor=actor,
            action="initiatives.attachment_add",
            subject=initiative,
            data={
                "attachment": attachment.pk,
                "kind": kind,
                "size_bytes": len(data),
                "declared_signatures": declared_signatures,
            },
        )
    except Exception:
        attachment.file.storage.delete(stored_name)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, actor: User, attachment: Attachment) -> None:
    """The initiator removes a file while they may still add it."""
    initiative = _lock(attachment.initiative)
    row = Attachment.objects.select_for_update().get(
        pk=attachment.pk, initiative=initiative
    )
    _require_may_add(actor=actor, initiative=initiative, kind=row.kind)
    data = {"attachment": row.pk, "kind": row.kind}
    storage, name = row.file.storage, row.file.name
    row.delete()
    audit_record(
        actor=actor,
        action="initiatives.attachment_remove",
        subject=initiative,
        data=data,
    )
    # The file goes only when the removal is committed.
    transaction.on_commit(lambda: storage.delete(name))
