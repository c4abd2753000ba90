"""Writing providers (aanbieders) and the people who act for them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.iban import iban_check
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Neighbourhood,
)
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    check_unknown_fields,
    model_validate,
    set_changed_fields,
)
from wijkvoucher.neighbourhoods.validators import normalise_postcode
from wijkvoucher.providers.models import (
    Provider,
)
from wijkvoucher.providers.validators import kvk_check


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
    kvk = kvk_check(kvk_number)
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
        fields["kvk_number"] = kvk_check(fields["kvk_number"])
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
        public_pages_changed()
        audit_record(
            actor=actor,
            action="vouchers.provider_update",
            subject=provider,
            data={"diff": diff},
        )
    return provider


# --- The coordinator's review and the applicant's correction ---------------------------
