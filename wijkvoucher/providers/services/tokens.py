"""API tokens for providers' own systems. The key is 40 URL-safe random characters;
only its SHA-256 digest is stored, the key itself is shown once."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.providers.models import Provider, ProviderApiToken
from wijkvoucher.providers.selectors import provider_memberships_active

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

TOKEN_PREFIX = "wv_"  # noqa: S105 (a visible prefix, not a secret)


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _require_member(actor: User, provider: Provider) -> None:
    if not provider_memberships_active(user=actor).filter(provider=provider).exists():
        raise PermissionDenied


@transaction.atomic
def api_token_create(
    *, actor: User, provider: Provider, name: str
) -> tuple[ProviderApiToken, str]:
    """A new token for ``provider``; returns the row and the key (shown once)."""
    _require_member(actor, provider)
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            _("Give the key a name, for example the name of your till system."),
            code="required",
        )
    key = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ProviderApiToken.objects.create(
        provider=provider,
        name=name[:100],
        prefix=key[:10],
        key_digest=token_digest(key),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="vouchers.api_token_create",
        subject=token,
        data={
            "provider": str(provider.uuid),
            "name": token.name,
            "prefix": token.prefix,
        },
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ProviderApiToken) -> ProviderApiToken:
    token = ProviderApiToken.objects.select_for_update().get(pk=token.pk)
    _require_member(actor, token.provider)
    if token.revoked_at is not None:
        raise ValidationError(
            _("This key has already been revoked."), code="already_revoked"
        )
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(
        actor=actor,
        action="vouchers.api_token_revoke",
        subject=token,
        data={"provider": str(token.provider.uuid), "prefix": token.prefix},
    )
    return token


def api_token_provider(*, key: str) -> tuple[ProviderApiToken, Provider] | None:
    """The live token and its approved provider for ``key``, or None."""
    if not key or len(key) > 200:
        return None
    token = (
        ProviderApiToken.objects.select_related(
            "provider__payable_account", "created_by"
        )
        .filter(
            key_digest=token_digest(key),
            revoked_at__isnull=True,
            provider__approved_at__isnull=False,
        )
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ProviderApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token, token.provider
