"""Reading providers, who may act for them, and what their portal shows."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.neighbourhoods.models import Address, Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current
from wijkvoucher.vouchers.constants import (
    ClaimStatus,
    DisputeStatus,
    PayoutStatus,
    ProviderReviewStatus,
)
from wijkvoucher.vouchers.models import (
    Claim,
    Dispute,
    PayoutLine,
    Provider,
    ProviderApiToken,
    ProviderMembership,
    Redemption,
    Voucher,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wijkvoucher.accounts.models import User

_Row = TypeVar("_Row", Claim, Dispute)


def providers_approved(*, neighbourhood: Neighbourhood) -> QuerySet[Provider]:
    """Approved providers where vouchers of this wijk can be spent: those that serve
    the wijk, and those of its municipality that list no wijken (they serve all)."""
    return (
        Provider.objects.filter(
            municipality_id=neighbourhood.municipality_id, approved_at__isnull=False
        )
        .filter(Q(neighbourhoods=neighbourhood) | Q(neighbourhoods__isnull=True))
        .distinct()
        .order_by("name")
    )


def provider_memberships_active(
    *, user: User | AnonymousUser, on: dt.date | None = None
) -> QuerySet[ProviderMembership]:
    """The approved providers ``user`` may act for on ``on`` (today by default)."""
    if not user.is_authenticated or not user.is_active:
        return ProviderMembership.objects.none()
    day = on or timezone.localdate()
    return (
        ProviderMembership.objects.filter(
            user_id=user.pk,
            valid_from__lte=day,
            provider__approved_at__isnull=False,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("provider")
        .order_by("provider__name")
    )


_HOUSE_NUMBER = re.compile(r"(\d+)\s*([A-Za-z]?)\b")


def _house(street_address: str) -> tuple[int, str] | None:
    found = _HOUSE_NUMBER.search(street_address or "")
    if found is None:
        return None
    return int(found.group(1)), found.group(2).upper()


def provider_connections(*, provider: Provider, initiative: Initiative) -> list[str]:
    """Why ``provider`` is connected to the people of ``initiative`` (empty: it is
    not): one of its users is the initiator or a co-initiator, or it is at the
    address of one of them. Domain.md 8.1: 'niet verbonden aan initiatiefnemer'."""
    people = initiators_of(initiative)
    reasons: list[str] = []
    member_ids = set(
        provider_memberships_for(provider=provider).values_list("user_id", flat=True)
    )
    if member_ids & {p.pk for p in people}:
        reasons.append("member")
    house = _house(provider.street_address)
    if house is not None and provider.postcode:
        same = Address.objects.filter(
            user_id__in=[p.pk for p in people],
            postcode=provider.postcode,
            house_number=house[0],
        )
        if any(a.house_letter.upper() == house[1] for a in same):
            reasons.append("address")
    return reasons


def provider_memberships_for(
    *, provider: Provider, on: dt.date | None = None
) -> QuerySet[ProviderMembership]:
    day = on or timezone.localdate()
    return ProviderMembership.objects.filter(
        provider=provider, valid_from__lte=day
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def provider_users(*, provider: Provider) -> list[User]:
    """The people who act for ``provider`` today (who hear about its payments)."""
    return [
        m.user
        for m in provider_memberships_for(provider=provider)
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ]


def provider_may_serve(*, provider: Provider, neighbourhood: Neighbourhood) -> bool:
    """Approved, of the wijk's municipality, and serving the wijk (or every wijk)."""
    return (
        providers_approved(neighbourhood=neighbourhood).filter(pk=provider.pk).exists()
    )


def providers_waiting_review(
    *, municipalities: QuerySet[Municipality]
) -> QuerySet[Provider]:
    """Applications of ``municipalities`` the coordinator has to look at: sent (or
    sent again) and not yet decided, oldest first."""
    return Provider.objects.filter(
        municipality__in=municipalities,
        approved_at__isnull=True,
        review_status=ProviderReviewStatus.SUBMITTED,
    ).order_by("created_at", "pk")


