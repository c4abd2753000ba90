"""Writing municipalities, wijken and the postcode ranges that decide which wijk an
address belongs to."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.iban import iban_check
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    PostcodeRange,
    Regulation,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
MUNICIPALITY_FIELDS = frozenset(
    {
        "name",
        "contact_email",
        "contact_phone",
        "website",
        "postal_address",
        "payout_account_name",
        "payout_iban",
        "payout_bic",
        "signatory_name",
        "signatory_function",
        "signatory_mandate",
    }
)
NEIGHBOURHOOD_FIELDS = frozenset(
    {
        "name",
        "slug",
        "description",
        "population",
        "designated_from",
        "designated_until",
        "contact_official",
        "meeting_place",
        "regulation",
    }
)


# --- Small helpers the other service modules of this app share ------------------------


def postcode_normalise(value: str) -> str:
    """``'1234 ab'`` → ``'1234AB'``. Any pair of letters is accepted: range ends such
    as ``'1234ZZ'`` are not real postcodes but are valid bounds."""
    text = re.sub(r"\s+", "", value or "").upper()
    if _POSTCODE.fullmatch(text) is None:
        raise ValidationError(
            _("Enter a postcode like 1234 AB."),
            code="invalid_postcode",
            params={"value": value},
        )
    return text


def set_changed_fields(
    instance: models.Model, fields: Mapping[str, Any]
) -> dict[str, list[Any]]:
    """Set ``fields`` on ``instance`` (strings stripped); return ``{name: [old, new]}``
    for the values that really change, ready for the audit trail."""
    diff: dict[str, list[Any]] = {}
    for name, value in fields.items():
        old = getattr(instance, name)
        new = value.strip() if isinstance(value, str) else value
        if old != new:
            diff[name] = [_plain(old), _plain(new)]
            setattr(instance, name, new)
    return diff


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def model_validate(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """Run the model's own field and constraint checks; raise the first problem as one
    plain ValidationError (with its code) that names the field."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        name, errors = next(iter(exc.error_dict.items()))
        first = errors[0]
        label: Any = _("Error")
        if name != NON_FIELD_ERRORS:
            label = instance._meta.get_field(name).verbose_name  # type: ignore[union-attr]
        raise ValidationError(
            _("%(field)s: %(message)s"),
            code=first.code or "invalid",
            params={"field": label, "message": " ".join(first.messages)},
        ) from None


