"""API tokens for providers' own systems. The key is 40 URL-safe random characters;
only its SHA-256 digest is stored, the key itself is shown once."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core import sql
from wijkvoucher.core.services import audit_record
from wijkvoucher.ledger.models import Account
from wijkvoucher.providers.models import (
    Provider,
    ProviderApiToken,
    ProviderMembership,
)
from wijkvoucher.providers.selectors import provider_memberships_active

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


def api_tokens_revoke_for(
    *, actor: User, provider: Provider, user: User | None = None, reason: str
) -> int:
    """Revoke at once every live key of ``provider`` (made by ``user``, when given):
    a key dies with its holder's membership (issue #14). One audit event per key,
    with ``reason``; returns how many. Call it inside the caller's transaction."""
    tokens = ProviderApiToken.objects.select_for_update().filter(
        provider=provider, revoked_at__isnull=True
    )
    if user is not None:
        tokens = tokens.filter(created_by=user)
    now = timezone.now()
    revoked = list(tokens.order_by("pk"))
    for token in revoked:
        token.revoked_at = now
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        audit_record(
            actor=actor,
            action="vouchers.api_token_revoke",
            subject=token,
            data={
                "provider": str(provider.uuid),
                "prefix": token.prefix,
                "reason": reason,
            },
        )
    return len(revoked)


_TOKEN = sql.Loader(ProviderApiToken, "t")
_PROVIDER = sql.Loader(Provider, "p")
_USER = sql.Loader(User, "u")
_PAYABLE = sql.Loader(Account, "a")


class TokenHolderLeft(Exception):
    """The key is live, but the person who made it no longer acts for its provider
    (belt and braces: ending the membership revokes the key, issue #14)."""


def api_token_provider(*, key: str) -> tuple[ProviderApiToken, Provider] | None:
    """The live token and its approved provider for ``key``, or None. The token
    comes with its provider (and that provider's payable account) and the person who
    made it, read with one hand-written statement: every API request starts here
    (wijkvoucher/core/sql.py). Raises ``TokenHolderLeft`` when that person is no
    longer a member of the provider today."""
    if not key or len(key) > 200:
        return None
    today = timezone.localdate()
    row = sql.fetch_one(
        f"SELECT {_TOKEN.columns}, {_PROVIDER.columns}, {_USER.columns}, "  # noqa: S608 (names from _meta; values are parameters)
        f"{_PAYABLE.columns}, EXISTS (SELECT 1 FROM "
        f"{sql.table(ProviderMembership)} m WHERE m.provider_id = t.provider_id "
        "AND m.user_id = t.created_by_id AND m.valid_from <= %s "
        "AND (m.valid_until IS NULL OR m.valid_until >= %s)) "
        f"FROM {sql.table(ProviderApiToken)} t "
        f"JOIN {sql.table(Provider)} p ON p.id = t.provider_id "
        f"JOIN {sql.table(User)} u ON u.id = t.created_by_id "
        f"LEFT JOIN {sql.table(Account)} a ON a.id = p.payable_account_id "
        "WHERE t.key_digest = %s AND t.revoked_at IS NULL "
        "AND p.approved_at IS NOT NULL",
        [today, today, token_digest(key)],
    )
    if row is None:
        return None
    token, at = _TOKEN.take(row, 0)
    provider, at = _PROVIDER.take(row, at)
    user, at = _USER.take(row, at)
    payable, at = _PAYABLE.take(row, at)
    if not row[at]:
        raise TokenHolderLeft
    provider.payable_account = payable
    token.provider = provider
    token.created_by = user
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ProviderApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token, provider


def api_token_refused_id(*, key: str) -> int:
    """The id of the token ``key`` belongs to when ``api_token_provider`` refused it
    (revoked, or its provider not approved), for the security trace; 0 for a key
    that matches no token. Read only after a refusal, never on the busy path."""
    if not key or len(key) > 200:
        return 0
    found = (
        ProviderApiToken.objects.filter(key_digest=token_digest(key))
        .values_list("pk", flat=True)
        .first()
    )
    return int(found or 0)
