"""Reads for participation in a plan: co-initiators, support and files."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, QuerySet, Sum, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from wijkvoucher.initiatives.constants import AttachmentKind, SupportStance
from wijkvoucher.initiatives.models import (
    Attachment,
    CoInitiator,
    Initiative,
    SupportSignature,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

# A household is one address: postcode and full house number.
HOUSEHOLD_FIELDS = (
    "address__postcode",
    "address__house_number",
    "address__house_letter",
    "address__house_number_addition",
)

INVITED = "invited"
ACCEPTED = "accepted"
DECLINED = "declined"
EXPIRED = "expired"

# The key under which ``support_summaries`` gathers unconfirmed households.
UNCONFIRMED = "unconfirmed"


def initiators_by_initiative(
    initiatives: Sequence[Initiative],
) -> dict[int, list[User]]:
    """``initiators_of`` for many plans in two queries at most, by initiative id."""
    prefetch_related_objects(list(initiatives), "initiator")
    found: dict[int, list[User]] = {i.pk: [i.initiator] for i in initiatives}
    rows = (
        CoInitiator.objects.filter(
            initiative_id__in=list(found),
            accepted_at__isnull=False,
            revoked_at__isnull=True,
        )
        .select_related("user")
        .order_by("created_at", "pk")
    )
    for row in rows:
        if row.user is not None:
            found[row.initiative_id].append(row.user)
    return found


def initiators_of(initiative: Initiative) -> list[User]:
    """The initiator and the accepted co-initiators (not withdrawn)."""
    return initiators_by_initiative([initiative])[initiative.pk]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def co_initiator_by_token(token: str) -> CoInitiator | None:
    """The invitation a token belongs to, or None. Does not check whether it is
    still usable: ``co_initiator_accept`` does."""
    if not token or len(token) > 100:
        return None
    return (
        CoInitiator.objects.select_related("initiative", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


@dataclass(frozen=True)
class SupportSummary:
    """Distinct households per stance from online signatures, and the households
    the initiator declared on uploaded signed lists (the official checks those)."""

    households_for: int
    households_against: int
    households_neutral: int
    households_unconfirmed: int
    declared_on_lists: int

    @property
    def total_for(self) -> int:
        return self.households_for + self.declared_on_lists


def support_summaries(
    *, initiatives: Iterable[Initiative]
) -> dict[int, SupportSummary]:
    """``support_summary`` for many plans in two queries, by initiative id: the
    distinct (plan, stance, confirmation, household) rows, counted here."""
    ids = [i.pk for i in initiatives]
    households: dict[tuple[int, str], set[tuple[object, ...]]] = defaultdict(set)
    rows = (
        SupportSignature.objects.filter(initiative_id__in=ids)
        .order_by()
        .values_list(
            "initiative_id",
            "stance",
            "address__residency_confirmed_at",
            *HOUSEHOLD_FIELDS,
        )
        .distinct()
    )
    for initiative_id, stance, confirmed_at, *household in rows:
        households[initiative_id, stance].add(tuple(household))
        if confirmed_at is None:
            households[initiative_id, UNCONFIRMED].add(tuple(household))
    declared = dict(
        Attachment.objects.filter(
            initiative_id__in=ids, kind=AttachmentKind.SUPPORT_LIST
        )
        .order_by()
        .values_list("initiative_id")
        .annotate(total=Sum("declared_signatures"))
    )
    return {
        pk: SupportSummary(
            households_for=len(households[pk, SupportStance.FOR]),
            households_against=len(households[pk, SupportStance.AGAINST]),
            households_neutral=len(households[pk, SupportStance.NEUTRAL]),
            households_unconfirmed=len(households[pk, UNCONFIRMED]),
            declared_on_lists=declared.get(pk) or 0,
        )
        for pk in ids
    }


def support_summary(*, initiative: Initiative) -> SupportSummary:
    return support_summaries(initiatives=[initiative])[initiative.pk]


def support_counts(*, initiatives: Iterable[Initiative]) -> dict[int, dict[str, int]]:
    """Signatures (not households) per stance of each plan, in one query, by
    initiative id."""
    ids = [i.pk for i in initiatives]
    found = {pk: dict.fromkeys(SupportStance.values, 0) for pk in ids}
    rows = (
        SupportSignature.objects.filter(initiative_id__in=ids)
        .order_by()
        .values_list("initiative_id", "stance")
        .annotate(n=Count("pk"))
    )
    for initiative_id, stance, n in rows:
        found[initiative_id][stance] = n
    return found


def support_signature_of(
    *, initiative: Initiative, user: User
) -> SupportSignature | None:
    return SupportSignature.objects.filter(initiative=initiative, signer=user).first()


def co_initiator_status(row: CoInitiator) -> str:
    if row.accepted_at is not None:
        return ACCEPTED
    if row.declined_at is not None:
        return DECLINED
    if row.expires_at <= timezone.now():
        return EXPIRED
    return INVITED


def co_initiators_of(*, initiative: Initiative) -> list[CoInitiator]:
    """The invitations that were not withdrawn, oldest first."""
    return list(
        CoInitiator.objects.filter(initiative=initiative, revoked_at__isnull=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def co_initiator_users(*, initiative: Initiative) -> list[User]:
    """The accepted co-initiators (for notifications and conflict checks)."""
    return [
        row.user
        for row in CoInitiator.objects.filter(
            initiative=initiative,
            accepted_at__isnull=False,
            revoked_at__isnull=True,
        ).select_related("user")
        if row.user is not None
    ]


def initiatives_as_co_initiator(*, user: User) -> QuerySet[Initiative]:
    """Plans where ``user`` is an accepted co-initiator."""
    return (
        Initiative.objects.filter(
            co_initiators__user=user,
            co_initiators__accepted_at__isnull=False,
            co_initiators__revoked_at__isnull=True,
        )
        .select_related("neighbourhood")
        .distinct()
        .order_by("-created_at", "pk")
    )


def attachments_of(*, initiative: Initiative) -> list[Attachment]:
    return list(initiative.attachments.order_by("created_at", "pk"))


def support_link(initiative: Initiative) -> str:
    """The full address of the page where neighbours support ``initiative``: the
    link the initiator shares, also before the plan is sent (issue #9, point 7)."""
    path = reverse(
        "initiatives:support_page", kwargs={"initiative_uuid": initiative.uuid}
    )
    return f"{settings.SITE_URL}{path}"
