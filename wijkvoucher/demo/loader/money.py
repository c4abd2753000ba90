"""The money after the award: vouchers issued and redeemed, claims and a payout batch."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import Image, ImageDraw

from wijkvoucher.accounts.models import User
from wijkvoucher.demo import content as c
from wijkvoucher.demo.apikey import demo_api_key_suffix
from wijkvoucher.demo.loader.setup import (
    _person,
)
from wijkvoucher.demo.loader.story import (
    Step,
    _Story,
)
from wijkvoucher.payments.constants import ClaimKind, PayoutStatus
from wijkvoucher.payments.services.claims import claim_submit
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_mark_paid,
    payout_batch_prepare,
)
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.services import tokens as token_services
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.services.issuance import vouchers_issue
from wijkvoucher.vouchers.services.redemption import redemption_create, refund_create


def _provider(name: str) -> Provider:
    return Provider.objects.get(municipality__slug=c.MUNICIPALITY_SLUG, name=name)


def _provider_user(name: str) -> User:
    spec = next(p for p in c.PROVIDERS if p.name == name)
    return _person(spec.user)


def _api_token() -> None:
    """The API provider's key, from the public demo seed (see ``demo.apikey``)."""
    suffix = demo_api_key_suffix(c.API_PROVIDER)
    fixed = SimpleNamespace(token_urlsafe=lambda _n=0: suffix)
    with mock.patch.object(token_services, "secrets", fixed):
        token_services.api_token_create(
            actor=_provider_user(c.API_PROVIDER),
            provider=_provider(c.API_PROVIDER),
            name=c.API_TOKEN_NAME,
        )


def _receipt(name: str) -> SimpleUploadedFile:
    """A small photo of a receipt, made in memory."""
    image = Image.new("RGB", (240, 320), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), "Kwekerij De Dijkweg", fill="black")
    draw.text((20, 60), "Wilgentenen  34,75", fill="black")
    draw.text((20, 100), "Contant betaald", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _money_steps(story: _Story) -> list[Step]:
    """The API key, vouchers, purchases at providers (portal and API), a refund."""
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = [(c.API_TOKEN_DAYS_AGO, 5, _api_token)]
    for issue in c.VOUCHER_ISSUES:

        def issue_(issue: c.VoucherIssue = issue) -> None:
            story.vouchers[issue.key] = vouchers_issue(
                actor=story.official(specs[issue.key].wijk_slug),
                initiative=story.plan(issue.key),
                amounts_cents=list(issue.amounts_cents),
            )

        steps.append((issue.days_ago, 60, issue_))
    for number, bought in enumerate(c.REDEMPTIONS):

        def redeem(bought: c.RedemptionSpec = bought, number: int = number) -> None:
            voucher = story.vouchers[bought.key][bought.voucher - 1]
            story.redemptions[number] = redemption_create(
                actor=_provider_user(bought.provider),
                provider=_provider(bought.provider),
                code=voucher.code,
                amount_cents=bought.amount_cents,
                description=bought.description,
                reference=bought.reference,
                channel=Channel(bought.channel),
            )

        steps.append((bought.days_ago, 120, redeem))
    for refund in c.REFUNDS:

        def pay_back(refund: c.RefundSpec = refund) -> None:
            redemption = story.redemptions[refund.redemption]
            refund_create(
                actor=_provider_user(redemption.provider.name),
                redemption=redemption,
                amount_cents=refund.amount_cents,
                reason=refund.reason,
                channel=Channel.PORTAL,
            )

        steps.append((refund.days_ago, 130, pay_back))
    return steps


def _claim_and_payout_steps(story: _Story) -> list[Step]:
    """A reimbursement waiting for approval and an approved payout batch."""
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = []
    for claim in c.CLAIMS:

        def submit(claim: c.ClaimSpec = claim) -> None:
            initiative = story.plan(claim.key)
            claim_submit(
                actor=_person(specs[claim.key].initiator),
                initiative=initiative,
                kind=ClaimKind.REIMBURSEMENT,
                amount_cents=claim.amount_cents,
                description=claim.description,
                payee_name=claim.payee_name,
                iban=claim.iban,
                budget_line=initiative.budget_lines.get(description=claim.budget_line),
                files=[_receipt(claim.receipt_name)],
            )

        steps.append((claim.days_ago, 140, submit))

    def prepare(days_ago: int = c.PAYOUT_PREPARED_DAYS_AGO) -> None:
        payout_batch_prepare(
            actor=_person(c.CASH_MANAGER),
            municipality=story.setup.municipality,
            execution_date=story.setup.today
            - dt.timedelta(days=days_ago)
            + dt.timedelta(days=c.PAYOUT_EXECUTION_IN_DAYS),
        )

    def approve() -> None:
        batch = story.setup.municipality.payout_batches.get(
            status=PayoutStatus.PREPARED
        )
        payout_batch_approve(actor=_person(c.SECOND_CASH_MANAGER), batch=batch)

    def paid() -> None:
        batch = story.setup.municipality.payout_batches.get(
            status=PayoutStatus.APPROVED
        )
        payout_batch_mark_paid(actor=_person(c.CASH_MANAGER), batch=batch)

    history_prepared, history_approved, history_paid = c.PAYOUT_HISTORY_DAYS_AGO
    steps.append((history_prepared, 150, lambda: prepare(days_ago=history_prepared)))
    steps.append((history_approved, 150, approve))
    steps.append((history_paid, 150, paid))
    steps.append((c.PAYOUT_PREPARED_DAYS_AGO, 150, prepare))
    steps.append((c.PAYOUT_APPROVED_DAYS_AGO, 150, approve))
    return steps
