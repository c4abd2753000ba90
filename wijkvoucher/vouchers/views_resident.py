"""Pages for initiators and co-initiators: their vouchers (with the code, QR code and
printable PDF), the movements on them, disputes, reimbursements and advances. Thin
views: parse → access → service/selector → render; a refused POST shows the form again
with the error and what was typed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.vouchers.constants import SPENDABLE, ClaimKind
from wijkvoucher.vouchers.document import voucher_pdf as voucher_pdf_bytes
from wijkvoucher.vouchers.document import voucher_qr_svg
from wijkvoucher.vouchers.forms_resident import BlockForm, ClaimForm, DisputeForm
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.permissions_resident import (
    access_claim,
    access_claim_receipt,
    access_initiative_money,
    access_own_initiative_money,
    access_own_voucher,
    access_redemption,
    access_voucher,
)
from wijkvoucher.vouchers.selectors import providers_approved
from wijkvoucher.vouchers.selectors_resident import (
    claims_for_initiative,
    redemption_may_be_disputed,
    voucher_is_spendable,
    voucher_movements,
    voucher_replacement,
    voucher_totals,
    vouchers_visible,
)
from wijkvoucher.vouchers.services.claims import claim_submit
from wijkvoucher.vouchers.services.disputes import dispute_open
from wijkvoucher.vouchers.services.issuance import voucher_block_and_replace
from wijkvoucher.vouchers.services.issuance import (
    voucher_share as voucher_share_service,
)

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


def _to_vouchers(initiative: Initiative) -> HttpResponse:
    return redirect("vouchers:initiative_vouchers", initiative_uuid=initiative.uuid)


def _to_voucher(voucher: Voucher) -> HttpResponse:
    return redirect(
        "vouchers:voucher_detail",
        initiative_uuid=voucher.initiative.uuid,
        voucher_uuid=voucher.uuid,
    )


def _may_claim(initiative: Initiative, is_initiator: bool) -> bool:
    return is_initiator and initiative.status == InitiativeStatus.IN_EXECUTION


@require_http_methods(["GET", "HEAD"])
def initiative_vouchers(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> HttpResponse:
    initiative = access_initiative_money(request, initiative_uuid)
    user = signed_in_user(request)
    is_initiator = user.pk == initiative.initiator_id
    vouchers = list(vouchers_visible(user=user, initiative=initiative))
    for voucher in vouchers:
        voucher.initiative = initiative
    return render(
        request,
        "vouchers/resident/initiative_vouchers.html",
        {
            "initiative": initiative,
            "is_initiator": is_initiator,
            "vouchers": vouchers,
            "totals": voucher_totals(vouchers=vouchers),
            "movements": voucher_movements(vouchers=vouchers),
            "claims": list(claims_for_initiative(initiative=initiative)),
            "may_claim": _may_claim(initiative, is_initiator),
        },
    )


@require_http_methods(["GET", "HEAD"])
def voucher_detail(
    request: HttpRequest, initiative_uuid: uuid.UUID, voucher_uuid: uuid.UUID
) -> HttpResponse:
    voucher = access_voucher(request, initiative_uuid, voucher_uuid)
    initiative = voucher.initiative
    user = signed_in_user(request)
    is_initiator = user.pk == initiative.initiator_id
    spendable = voucher_is_spendable(voucher)
    replaced_by = voucher_replacement(voucher=voucher)
    response = render(
        request,
        "vouchers/resident/voucher_detail.html",
        {
            "initiative": initiative,
            "voucher": voucher,
            "balance_cents": int(voucher.account.balance_cents),
            "spendable": spendable,
            "qr_svg": voucher_qr_svg(voucher.code) if spendable else "",
            "providers": list(
                providers_approved(neighbourhood=initiative.neighbourhood)
            ),
            "movements": voucher_movements(vouchers=[voucher]),
            "is_initiator": is_initiator,
            "may_block": is_initiator and voucher.status in SPENDABLE,
            "replaced_by": replaced_by,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def voucher_pdf(
    request: HttpRequest, initiative_uuid: uuid.UUID, voucher_uuid: uuid.UUID
) -> HttpResponse:
    voucher = access_voucher(request, initiative_uuid, voucher_uuid)
    if not voucher_is_spendable(voucher):
        messages.error(request, _("This voucher can no longer be used."))
        return _to_voucher(voucher)
    response = HttpResponse(
        voucher_pdf_bytes(
            voucher=voucher, balance_cents=int(voucher.account.balance_cents)
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'inline; filename="waardebon-{voucher.number}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def voucher_block(
    request: HttpRequest, initiative_uuid: uuid.UUID, voucher_uuid: uuid.UUID
) -> HttpResponse:
    voucher = access_own_voucher(request, initiative_uuid, voucher_uuid)
    if voucher.status not in SPENDABLE:
        messages.error(request, _("This voucher cannot be blocked any more."))
        return _to_voucher(voucher)
    form = BlockForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            replacement = voucher_block_and_replace(
                actor=signed_in_user(request),
                voucher=voucher,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            if replacement is None:
                messages.success(
                    request,
                    _("Voucher %(number)s is blocked. Nothing was left on it.")
                    % {"number": voucher.number},
                )
                return _to_vouchers(voucher.initiative)
            replacement.initiative = voucher.initiative
            messages.success(
                request,
                _(
                    "Voucher %(old)s is blocked and can no longer be used. This is "
                    "your new voucher %(new)s with what was left on it."
                )
                % {"old": voucher.number, "new": replacement.number},
            )
            return _to_voucher(replacement)
    return render(
        request,
        "vouchers/resident/voucher_block.html",
        {
            "initiative": voucher.initiative,
            "voucher": voucher,
            "balance_cents": int(voucher.account.balance_cents),
            "form": form,
        },
    )


@require_POST
def voucher_share(
    request: HttpRequest, initiative_uuid: uuid.UUID, voucher_uuid: uuid.UUID
) -> HttpResponse:
    voucher = access_own_voucher(request, initiative_uuid, voucher_uuid)
    shared = request.POST.get("shared") == "1"
    voucher_share_service(actor=signed_in_user(request), voucher=voucher, shared=shared)
    messages.success(
        request,
        _("The co-initiators can now see and use this voucher.")
        if shared
        else _("The co-initiators can no longer see this voucher."),
    )
    return _to_voucher(voucher)


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
        "vouchers/resident/redemption_dispute.html",
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
                    "vouchers:claim_detail",
                    initiative_uuid=initiative.uuid,
                    claim_uuid=claim.uuid,
                )
    else:
        form = ClaimForm(advance=advance, lines=lines)
    return render(
        request,
        "vouchers/resident/claim_create.html",
        {"initiative": initiative, "form": form, "advance": advance},
    )


@require_http_methods(["GET", "HEAD"])
def claim_detail(
    request: HttpRequest, initiative_uuid: uuid.UUID, claim_uuid: uuid.UUID
) -> HttpResponse:
    claim = access_claim(request, initiative_uuid, claim_uuid)
    return render(
        request,
        "vouchers/resident/claim_detail.html",
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
    try:
        handle = receipt.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=False,
        filename=receipt.original_name,
        content_type=receipt.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = (
        "default-src 'none'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; sandbox"
    )
    return response
