"""Writing who may act for a provider (provider users) and when that ends."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.services import audit_record, validity_end
from wijkvoucher.providers.models import (
    Provider,
    ProviderMembership,
)
from wijkvoucher.providers.services.tokens import api_tokens_revoke_for


@transaction.atomic
def provider_membership_add(
    *, actor: User, provider: Provider, user: User, valid_from: dt.date
) -> ProviderMembership:
    """Let ``user`` act for ``provider`` from ``valid_from``."""
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    if not user.is_active:
        raise ValidationError(
            _("%(person)s has no active account."),
            code="user_inactive",
            params={"person": str(user)},
        )
    if ProviderMembership.objects.filter(provider=provider, user=user).exists():
        raise ValidationError(
            _("%(person)s can already act for %(provider)s."),
            code="already_member",
            params={"person": str(user), "provider": provider.name},
        )
    membership = ProviderMembership.objects.create(
        provider=provider, user=user, valid_from=valid_from
    )
    audit_record(
        actor=actor,
        action="vouchers.provider_membership_add",
        subject=membership,
        data={"provider": provider.pk, "user": user.pk, "valid_from": valid_from},
    )
    return membership


@transaction.atomic
def provider_membership_end(
    *, actor: User, membership: ProviderMembership, on: dt.date
) -> ProviderMembership:
    """``on`` is the last day the person may act for the provider. The API keys the
    person made for it are revoked at once, in the same transaction (issue #14): a
    till keeps working only with a key of someone who stays; another member makes
    a new one."""
    ended = validity_end(
        actor=actor,
        row=membership,
        on=on,
        action="vouchers.provider_membership_end",
        before_start=_("This cannot end before it starts (%(start)s)."),
        already_ended=_("This already ends on %(end)s."),
    )
    api_tokens_revoke_for(
        actor=actor,
        provider=ended.provider,
        user=ended.user,
        reason="membership_ended",
    )
    return ended
