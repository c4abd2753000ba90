"""The municipality's letterhead and signatories for its documents (docs/documents.md):
the logo, and who signs the beschikking in each authority mode."""

from __future__ import annotations

import hashlib
from typing import IO, TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.images import image_reencode
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.neighbourhoods.models import Municipality, Signatory
from wijkvoucher.neighbourhoods.services.neighbourhoods import model_validate

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

LOGO_MAX_BYTES = 2 * 1024 * 1024
# Enough for print at 300 dpi in the 60 x 20 mm the letterhead gives it.
LOGO_MAX_SIDE = 1200
LOGO_MAX_PIXELS = 25_000_000
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def logo_clean(data: bytes) -> tuple[bytes, str]:
    """A PNG or JPEG logo, saved again without metadata. Returns (bytes, suffix)."""
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is too big. It can be at most 2 MB."), code="logo_too_big"
        )
    cleaned, image_format = image_reencode(
        data,
        formats=LOGO_FORMATS,
        max_side=LOGO_MAX_SIDE,
        max_pixels=LOGO_MAX_PIXELS,
        refused=ValidationError(
            _("This is not a logo we can use. Upload a PNG or JPG picture."),
            code="logo_not_an_image",
        ),
    )
    return cleaned, LOGO_FORMATS[image_format]


def _locked(municipality: Municipality) -> Municipality:
    return Municipality.objects.select_for_update().get(pk=municipality.pk)


def _delete_after_commit(storage: object, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))  # type: ignore[attr-defined]


@transaction.atomic
def municipality_logo_set(
    *, actor: User, municipality: Municipality, file: IO[bytes]
) -> Municipality:
    """Replace the logo of the letterhead by the uploaded PNG or JPEG."""
    file.seek(0)
    data, suffix = logo_clean(file.read(LOGO_MAX_BYTES + 1))
    municipality = _locked(municipality)
    storage, old = municipality.logo.storage, municipality.logo.name
    municipality.logo.save(f"logo.{suffix}", ContentFile(data), save=False)
    stored = municipality.logo.name
    try:
        municipality.save(update_fields=["logo", "updated_at"])
        audit_record(
            actor=actor,
            action="neighbourhoods.municipality_logo_set",
            subject=municipality,
            data={"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)},
        )
    except Exception:
        storage.delete(stored)
        raise
    _delete_after_commit(storage, old)
    return municipality


@transaction.atomic
def municipality_logo_remove(
    *, actor: User, municipality: Municipality
) -> Municipality:
    """The letterhead shows the name only."""
    municipality = _locked(municipality)
    if not municipality.logo:
        return municipality
    storage, old = municipality.logo.storage, municipality.logo.name
    municipality.logo = ""
    municipality.save(update_fields=["logo", "updated_at"])
    audit_record(
        actor=actor,
        action="neighbourhoods.municipality_logo_remove",
        subject=municipality,
    )
    _delete_after_commit(storage, old)
    return municipality


@transaction.atomic
def signatory_set(
    *,
    actor: User,
    municipality: Municipality,
    authority_mode: str,
    name: str,
    function: str,
    mandate: str = "",
) -> Signatory:
    """Who signs the decisions taken in ``authority_mode`` (one per mode)."""
    municipality = _locked(municipality)
    if authority_mode not in AuthorityMode.values:
        raise ValidationError(
            _("Choose a way of deciding."), code="unknown_authority_mode"
        )
    signatory = Signatory.objects.filter(
        municipality=municipality, authority_mode=authority_mode
    ).first() or Signatory(municipality=municipality, authority_mode=authority_mode)
    signatory.name, signatory.function = name.strip(), function.strip()
    signatory.mandate = mandate.strip()
    model_validate(signatory, exclude=["municipality"])
    signatory.save()
    audit_record(
        actor=actor,
        action="neighbourhoods.signatory_set",
        subject=municipality,
        data={
            "authority_mode": authority_mode,
            "name": signatory.name,
            "function": signatory.function,
            "mandate": signatory.mandate,
        },
    )
    return signatory


@transaction.atomic
def signatory_remove(*, actor: User, signatory: Signatory) -> None:
    """The municipality's own signatory signs in that mode again."""
    municipality = _locked(signatory.municipality)
    row = Signatory.objects.get(pk=signatory.pk, municipality=municipality)
    mode = row.authority_mode
    row.delete()
    audit_record(
        actor=actor,
        action="neighbourhoods.signatory_remove",
        subject=municipality,
        data={"authority_mode": mode},
    )
