"""The initiator's money pages: the plan's vouchers with their balances, every
movement on them (redemptions, refunds, claims, disputes) and the plan's claims. They
sit in payments because they show all of it. Thin views: parse → access →
service/selector → render."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.payments.selectors.resident import (
    claims_for_initiative,
    voucher_movements,
    voucher_totals,
)
from wijkvoucher.providers.selectors import providers_approved
from wijkvoucher.vouchers.constants import SPENDABLE
from wijkvoucher.vouchers.document import voucher_qr_svg
from wijkvoucher.vouchers.permissions.resident import (
    access_initiative_money,
    access_voucher,
)
from wijkvoucher.vouchers.selectors.resident import (
    voucher_is_spendable,
    voucher_replacement,
    vouchers_visible,
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
        "payments/resident/initiative_vouchers.html",
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
        "payments/resident/voucher_detail.html",
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
