"""Writing providers (aanbieders) and the people who act for them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.iban import iban_check
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    check_unknown_fields,
    model_validate,
    set_changed_fields,
)
from wijkvoucher.neighbourhoods.validators import normalise_postcode
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.constants import ProviderCategory
from wijkvoucher.vouchers.models import Provider, ProviderMembership

_KVK = re.compile(r"[0-9]{8}")


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
        iban=iban_check(iban),
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
        fields["iban"] = iban_check(fields["iban"])
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


def _check_categories(categories: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(str(c) for c in categories))
    known = set(ProviderCategory.values)
    for category in chosen:
        if category not in known:
            raise ValidationError(
                _("%(category)s is not a category of providers."),
                code="invalid_category",
                params={"category": category},
            )
    return [c for c in ProviderCategory.values if c in chosen]


def _municipality_coordinators(municipality: Municipality) -> list[User]:
    day = timezone.localdate()
    holders = (
        RoleAssignment.objects.filter(
            role=Role.COORDINATOR, municipality=municipality, valid_from__lte=day
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .values("user_id")
    )
    return list(User.objects.filter(pk__in=holders, is_active=True).order_by("pk"))


@transaction.atomic
def provider_register(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    kvk_number: str,
    iban: str,
    street_address: str,
    postcode: str,
    city: str,
    neighbourhoods: Iterable[Neighbourhood] = (),
    categories: Iterable[str] = (),
    description: str = "",
    email: str = "",
) -> Provider:
    """A business signs itself up: an unapproved provider registered by ``actor``.
    The municipality's coordinators are told; when one approves it, ``actor``
    becomes its first user. KvK number and IBAN are required here (payouts)."""
    for label, value in ((_("KvK number"), kvk_number), (_("IBAN"), iban)):
        if not (value or "").strip():
            raise ValidationError(
                _("%(field)s needs a value."), code="required", params={"field": label}
            )
    chosen_categories = _check_categories(categories)
    provider = provider_create(
        actor=actor,
        municipality=municipality,
        name=name,
        kvk_number=kvk_number,
        iban=iban,
        street_address=street_address,
        postcode=postcode,
        city=city,
        neighbourhoods=neighbourhoods,
        description=description,
    )
    provider.categories = chosen_categories
    provider.email = (email or "").strip()
    provider.registered_by = actor
    model_validate(provider)
    provider.save(update_fields=["categories", "email", "registered_by", "updated_at"])
    audit_record(
        actor=actor,
        action="vouchers.provider_register",
        subject=provider,
        data={"categories": chosen_categories, "email": provider.email},
    )
    notification_send(
        recipients=_municipality_coordinators(municipality),
        kind="vouchers.provider_registered",
        subject=_("%(provider)s wants to become a provider"),
        body=_(
            "%(provider)s (KvK %(kvk)s) signed up to accept vouchers. Check the "
            "details and approve the provider."
        ),
        params={"provider": provider.name, "kvk": provider.kvk_number},
        url=reverse(
            "vouchers:provider_review", kwargs={"provider_uuid": provider.uuid}
        ),
    )
    return provider


@transaction.atomic
def provider_approve(*, actor: User, provider: Provider) -> Provider:
    """Approve a provider: from now on initiators can spend vouchers there. The
    person who registered it (if any) becomes its first user."""
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
    registrant = provider.registered_by
    if (
        registrant is not None
        and registrant.is_active
        and not ProviderMembership.objects.filter(
            provider=provider, user=registrant
        ).exists()
    ):
        provider_membership_add(
            actor=actor,
            provider=provider,
            user=registrant,
            valid_from=timezone.localdate(),
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
