"""Writing who may act for a provider (provider users) and when that ends."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.services import audit_record
from wijkvoucher.providers.models import (
    Provider,
    ProviderMembership,
)


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
    """``on`` is the last day the person may act for the provider."""
    membership = ProviderMembership.objects.select_for_update().get(pk=membership.pk)
    if on < membership.valid_from:
        raise ValidationError(
            _("This cannot end before it starts (%(start)s)."),
            code="period_order",
            params={"start": date_format(membership.valid_from)},
        )
    if membership.valid_until is not None and membership.valid_until <= on:
        raise ValidationError(
            _("This already ends on %(end)s."),
            code="already_ended",
            params={"end": date_format(membership.valid_until)},
        )
    old = membership.valid_until
    membership.valid_until = on
    membership.save(update_fields=["valid_until", "updated_at"])
    audit_record(
        actor=actor,
        action="vouchers.provider_membership_end",
        subject=membership,
        data={"old_valid_until": old, "valid_until": on},
    )
    return membership