def check_unknown_fields(fields: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError(
            _("These cannot be set here: %(names)s."),
            code="unknown_field",
            params={"names": ", ".join(unknown)},
        )


# --- Municipality ----------------------------------------------------------------------


def _normalise_payout_account(fields: dict[str, Any]) -> None:
    """The paying account (SEPA debtor of payout batches): a valid IBAN, BIC in
    capitals."""
    if "payout_iban" in fields:
        fields["payout_iban"] = iban_check(fields["payout_iban"] or "")
    if "payout_bic" in fields:
        fields["payout_bic"] = (fields["payout_bic"] or "").strip().upper()


@transaction.atomic
def municipality_create(
    *, actor: User, name: str, slug: str, **fields: Any
) -> Municipality:
    check_unknown_fields(fields, MUNICIPALITY_FIELDS - {"name"})
    _normalise_payout_account(fields)
    if Municipality.objects.filter(slug=slug).exists():
        raise ValidationError(
            _("The short name %(slug)s is already in use."),
            code="slug_taken",
            params={"slug": slug},
        )
    municipality = Municipality(name=name.strip(), slug=slug, **fields)
    model_validate(municipality)
    municipality.save(force_insert=True)
    audit_record(
        actor=actor,
        action="neighbourhoods.municipality_create",
        subject=municipality,
        data={"name": municipality.name, "slug": slug, **fields},
    )
    return municipality


@transaction.atomic
def municipality_update(
    *, actor: User, municipality: Municipality, **fields: Any
) -> Municipality:
    """Name, contact details and the paying account. The short name (slug) names
    ledger accounts and stays."""
    check_unknown_fields(fields, MUNICIPALITY_FIELDS)
    _normalise_payout_account(fields)
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    diff = set_changed_fields(municipality, fields)
    if diff:
        model_validate(municipality)
        municipality.save(update_fields=[*diff, "updated_at"])
        public_pages_changed()
        audit_record(
            actor=actor,
            action="neighbourhoods.municipality_update",
            subject=municipality,
            data={"diff": diff},
        )
    return municipality


# --- Neighbourhood ---------------------------------------------------------------------


def _check_regulation(regulation: Regulation, municipality_id: int) -> None:
    if regulation.municipality_id != municipality_id:
        raise ValidationError(
            _("The regeling %(regulation)s belongs to another municipality."),
            code="regulation_other_municipality",
            params={"regulation": regulation.name},
        )


def _check_slug_free(slug: str, exclude_pk: int | None = None) -> None:
    others = Neighbourhood.objects.filter(slug=slug)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError(
            _("The short name %(slug)s is already in use."),
            code="slug_taken",
            params={"slug": slug},
        )


def _check_designation(start: dt.date, until: dt.date | None) -> None:
    if until is not None and until <= start:
        raise ValidationError(
            _("The wijk must be designated until a date after it starts."),
            code="designation_order",
        )


@transaction.atomic
def neighbourhood_create(
    *,
    actor: User,
    municipality: Municipality,
    regulation: Regulation,
    name: str,
    slug: str,
    population: int,
    designated_from: dt.date,
    postcode_ranges: Sequence[tuple[str, str]],
    description: str = "",
    designated_until: dt.date | None = None,
    contact_official: User | None = None,
    meeting_place: str = "",
) -> Neighbourhood:
    """A wijk designated by the college, with the postcode ranges it covers."""
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    _check_regulation(regulation, municipality.pk)
    _check_slug_free(slug)
    _check_designation(designated_from, designated_until)
    neighbourhood = Neighbourhood(
        municipality=municipality,
        regulation=regulation,
        name=name.strip(),
        slug=slug,
        population=population,
        designated_from=designated_from,
        designated_until=designated_until,
        description=description.strip(),
        contact_official=contact_official,
        meeting_place=meeting_place.strip(),
    )
    model_validate(neighbourhood)
    neighbourhood.save(force_insert=True)
    ranges = [
        _range_add(actor=actor, neighbourhood=neighbourhood, start=start, end=end)
        for start, end in postcode_ranges
    ]
    public_pages_changed()
    audit_record(
        actor=actor,
        action="neighbourhoods.neighbourhood_create",
        subject=neighbourhood,
        data={
            "municipality": municipality.slug,
            "regulation": regulation.pk,
            "name": neighbourhood.name,
            "slug": slug,
            "population": population,
            "designated_from": designated_from,
            "designated_until": designated_until,
            "postcode_ranges": [[r.start, r.end] for r in ranges],
        },
    )
    return neighbourhood


@transaction.atomic
def neighbourhood_update(
    *, actor: User, neighbourhood: Neighbourhood, **fields: Any
) -> Neighbourhood:
    """Change a wijk's details. The municipality of a wijk never changes."""
    check_unknown_fields(fields, NEIGHBOURHOOD_FIELDS)
    neighbourhood = Neighbourhood.objects.select_for_update().get(pk=neighbourhood.pk)
    if "regulation" in fields:
        _check_regulation(fields["regulation"], neighbourhood.municipality_id)
    if "slug" in fields:
        _check_slug_free(fields["slug"], exclude_pk=neighbourhood.pk)
    _check_designation(
        fields.get("designated_from", neighbourhood.designated_from),
        fields.get("designated_until", neighbourhood.designated_until),
    )
    diff = set_changed_fields(neighbourhood, fields)
    if diff:
        model_validate(neighbourhood)
        neighbourhood.save(update_fields=[*diff, "updated_at"])
        public_pages_changed()
        audit_record(
            actor=actor,
            action="neighbourhoods.neighbourhood_update",
            subject=neighbourhood,
            data={"diff": diff},
        )
    return neighbourhood


# --- Postcode ranges -------------------------------------------------------------------


def _range_add(
    *, actor: User, neighbourhood: Neighbourhood, start: str, end: str
) -> PostcodeRange:
    """Add a range; the caller holds the municipality's row lock."""
    start, end = postcode_normalise(start), postcode_normalise(end)
    if start > end:
        raise ValidationError(
            _("The first postcode %(start)s comes after the last one %(end)s."),
            code="postcode_range_order",
            params={"start": start, "end": end},
        )
    clash = (
        PostcodeRange.objects.filter(
            neighbourhood__municipality_id=neighbourhood.municipality_id,
            start__lte=end,
            end__gte=start,
        )
        .select_related("neighbourhood")
        .order_by("start")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _(
                "The postcodes %(start)s to %(end)s overlap with %(other_start)s to "
                "%(other_end)s of wijk %(wijk)s."
            ),
            code="postcode_overlap",
            params={
                "start": start,
                "end": end,
                "other_start": clash.start,
                "other_end": clash.end,
                "wijk": clash.neighbourhood.name,
            },
        )
    postcode_range = PostcodeRange.objects.create(
        neighbourhood=neighbourhood, start=start, end=end
    )
    audit_record(
        actor=actor,
        action="neighbourhoods.postcode_range_add",
        subject=postcode_range,
        data={"neighbourhood": neighbourhood.slug, "start": start, "end": end},
    )
    return postcode_range


@transaction.atomic
def postcode_range_add(
    *, actor: User, neighbourhood: Neighbourhood, start: str, end: str
) -> PostcodeRange:
    """Add the postcodes ``start`` to ``end`` (inclusive) to a wijk. No postcode may
    belong to two wijken of one municipality."""
    Municipality.objects.select_for_update().get(pk=neighbourhood.municipality_id)
    return _range_add(actor=actor, neighbourhood=neighbourhood, start=start, end=end)


@transaction.atomic
def postcode_range_remove(*, actor: User, postcode_range: PostcodeRange) -> None:
    """Take a range away from a wijk. Addresses already linked keep their wijk."""
    postcode_range = (
        PostcodeRange.objects.select_for_update()
        .select_related("neighbourhood")
        .get(pk=postcode_range.pk)
    )
    audit_record(
        actor=actor,
        action="neighbourhoods.postcode_range_remove",
        subject=postcode_range,
        data={
            "neighbourhood": postcode_range.neighbourhood.slug,
            "start": postcode_range.start,
            "end": postcode_range.end,
        },
    )
    postcode_range.delete()
