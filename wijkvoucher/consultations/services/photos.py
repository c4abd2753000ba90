"""The photo of an option on the ballot (docs/voting.md#photos): chosen by the
organiser while the ballot is a draft, public with the ballot. The picture is checked
by its content and saved again without metadata (``initiatives.services.attachments.
photo_clean``); a photo needs a description for those who cannot see it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.models import ConsultationOption
from wijkvoucher.consultations.services.guards import (
    consultation_lock,
    require_draft,
    require_organiser,
)
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.services.attachments import photo_clean

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

ALT_MAX = 200


def _locked_option(actor: User, option: ConsultationOption) -> ConsultationOption:
    consultation = consultation_lock(option.consultation)
    require_organiser(actor=actor, neighbourhood=consultation.neighbourhood)
    require_draft(consultation)
    locked = ConsultationOption.objects.select_for_update().get(
        pk=option.pk, consultation=consultation
    )
    locked.consultation = consultation
    return locked


@transaction.atomic
def option_photo_set(
    *, actor: User, option: ConsultationOption, data: bytes, alt: str
) -> ConsultationOption:
    """Put a photo with its description on a draft ballot's option (in the place of
    an earlier one). Refused, nothing changed: not a JPEG, PNG or WebP picture, no
    description, or the ballot is no draft."""
    alt = " ".join(alt.split())
    if not alt:
        raise ValidationError(
            _("Describe the photo in a few words, for those who cannot see it."),
            code="alt_needed",
        )
    if len(alt) > ALT_MAX:
        raise ValidationError(
            _("Describe the photo in at most %(max)d characters."),
            code="alt_too_long",
            params={"max": ALT_MAX},
        )
    locked = _locked_option(actor, option)
    cleaned, content_type, suffix = photo_clean(data)
    old = locked.photo.name
    locked.photo.save(f"photo.{suffix}", ContentFile(cleaned), save=False)
    locked.photo_content_type = content_type
    locked.photo_alt = alt
    locked.save(
        update_fields=["photo", "photo_content_type", "photo_alt", "updated_at"]
    )
    _delete_after_commit(locked, old)
    audit_record(
        actor=actor,
        action="consultations.option_photo_set",
        subject=locked.consultation,
        data={"option": locked.pk, "bytes": len(cleaned), "type": content_type},
    )
    return locked


@transaction.atomic
def option_photo_remove(*, actor: User, option: ConsultationOption) -> None:
    """Take the photo off a draft ballot's option."""
    locked = _locked_option(actor, option)
    if not locked.photo:
        return
    old = locked.photo.name
    locked.photo = ""
    locked.photo_content_type = ""
    locked.photo_alt = ""
    locked.save(
        update_fields=["photo", "photo_content_type", "photo_alt", "updated_at"]
    )
    _delete_after_commit(locked, old)
    audit_record(
        actor=actor,
        action="consultations.option_photo_remove",
        subject=locked.consultation,
        data={"option": locked.pk},
    )


def _delete_after_commit(option: ConsultationOption, name: str) -> None:
    """The file an option no longer shows, deleted once the change is committed
    (a rolled-back change keeps it)."""
    if name:
        storage = option.photo.storage
        transaction.on_commit(lambda: storage.delete(name))
