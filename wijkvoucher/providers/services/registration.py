"""A provider's application: registering, telling the coordinators, and sending it again after a request for changes (docs/architecture.md#inside-an-app)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.iban import iban_check
from wijkvoucher.core.refusals import Refusals
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    model_validate,
    set_changed_fields,
)
from wijkvoucher.neighbourhoods.validators import normalise_postcode
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.providers.constants import ProviderCategory, ProviderReviewStatus
from wijkvoucher.providers.links import application_url, provider_review_url
from wijkvoucher.providers.models import (
    Provider,
)
from wijkvoucher.providers.services.providers import (
    _check_neighbourhoods,
    provider_create,
)
from wijkvoucher.providers.services.transitions import (
    providers_step_check,
    providers_transition,
)
from wijkvoucher.providers.validators import kvk_check
from wijkvoucher.providers.workflow import PROVIDER_REVIEW


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


def _required(value: str, label: Any, code: str) -> None:
    if not (value or "").strip():
        raise ValidationError(
            _("%(field)s needs a value."), code=code, params={"field": label}
        )


def _check_application(
    *,
    municipality: Municipality,
    name: str,
    kvk_number: str,
    iban: str,
    postcode: str,
    neighbourhoods: Iterable[Neighbourhood],
    categories: Iterable[str],
    exclude_pk: int | None = None,
) -> dict[str, Any]:
    """Check a provider's application in one go: every problem is reported together
    (``core.refusals``), each with a code that names its field. Returns the
    normalised values."""
    refusals = Refusals()
    refusals.check(lambda: _required(name, _("name"), "name_required"), None)
    refusals.check(lambda: _required(kvk_number, _("KvK number"), "kvk_required"), None)
    refusals.check(lambda: _required(iban, _("IBAN"), "iban_required"), None)
    kvk = refusals.check(lambda: kvk_check(kvk_number), "")
    others = Provider.objects.filter(municipality=municipality, kvk_number=kvk)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if kvk and others.exists():
        refusals.add(
            ValidationError(
                _("A provider with KvK number %(kvk)s already exists."),
                code="provider_exists",
                params={"kvk": kvk},
            )
        )
    no_wijken: list[Neighbourhood] = []
    no_categories: list[str] = []
    cleaned = {
        "name": name.strip(),
        "kvk_number": kvk,
        "iban": refusals.check(lambda: iban_check(iban), ""),
        "postcode": refusals.check(
            lambda: normalise_postcode(postcode) if postcode.strip() else "", ""
        ),
        "neighbourhoods": refusals.check(
            lambda: _check_neighbourhoods(municipality, neighbourhoods), no_wijken
        ),
        "categories": refusals.check(
            lambda: _check_categories(categories), no_categories
        ),
    }
    refusals.raise_all()
    return cleaned


def _tell_coordinators(provider: Provider, *, again: bool) -> None:
    notification_send(
        recipients=_municipality_coordinators(provider.municipality),
        kind="vouchers.provider_registered",
        subject=_("%(provider)s sent its application again")
        if again
        else _("%(provider)s wants to become a provider"),
        body=_(
            "%(provider)s (KvK %(kvk)s) corrected its application to accept "
            "vouchers. Check the details again."
        )
        if again
        else _(
            "%(provider)s (KvK %(kvk)s) signed up to accept vouchers. Check the "
            "details and approve the provider."
        ),
        params={"provider": provider.name, "kvk": provider.kvk_number},
        url=provider_review_url(provider),
    )


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
    becomes its first user. KvK number and IBAN are required here (payouts). Every
    problem with the details is refused at once."""
    Municipality.objects.select_for_update().get(pk=municipality.pk)
    cleaned = _check_application(
        municipality=municipality,
        name=name,
        kvk_number=kvk_number,
        iban=iban,
        postcode=postcode,
        neighbourhoods=neighbourhoods,
        categories=categories,
    )
    provider = provider_create(
        actor=actor,
        municipality=municipality,
        name=cleaned["name"],
        kvk_number=cleaned["kvk_number"],
        iban=cleaned["iban"],
        street_address=street_address,
        postcode=cleaned["postcode"],
        city=city,
        neighbourhoods=cleaned["neighbourhoods"],
        description=description,
    )
    provider.categories = cleaned["categories"]
    provider.email = (email or "").strip()
    provider.registered_by = actor
    model_validate(provider)
    provider.save(update_fields=["categories", "email", "registered_by", "updated_at"])
    audit_record(
        actor=actor,
        action="vouchers.provider_register",
        subject=provider,
        data={"categories": cleaned["categories"], "email": provider.email},
    )
    _tell_coordinators(provider, again=False)
    notification_send(
        recipients=[actor],
        kind="vouchers.provider_application_received",
        subject=_("We received the application of %(provider)s"),
        body=_(
            "The coordinator of the municipality checks the application of "
            "%(provider)s. You get a message about the outcome. Your application "
            "page shows where it stands."
        ),
        params={"provider": provider.name},
        url=application_url(provider),
    )
    return provider


def _lock_provider(provider: Provider) -> Provider:
    return (
        Provider.objects.select_for_update(of=("self",))
        .select_related("municipality", "registered_by")
        .get(pk=provider.pk)
    )


def _review_step(provider: Provider, to: ProviderReviewStatus, action: str) -> None:
    """Refuse a step the table ``workflow.PROVIDER_REVIEW`` does not allow
    now."""
    providers_step_check(machine=PROVIDER_REVIEW, row=provider, to=to, action=action)


@transaction.atomic
def provider_application_resubmit(
    *,
    actor: User,
    provider: Provider,
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
    """The applicant corrects a returned application and sends it again: the
    coordinators are told and review it once more. Every problem is refused at
    once; only the person who registered it may do this."""
    provider = _lock_provider(provider)
    if provider.registered_by_id != actor.pk:
        raise PermissionDenied
    refusals = Refusals()
    refusals.check(
        lambda: _review_step(
            provider,
            ProviderReviewStatus.SUBMITTED,
            "vouchers.provider_application_resubmit",
        ),
        None,
    )
    nothing: dict[str, Any] = {}
    cleaned = refusals.check(
        lambda: _check_application(
            municipality=provider.municipality,
            name=name,
            kvk_number=kvk_number,
            iban=iban,
            postcode=postcode,
            neighbourhoods=neighbourhoods,
            categories=categories,
            exclude_pk=provider.pk,
        ),
        nothing,
    )
    refusals.raise_all()
    diff = set_changed_fields(
        provider,
        {
            "name": cleaned["name"],
            "kvk_number": cleaned["kvk_number"],
            "iban": cleaned["iban"],
            "street_address": street_address,
            "postcode": cleaned["postcode"],
            "city": city,
            "description": description,
            "categories": cleaned["categories"],
            "email": email or "",
        },
    )
    new_wijken = sorted(n.slug for n in cleaned["neighbourhoods"])
    old_wijken = sorted(provider.neighbourhoods.values_list("slug", flat=True))
    if new_wijken != old_wijken:
        diff["neighbourhoods"] = [old_wijken, new_wijken]
        provider.neighbourhoods.set(cleaned["neighbourhoods"])
    model_validate(provider)
    provider.save()
    providers_transition(
        actor=actor,
        machine=PROVIDER_REVIEW,
        row=provider,
        to=ProviderReviewStatus.SUBMITTED,
        action="vouchers.provider_application_resubmit",
        audit_data={"diff": diff},
    )
    _tell_coordinators(provider, again=True)
    return provider
