"""Writing providers (aanbieders) and the people who act for them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    check_unknown_fields,
    model_validate,
    set_changed_fields,
)
from wijkvoucher.neighbourhoods.validators import normalise_postcode
from wijkvoucher.vouchers.models import Provider, ProviderMembership

_KVK = re.compile(r"[0-9]{8}")


def iban_normalise(value: str) -> str:
    """Spaces out, capitals: ``'nl91 abna 0417 1643 00'`` → ``'NL91ABNA0417164300'``.
    The IBAN check itself comes with payouts."""
    return re.sub(r"\s+", "", value or "").upper()


def _check_kvk(kvk_number: str) -> str:
    kvk = re.sub(r"\s+", "", kvk_number or "")
    if kvk and _KVK.fullmatch(kvk) is None:
        raise ValidationError(
            _("A KvK number has 8 digits."), code="invalid_kvk", params={"value": kvk}
        )
    return kvk


def _check_neighbourhoods(
    municipality: Municipality, neighbourhoods: Iterable[Neighbourhood]
) -> list[Neighbourhood]:
    chosen = list(neighbourhoods)
    for neighbourhood in chosen:
        if neighbourhood.municipality_id != municipality.pk:
            raise ValidationError(
                _("Wijk %(wijk)s belongs to another municipality."),
                code="neighbourhood_other_municipality",
                params={"wijk": neighbourhood.name},
            )
    return chosen


@transaction.atomic
def provider_create(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    kvk_number: str = "",
    iban: str = "",
    street_address: str = "",
    postcode: str = "",
    city: str = "",
    neighbourhoods: Iterable[Neighbourhood] = (),
    description: str = "",
) -> Provider:
    """A provider that still has to be approved. Without wijken it serves the whole
    municipality."""
    if not name.strip():
        raise ValidationError(
            _("%(field)s needs a value."), code="required", params={"field": _("name")}
        )
    kvk = _check_kvk(kvk_number)
    chosen = _check_neighbourhoods(municipality, neighbourhoods)
    Municipality.objects.select_for_update().get(pk=municipality.pk)
    if (
        kvk
        and Provider.objects.filter(municipality=municipality, kvk_number=kvk).exists()
    ):
        raise ValidationError(
            _("A provider with KvK number %(kvk)s already exists."),
            code="provider_exists",
            params={"kvk": kvk},
        )
    provider = Provider(
        municipality=municipality,
        name=name.strip(),
        kvk_number=kvk,
        iban=iban_normalise(iban),
        street_address=street_address.strip(),
        postcode=normalise_postcode(postcode) if postcode.strip() else "",
        city=city.strip(),
        description=description.strip(),
    )
    model_validate(provider)
    provider.save(force_insert=True)
    provider.neighbourhoods.set(chosen)
    audit_record(
        actor=actor,
        action="vouchers.provider_create",
        subject=provider,
        data={
            "municipality": municipality.slug,
            "name": provider.name,
            "kvk_number": kvk,
            "neighbourhoods": sorted(n.slug for n in chosen),
        },
    )
    return provider


PROVIDER_FIELDS = frozenset(
    {
        "name",
        "kvk_number",
        "iban",
        "street_address",
        "postcode",
        "city",
        "description",
        "neighbourhoods",
    }
)


def _normalised_provider_fields(fields: dict[str, Any]) -> dict[str, Any]:
    if "name" in fields and not str(fields["name"]).strip():
        raise ValidationError(
            _("%(field)s needs a value."), code="required", params={"field": _("name")}
        )
    if "kvk_number" in fields:
        fields["kvk_number"] = _check_kvk(fields["kvk_number"])
    if "iban" in fields:
        fields["iban"] = iban_normalise(fields["iban"])
    if "postcode" in fields:
        postcode = str(fields["postcode"]).strip()
        fields["postcode"] = normalise_postcode(postcode) if postcode else ""
    return fields


@transaction.atomic
def provider_update(*, actor: User, provider: Provider, **fields: Any) -> Provider:
    """Change a provider's details or the wijken it serves. Approval stays."""
    check_unknown_fields(fields, PROVIDER_FIELDS)
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    fields = _normalised_provider_fields(dict(fields))
    chosen = fields.pop("neighbourhoods", None)
    kvk = fields.get("kvk_number")
    if (
        kvk
        and Provider.objects.filter(
            municipality_id=provider.municipality_id, kvk_number=kvk
        )
        .exclude(pk=provider.pk)
        .exists()
    ):
        raise ValidationError(
            _("A provider with KvK number %(kvk)s already exists."),
            code="provider_exists",
            params={"kvk": kvk},
        )
    diff = set_changed_fields(provider, fields)
    if chosen is not None:
        municipality = Municipality.objects.get(pk=provider.municipality_id)
        new = sorted(n.slug for n in _check_neighbourhoods(municipality, chosen))
        old = sorted(provider.neighbourhoods.values_list("slug", flat=True))
        if new != old:
            diff["neighbourhoods"] = [old, new]
            provider.neighbourhoods.set(list(chosen))
    if diff:
        model_validate(provider)
        provider.save(
            update_fields=[*(n for n in diff if n != "neighbourhoods"), "updated_at"]
        )
        audit_record(
            actor=actor,
            action="vouchers.provider_update",
            subject=provider,
            data={"diff": diff},
        )
    return provider


@transaction.atomic
def provider_approve(*, actor: User, provider: Provider) -> Provider:
    """Approve a provider: from now on initiators can spend vouchers there."""
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    if provider.approved_at is not None:
        raise ValidationError(
            _("%(provider)s has already been approved."),
            code="already_approved",
            params={"provider": provider.name},
        )
    provider.approved_at = timezone.now()
    provider.approved_by = actor
    provider.save(update_fields=["approved_at", "approved_by", "updated_at"])
    audit_record(
        actor=actor,
        action="vouchers.provider_approve",
        subject=provider,
        data={"approved_at": provider.approved_at},
    )
    return provider


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
