"""Pages for initiators and co-initiators: disputing a payment at a provider, and
their reimbursements and advances (claims). Thin views: parse → access →
service/selector → render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.core.uploads import download_name, stored_file_response
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.payments.constants import ClaimKind
from wijkvoucher.payments.forms.resident import ClaimForm, DisputeForm
from wijkvoucher.payments.permissions import access_claim, access_claim_receipt
from wijkvoucher.payments.selectors.resident import redemption_may_be_disputed
from wijkvoucher.payments.services.claims import claim_submit
from wijkvoucher.payments.services.disputes import dispute_open
from wijkvoucher.vouchers.permissions.resident import (
    access_own_initiative_money,
    access_redemption,
)
from wijkvoucher.vouchers.views.resident import _to_vouchers

CLAIM_ERROR_FIELDS = {
    "claim_exceeds_balance": "amount",
    "advance_exceeds_share": "amount",
    "invalid_amount": "amount",
    "receipt_required": "receipts",
    "too_many_receipts": "receipts",
    "too_big": "receipts",
    "empty": "receipts",
    "not_an_image": "receipts",
    "not_a_pdf": "receipts",
    "invalid_iban": "iban",
    "budget_line_required": "budget_line",
    "invalid_budget_line": "budget_line",
    "description_required": "description",
    "payee_required": "payee_name",
}


@require_http_methods(["GET", "HEAD", "POST"])
def redemption_dispute(
    request: HttpRequest, initiative_uuid: uuid.UUID, redemption_uuid: uuid.UUID
) -> HttpResponse:
    redemption = access_redemption(request, initiative_uuid, redemption_uuid)
    initiative = redemption.voucher.initiative
    form = DisputeForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" and not redemption_may_be_disputed(redemption):
        form.add_error(
            None,
            _(
                "This payment can no longer be disputed here: it is older than the "
                "dispute period, or you already disputed it."
            ),
        )
    if request.method == "POST" and form.is_valid():
        try:
            dispute_open(
                actor=signed_in_user(request),
                redemption=redemption,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_refusal(
                form, exc, {"reason_required": "reason", "reason_too_long": "reason"}
            )
        else:
            messages.success(
                request,
                _(
                    "Thank you. The municipality will look at this payment and let "
                    "you know the outcome."
                ),
            )
            return _to_vouchers(initiative)
    return render(
        request,
        "payments/resident/redemption_dispute.html",
        {"initiative": initiative, "redemption": redemption, "form": form},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def claim_create(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_initiative_money(request, initiative_uuid)
    advance = request.GET.get("soort") == "voorschot"
    if initiative.status != InitiativeStatus.IN_EXECUTION:
        messages.error(
            request,
            _("You can only ask for money while your plan is being carried out."),
        )
        return _to_vouchers(initiative)
    lines = initiative.budget_lines.order_by("created_at", "pk")
    if request.method == "POST":
        form = ClaimForm(request.POST, request.FILES, advance=advance, lines=lines)
        if form.is_valid():
            data = form.cleaned_data
            try:
                claim = claim_submit(
                    actor=signed_in_user(request),
                    initiative=initiative,
                    kind=ClaimKind.ADVANCE if advance else ClaimKind.REIMBURSEMENT,
                    amount_cents=data["amount"],
                    description=data["description"],
                    payee_name=data["payee_name"],
                    iban=data["iban"],
                    budget_line=data["budget_line"],
                    files=data["receipts"],
                )
            except ValidationError as exc:
                add_refusal(form, exc, CLAIM_ERROR_FIELDS)
            else:
                messages.success(
                    request,
                    _(
                        "Your request has been sent. The cash manager of the "
                        "municipality checks it; you get a message."
                    ),
                )
                return redirect(
                    "payments:claim_detail",
                    initiative_uuid=initiative.uuid,
                    claim_uuid=claim.uuid,
                )
    else:
        form = ClaimForm(advance=advance, lines=lines)
    return render(
        request,
        "payments/resident/claim_create.html",
        {"initiative": initiative, "form": form, "advance": advance},
    )


@require_http_methods(["GET", "HEAD"])
def claim_detail(
    request: HttpRequest, initiative_uuid: uuid.UUID, claim_uuid: uuid.UUID
) -> HttpResponse:
    claim = access_claim(request, initiative_uuid, claim_uuid)
    return render(
        request,
        "payments/resident/claim_detail.html",
        {
            "initiative": claim.initiative,
            "claim": claim,
            "receipts": list(claim.receipts.all()),
        },
    )


@require_http_methods(["GET", "HEAD"])
def claim_receipt(
    request: HttpRequest, claim_uuid: uuid.UUID, receipt_id: int
) -> FileResponse:
    receipt = access_claim_receipt(request, claim_uuid, receipt_id)
    return stored_file_response(
        receipt.file,
        content_type=receipt.content_type,
        filename=download_name(receipt.original_name, receipt.content_type),
    )
