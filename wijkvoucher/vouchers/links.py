"""The links to voucher, claim, dispute, payout and provider pages that messages
carry. Services put them in notifications; they read nothing but the row."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.vouchers.models import Claim, Dispute, PayoutBatch, Provider


def vouchers_url(initiative: Initiative) -> str:
    return reverse(
        "vouchers:initiative_vouchers", kwargs={"initiative_uuid": initiative.uuid}
    )


def claim_url(claim: Claim) -> str:
    return reverse(
        "vouchers:claim_detail",
        kwargs={"initiative_uuid": claim.initiative.uuid, "claim_uuid": claim.uuid},
    )


def cash_claim_url(claim: Claim) -> str:
    """The cash desk's page of a claim ("" where the cash pages are not served)."""
    try:
        return reverse("vouchers:cash_claim", kwargs={"claim_uuid": claim.uuid})
    except NoReverseMatch:
        return ""


def cash_dispute_url(dispute: Dispute) -> str:
    """The cash desk's page of a dispute ("" where the cash pages are not served)."""
    try:
        return reverse("vouchers:cash_dispute", kwargs={"dispute_uuid": dispute.uuid})
    except NoReverseMatch:
        return ""


def batch_url(batch: PayoutBatch) -> str:
    return reverse("vouchers:cash_payout", kwargs={"batch_uuid": batch.uuid})


def application_url(provider: Provider) -> str:
    """The applicant's page of their application (linked from every message)."""
    return reverse(
        "vouchers:provider_application", kwargs={"provider_uuid": provider.uuid}
    )


def provider_review_url(provider: Provider) -> str:
    """The coordinator's review page of an application."""
    return reverse("vouchers:provider_review", kwargs={"provider_uuid": provider.uuid})


def provider_home_url() -> str:
    return reverse("vouchers:provider_home")
