"""Pages for initiators and co-initiators: their vouchers (with the code, QR code and
printable PDF), the movements on them, disputes, reimbursements and advances. Thin
views: parse → access → service/selector → render; a refused POST shows the form again
with the error and what was typed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.vouchers.constants import SPENDABLE
from wijkvoucher.vouchers.document import voucher_pdf as voucher_pdf_bytes
from wijkvoucher.vouchers.forms.resident import BlockForm
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.permissions.resident import access_own_voucher, access_voucher
from wijkvoucher.vouchers.selectors.resident import voucher_is_spendable
from wijkvoucher.vouchers.services.issuance import voucher_block_and_replace
from wijkvoucher.vouchers.services.issuance import (
    voucher_share as voucher_share_service,
)


def _to_vouchers(initiative: Initiative) -> HttpResponse:
    return redirect("payments:initiative_vouchers", initiative_uuid=initiative.uuid)


def _to_voucher(voucher: Voucher) -> HttpResponse:
    return redirect(
        "payments:voucher_detail",
        initiative_uuid=voucher.initiative.uuid,
        voucher_uuid=voucher.uuid,
    )


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
