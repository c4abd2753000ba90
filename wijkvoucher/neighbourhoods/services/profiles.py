"""A person's own profile: name, phone, language and consent."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods import validators as v

_NAME_MAX = 200
_PROFILE_FIELDS = (
    "full_name",
    "phone",
    "preferred_language",
    "consent_publish_name",
    "consent_research",
)


def _languages() -> set[str]:
    return {
        str(code)
        for code, _label in User._meta.get_field("preferred_language").choices or []
    }


def _profile_values(
    *,
    full_name: str,
    phone: str,
    preferred_language: str,
    consent_publish_name: bool,
    consent_research: bool,
) -> dict[str, object]:
    errors: dict[str, ValidationError] = {}
    name = ""
    try:
        name = v.normalise_text(full_name, max_length=_NAME_MAX)
        if not name:
            raise ValidationError(_("Enter your name."), code="name_required")
    except ValidationError as exc:
        errors["full_name"] = exc
    try:
        phone = v.normalise_phone(phone)
    except ValidationError as exc:
        errors["phone"] = exc
    if preferred_language not in _languages():
        errors["preferred_language"] = ValidationError(
            _("Choose a language from the list."), code="invalid_language"
        )
    if errors:
        raise ValidationError(errors)
    return {
        "full_name": name,
        "phone": phone,
        "preferred_language": preferred_language,
        "consent_publish_name": bool(consent_publish_name),
        "consent_research": bool(consent_research),
    }


@transaction.atomic
def user_profile_update(
    *,
    actor: User,
    user: User,
    full_name: str,
    phone: str,
    preferred_language: str,
    consent_publish_name: bool,
    consent_research: bool,
) -> User:
    """A person updates their own details. The audit event names the fields that
    changed, not their values."""
    if actor.pk != user.pk:
        raise PermissionDenied
    values = _profile_values(
        full_name=full_name,
        phone=phone,
        preferred_language=preferred_language,
        consent_publish_name=consent_publish_name,
        consent_research=consent_research,
    )
    locked = User.objects.select_for_update().get(pk=user.pk)
    changed = [
        name for name in _PROFILE_FIELDS if getattr(locked, name) != values[name]
    ]
    for name in changed:
        setattr(locked, name, values[name])
    if changed:
        locked.save(update_fields=changed)
    public_pages_changed()
    audit_record(
        actor=actor,
        action="user.profile_update",
        subject=locked,
        data={
            "changed": changed,
            # Consent is a fact the municipality must be able to show (AVG art. 7).
            "consent_publish_name": locked.consent_publish_name,
            "consent_research": locked.consent_research,
        },
    )
    return locked


@transaction.atomic
def user_name_set(*, actor: User, user: User, full_name: str) -> User:
    """A person gives or corrects their own name, for example when a plan is sent
    and the decision about it must be addressed to them."""
    if actor.pk != user.pk:
        raise PermissionDenied
    name = v.normalise_text(" ".join(full_name.split()), max_length=_NAME_MAX)
    if not name:
        raise ValidationError(_("Enter your name."), code="name_required")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.full_name != name:
        locked.full_name = name
        locked.save(update_fields=["full_name"])
        public_pages_changed()
        audit_record(
            actor=actor,
            action="user.name_set",
            subject=locked,
            data={"changed": ["full_name"]},
        )
    user.full_name = name
    return locked
