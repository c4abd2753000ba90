"""Reads for participation in a plan: co-initiators, support and files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet, Sum
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


def initiators_of(initiative: Initiative) -> list[User]:
    """The initiator and the accepted co-initiators (not withdrawn)."""
    people = [initiative.initiator]
    rows = CoInitiator.objects.filter(
        initiative=initiative, accepted_at__isnull=False, revoked_at__isnull=True
    ).select_related("user")
    people.extend(row.user for row in rows if row.user is not None)
    return people


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


def _households(signatures: QuerySet[SupportSignature]) -> int:
    return signatures.values_list(*HOUSEHOLD_FIELDS).distinct().count()


def support_summary(*, initiative: Initiative) -> SupportSummary:
    signatures = SupportSignature.objects.filter(initiative=initiative)
    declared = initiative.attachments.filter(
        kind=AttachmentKind.SUPPORT_LIST
    ).aggregate(total=Sum("declared_signatures"))["total"]
    return SupportSummary(
        households_for=_households(signatures.filter(stance=SupportStance.FOR)),
        households_against=_households(signatures.filter(stance=SupportStance.AGAINST)),
        households_neutral=_households(signatures.filter(stance=SupportStance.NEUTRAL)),
        households_unconfirmed=_households(
            signatures.filter(address__residency_confirmed_at__isnull=True)
        ),
        declared_on_lists=declared or 0,
    )


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
