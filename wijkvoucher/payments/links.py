"""The links to claim, dispute and payout pages that messages carry. Services put
them in notifications; they read nothing but the row."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from wijkvoucher.payments.models import Claim, Dispute, PayoutBatch


def claim_url(claim: Claim) -> str:
    return reverse(
        "payments:claim_detail",
        kwargs={"initiative_uuid": claim.initiative.uuid, "claim_uuid": claim.uuid},
    )


def cash_claim_url(claim: Claim) -> str:
    """The cash desk's page of a claim ("" where the cash pages are not served)."""
    try:
        return reverse("payments:cash_claim", kwargs={"claim_uuid": claim.uuid})
    except NoReverseMatch:
        return ""


def cash_dispute_url(dispute: Dispute) -> str:
    """The cash desk's page of a dispute ("" where the cash pages are not served)."""
    try:
        return reverse("payments:cash_dispute", kwargs={"dispute_uuid": dispute.uuid})
    except NoReverseMatch:
        return ""


def batch_url(batch: PayoutBatch) -> str:
    return reverse("payments:cash_payout", kwargs={"batch_uuid": batch.uuid})
