"""Writing providers (aanbieders) and the people who act for them."""

from __future__ import annotations

import datetime as dt
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
from wijkvoucher.core.services import audit_record, validity_end
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.selectors.roles import (
    municipalities_where_user_has_role,
)
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    check_unknown_fields,
    model_validate,
    set_changed_fields,
)
from wijkvoucher.neighbourhoods.validators import normalise_postcode
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.constants import ProviderCategory, ProviderReviewStatus
from wijkvoucher.vouchers.links import (
    application_url,
    provider_home_url,
    provider_review_url,
)
from wijkvoucher.vouchers.models import (
    Provider,
    ProviderMembership,
)
from wijkvoucher.vouchers.services.transitions import (
    vouchers_step_check,
    vouchers_transition,
)
from wijkvoucher.vouchers.validators import kvk_check
from wijkvoucher.vouchers.workflow_provider import PROVIDER_REVIEW


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


# --- The coordinator's review and the applicant's correction ---------------------------


def _lock_provider(provider: Provider) -> Provider:
    return (
        Provider.objects.select_for_update(of=("self",))
        .select_related("municipality", "registered_by")
        .get(pk=provider.pk)
    )


def _review_step(provider: Provider, to: ProviderReviewStatus, action: str) -> None:
    """Refuse a step the table ``workflow_provider.PROVIDER_REVIEW`` does not allow
    now."""
    vouchers_step_check(machine=PROVIDER_REVIEW, row=provider, to=to, action=action)


def _require_reviewer(actor: User, provider: Provider) -> None:
    if (
        not municipalities_where_user_has_role(user=actor, roles=[Role.COORDINATOR])
        .filter(pk=provider.municipality_id)
        .exists()
    ):
        raise PermissionDenied


@transaction.atomic
def provider_approve(*, actor: User, provider: Provider) -> Provider:
    """Approve a provider: from now on initiators can spend vouchers there. The
    person who registered it (if any) becomes its first user and is told."""
    provider = _lock_provider(provider)
    if provider.approved_at is not None:
        raise ValidationError(
            _("%(provider)s has already been approved."),
            code="already_approved",
            params={"provider": provider.name},
        )
    _review_step(provider, ProviderReviewStatus.APPROVED, "vouchers.provider_approve")
    approved_at = timezone.now()
    vouchers_transition(
        actor=actor,
        machine=PROVIDER_REVIEW,
        row=provider,
        to=ProviderReviewStatus.APPROVED,
        action="vouchers.provider_approve",
        fields={
            "approved_at": approved_at,
            "approved_by": actor,
            "review_reason": "",
        },
        audit_data={"approved_at": approved_at},
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
        notification_send(
            recipients=[registrant],
            kind="vouchers.provider_approved",
            subject=_("%(provider)s can now accept vouchers"),
            body=_(
                "The municipality approved %(provider)s. Open the provider portal to "
                "accept vouchers; the first time you set up the second sign-in step."
            ),
            params={"provider": provider.name},
            url=provider_home_url(),
        )
    return provider


def _reason_required(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(
            _("Write the reason for the applicant: they read it in the message."),
            code="reason_required",
        )
    return text


# The coordinator's answers that go back to the applicant with a reason: the message
# each sends (subject, body) in the applicant's language.
_ANSWERS: dict[ProviderReviewStatus, tuple[str, Any, Any]] = {
    ProviderReviewStatus.RETURNED: (
        "return",
        _("Your application for %(provider)s needs more information"),
        _(
            "The municipality checked the application of %(provider)s and needs "
            "more information: %(reason)s Correct the application and send it "
            "again."
        ),
    ),
    ProviderReviewStatus.REJECTED: (
        "reject",
        _("Your application for %(provider)s has been rejected"),
        _(
            "The municipality rejected the application of %(provider)s: %(reason)s "
            "Do you have questions, or do you disagree? Contact the municipality."
        ),
    ),
}


def _answer(
    *, actor: User, provider: Provider, to: ProviderReviewStatus, reason: str
) -> Provider:
    """Return or reject the application with ``reason``, and tell the applicant,
    with a link to their application page. Refuses, all at once, a step the review
    table does not allow now and an empty reason."""
    provider = _lock_provider(provider)
    _require_reviewer(actor, provider)
    refusals = Refusals()
    verb, subject, body = _ANSWERS[to]
    action = f"vouchers.provider_{verb}"
    refusals.check(lambda: _review_step(provider, to, action), None)
    text = refusals.check(lambda: _reason_required(reason), "")
    refusals.raise_all()
    vouchers_transition(
        actor=actor,
        machine=PROVIDER_REVIEW,
        row=provider,
        to=to,
        action=action,
        fields={"review_reason": text},
        audit_data={"reason": text},
    )
    notification_send(
        recipients=[provider.registered_by],
        kind=f"vouchers.provider_{to.value}",
        subject=subject,
        body=body,
        params={"provider": provider.name, "reason": _sentence(text)},
        url=application_url(provider),
    )
    return provider


@transaction.atomic
def provider_return(*, actor: User, provider: Provider, reason: str) -> Provider:
    """Send the application back to the applicant for more information, with the
    reason; they correct it and send it again (``provider_application_resubmit``)."""
    return _answer(
        actor=actor, provider=provider, to=ProviderReviewStatus.RETURNED, reason=reason
    )


@transaction.atomic
def provider_reject(*, actor: User, provider: Provider, reason: str) -> Provider:
    """Reject the application, with the reason sent to the applicant."""
    return _answer(
        actor=actor, provider=provider, to=ProviderReviewStatus.REJECTED, reason=reason
    )


def _sentence(text: str) -> str:
    """The reason as a sentence inside the message: ends with a full stop."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


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
    vouchers_transition(
        actor=actor,
        machine=PROVIDER_REVIEW,
        row=provider,
        to=ProviderReviewStatus.SUBMITTED,
        action="vouchers.provider_application_resubmit",
        audit_data={"diff": diff},
    )
    _tell_coordinators(provider, again=True)
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
    return validity_end(
        actor=actor,
        row=membership,
        on=on,
        action="vouchers.provider_membership_end",
        before_start=_("This cannot end before it starts (%(start)s)."),
        already_ended=_("This already ends on %(end)s."),
    )