def provider_applications_of(*, user: User) -> QuerySet[Provider]:
    """The applications ``user`` sent that are not approved (yet)."""
    return Provider.objects.filter(
        registered_by=user, approved_at__isnull=True
    ).order_by("name", "pk")


def cash_waiting_counts(*, neighbourhoods: QuerySet[Neighbourhood]) -> tuple[int, int]:
    """(claims waiting for a decision, open disputes) in ``neighbourhoods``."""
    claims = Claim.objects.filter(
        status=ClaimStatus.SUBMITTED, initiative__neighbourhood__in=neighbourhoods
    ).count()
    disputes = Dispute.objects.filter(
        status=DisputeStatus.OPEN,
        redemption__voucher__neighbourhood__in=neighbourhoods,
    ).count()
    return claims, disputes


def plans_awaiting_vouchers(
    *, neighbourhoods: Iterable[Neighbourhood], user: User
) -> QuerySet[Initiative]:
    """Awarded plans in ``neighbourhoods`` whose vouchers have not been issued yet
    (issuing starts their execution); never ``user``'s own plans."""
    return (
        Initiative.objects.filter(
            neighbourhood__in=neighbourhoods,
            status__in=[InitiativeStatus.AWARDED, InitiativeStatus.PARTLY_AWARDED],
        )
        .exclude(initiator=user)
        .select_related("neighbourhood")
        .order_by("updated_at", "pk")
    )


# --- The provider portal ----------------------------------------------------------------


def provider_redemptions_latest(*, provider: Provider) -> QuerySet[Redemption]:
    """The provider's redemptions, newest first, with their voucher."""
    return (
        Redemption.objects.filter(provider=provider)
        .select_related("voucher")
        .order_by("-created_at", "-pk")
    )


def provider_payouts_latest(*, provider: Provider) -> QuerySet[PayoutLine]:
    """The provider's lines of paid batches, the latest payment first."""
    return (
        PayoutLine.objects.filter(provider=provider, batch__status=PayoutStatus.PAID)
        .select_related("batch")
        .order_by("-batch__paid_at", "-pk")
    )


def provider_api_tokens(*, provider: Provider) -> QuerySet[ProviderApiToken]:
    """The provider's API keys, newest first (revoked ones too)."""
    return ProviderApiToken.objects.filter(provider=provider).order_by(
        "-created_at", "-pk"
    )


def registration_municipality(*, user: User) -> Municipality | None:
    """Where ``user`` registers a provider: the municipality of their current address
    in a wijk, else the only municipality there is, else None."""
    address = (
        addresses_current(user=user)
        .filter(neighbourhood__isnull=False)
        .select_related("neighbourhood__municipality")
        .first()
    )
    if address is not None and address.neighbourhood is not None:
        return address.neighbourhood.municipality
    municipalities = list(Municipality.objects.all()[:2])
    return municipalities[0] if len(municipalities) == 1 else None


def municipality_neighbourhoods(*, municipality_id: int) -> QuerySet[Neighbourhood]:
    """The wijken of a municipality, by name (the choices of a registration)."""
    return Neighbourhood.objects.filter(municipality_id=municipality_id).order_by(
        "name"
    )


@dataclass(frozen=True)
class ProviderReview:
    """The coordinator's review list: applications waiting, returned and rejected,
    and the providers approved."""

    waiting: QuerySet[Provider]
    returned: QuerySet[Provider]
    rejected: QuerySet[Provider]
    approved: QuerySet[Provider]


def providers_for_review(*, municipalities: QuerySet[Municipality]) -> ProviderReview:
    providers = (
        Provider.objects.filter(municipality__in=municipalities)
        .select_related("municipality")
        .prefetch_related("neighbourhoods")
    )
    undecided = providers.filter(approved_at__isnull=True)
    return ProviderReview(
        waiting=providers_waiting_review(municipalities=municipalities)
        .select_related("municipality")
        .prefetch_related("neighbourhoods"),
        returned=undecided.filter(review_status=ProviderReviewStatus.RETURNED).order_by(
            "name", "pk"
        ),
        rejected=undecided.filter(review_status=ProviderReviewStatus.REJECTED).order_by(
            "name", "pk"
        ),
        approved=providers.filter(approved_at__isnull=False).order_by("name"),
    )


