"""The vouchers part of the official's plan file, as an inclusion tag (the plan file
belongs to the initiatives app, which may not import this app): the plan's vouchers
with their balances, every movement, and its reimbursements and advances."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import template

from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.vouchers.permissions_cash import may_manage_cash
from wijkvoucher.vouchers.selectors_resident import (
    claims_for_initiative,
    initiative_vouchers,
    voucher_movements,
    voucher_totals,
)

register = template.Library()


@register.inclusion_tag("vouchers/official/_panel.html", takes_context=True)
def vouchers_panel(context: dict[str, Any], initiative: Initiative) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    vouchers = initiative_vouchers(initiative=initiative)
    movements = [
        # Disputing is the initiator's step, not the official's.
        dataclasses.replace(m, may_dispute=False)
        for m in voucher_movements(vouchers=vouchers)
    ]
    return {
        "initiative": initiative,
        "vouchers": vouchers,
        "totals": voucher_totals(vouchers=vouchers) if vouchers else None,
        "movements": movements,
        "claims": list(claims_for_initiative(initiative=initiative)),
        "is_cash_manager": user is not None
        and user.is_authenticated
        and may_manage_cash(user=user, initiative=initiative),
    }
