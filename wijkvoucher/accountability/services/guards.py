"""What the accountability services share: the lock on the plan, who may do what,
and the photos they store."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.constants import MAX_PHOTOS
from wijkvoucher.accountability.models import AccountabilityReport, Photo
from wijkvoucher.accountability.models import ProgressUpdate as Update
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.initiatives.services.attachments import (
    photo_clean,
    upload_read_limited,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

S = InitiativeStatus
# A photo as the view hands it over: the file and what it shows.
PhotoUpload = tuple[IO[bytes], str]


def lock_plan(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related(
            "neighbourhood__municipality", "regulation_version", "initiator"
        )
        .get(pk=initiative.pk)
    )


def require_initiator(actor: User, initiative: Initiative) -> None:
    if actor.pk != initiative.initiator_id:
        raise PermissionDenied


def require_official(actor: User, initiative: Initiative) -> None:
    """A wijk official, never on their own plan."""
    if actor.pk == initiative.initiator_id or not is_wijk_official(
        user=actor, initiative=initiative
    ):
        raise PermissionDenied


def require_in_execution(initiative: Initiative) -> None:
    if initiative.status != S.IN_EXECUTION:
        raise ValidationError(
            _("This is only possible while the plan is being carried out."),
            code="invalid_status",
        )


def clean_photos(photos: list[PhotoUpload]) -> list[tuple[bytes, str, str, str]]:
    """Read and re-encode every photo before anything is written: (bytes, content
    type, suffix, description). Refuses the lot when one is not a photo."""
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(
            _("Add at most %(max)s photos."),
            code="too_many_photos",
            params={"max": MAX_PHOTOS},
        )
    cleaned = []
    for file, description in photos:
        data, content_type, suffix = photo_clean(upload_read_limited(file))
        cleaned.append((data, content_type, suffix, description.strip()[:200]))
    return cleaned


def photos_save(
    *,
    actor: User,
    initiative: Initiative,
    cleaned: list[tuple[bytes, str, str, str]],
    update: Update | None = None,
    report: AccountabilityReport | None = None,
) -> list[Photo]:
    saved = []
    for data, content_type, suffix, description in cleaned:
        photo = Photo(
            initiative=initiative,
            update=update,
            report=report,
            content_type=content_type,
            size_bytes=len(data),
            description=description or initiative.title[:200],
            uploaded_by=actor,
        )
        photo.file.save(f"photo.{suffix}", ContentFile(data), save=False)
        photo.save()
        saved.append(photo)
    return saved