# --- The cash desk ----------------------------------------------------------------------


def cash_waiting_per_wijk(
    *, neighbourhoods: Iterable[Neighbourhood]
) -> tuple[dict[int, int], dict[int, int]]:
    """({wijk id: claims waiting for a decision}, {wijk id: open disputes})."""
    claims = dict(
        Claim.objects.filter(
            status=ClaimStatus.SUBMITTED, initiative__neighbourhood__in=neighbourhoods
        )
        .values_list("initiative__neighbourhood_id")
        .annotate(n=Count("pk"))
        .values_list("initiative__neighbourhood_id", "n")
    )
    disputes = dict(
        Dispute.objects.filter(
            status=DisputeStatus.OPEN,
            redemption__voucher__neighbourhood__in=neighbourhoods,
        )
        .values_list("redemption__voucher__neighbourhood_id")
        .annotate(n=Count("pk"))
        .values_list("redemption__voucher__neighbourhood_id", "n")
    )
    return claims, disputes


def _waiting_first(qs: QuerySet[_Row], waiting: str) -> QuerySet[_Row]:
    return qs.annotate(
        waiting_order=Case(
            When(status=waiting, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("waiting_order", "-created_at", "-pk")


def cash_claims_list(*, neighbourhoods: QuerySet[Neighbourhood]) -> QuerySet[Claim]:
    """The claims of ``neighbourhoods``, those waiting for a decision first."""
    return _waiting_first(
        Claim.objects.filter(initiative__neighbourhood__in=neighbourhoods)
        .select_related("initiative__neighbourhood")
        .all(),
        ClaimStatus.SUBMITTED,
    )


def cash_disputes_list(*, neighbourhoods: QuerySet[Neighbourhood]) -> QuerySet[Dispute]:
    """The disputes of ``neighbourhoods``, the open ones first."""
    return _waiting_first(
        Dispute.objects.filter(
            redemption__voucher__neighbourhood__in=neighbourhoods
        ).select_related(
            "redemption__provider", "redemption__voucher__initiative__neighbourhood"
        ),
        DisputeStatus.OPEN,
    )


def spent_at_claimed_provider(*, claim: Claim) -> int | None:
    """What the plan's vouchers spent (net of refunds) at the provider the claim's
    budget line names; None when the line names none."""
    line = claim.budget_line
    if line is None or not line.provider_name.strip():
        return None
    rows = Redemption.objects.filter(
        voucher__initiative=claim.initiative,
        provider__name__iexact=line.provider_name.strip(),
    ).values_list("amount_cents", "refunded_cents")
    return sum(int(a) - int(r) for a, r in rows)


def vouchers_soonest_ending(*, initiative: Initiative) -> list[Voucher]:
    """The plan's vouchers, the one valid the shortest first."""
    return list(
        Voucher.objects.filter(initiative=initiative).order_by("valid_until", "pk")
    )


def other_claims_cents(*, claim: Claim) -> int | None:
    """What other approved or paid claims took from the claim's budget line (None
    without a line, or without such claims)."""
    line = claim.budget_line
    if line is None:
        return None
    total: int | None = (
        Claim.objects.filter(
            budget_line=line, status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID]
        )
        .exclude(pk=claim.pk)
        .aggregate(total=Sum("amount_cents"))["total"]
    )
    return total


# --- The provider API -------------------------------------------------------------------


def provider_redemption(
    *, provider: Provider, redemption_uuid: uuid.UUID
) -> Redemption | None:
    """One of the provider's own redemptions, with its voucher and refunds."""
    return (
        Redemption.objects.select_related("voucher")
        .prefetch_related("refunds")
        .filter(uuid=redemption_uuid, provider=provider)
        .first()
    )


def provider_redemptions_api(*, provider: Provider) -> QuerySet[Redemption]:
    """The provider's redemptions for the API's pages, newest first."""
    return (
        Redemption.objects.filter(provider=provider)
        .select_related("voucher")
        .prefetch_related("refunds")
        .order_by("-created_at", "-pk")
    )
