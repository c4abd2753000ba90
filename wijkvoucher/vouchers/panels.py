"""The vouchers parts of initiatives' plan pages. The pages belong to the
initiatives app, which may not import this app (dependency direction in
docs/architecture.md): ``wijkvoucher.work.plan_pages`` puts these panels in the
pages' slots (``wijkvoucher.initiatives.panels``)."""

from __future__ import annotations

import dataclasses

from django.http import HttpRequest
from django.template.loader import render_to_string

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.vouchers.permissions_cash import may_manage_cash
from wijkvoucher.vouchers.selectors_resident import (
    claims_for_initiative,
    initiative_has_vouchers,
    initiative_vouchers,
    voucher_movements,
    voucher_totals,
)


def official_plan_panel(request: HttpRequest, initiative: Initiative) -> str:
    """The official's plan file: the plan's vouchers with their balances, every
    movement, and its reimbursements and advances."""
    user = getattr(request, "user", None)
    vouchers = initiative_vouchers(initiative=initiative)
    movements = [
        # Disputing is the initiator's step, not the official's.
        dataclasses.replace(m, may_dispute=False)
        for m in voucher_movements(vouchers=vouchers)
    ]
    return render_to_string(
        "vouchers/official/_panel.html",
        {
            "initiative": initiative,
            "vouchers": vouchers,
            "totals": voucher_totals(vouchers=vouchers) if vouchers else None,
            "movements": movements,
            "claims": list(claims_for_initiative(initiative=initiative)),
            "is_cash_manager": user is not None
            and user.is_authenticated
            and may_manage_cash(user=user, initiative=initiative),
        },
    )


def initiator_plan_panel(request: HttpRequest, initiative: Initiative) -> str:
    """The resident's plan page: the way to the plan's vouchers and payments, once
    the plan is carried out or has vouchers."""
    show = (
        initiative.status == InitiativeStatus.IN_EXECUTION
        or initiative_has_vouchers(initiative=initiative)
    )
    if not show:
        return ""
    return render_to_string(
        "vouchers/resident/_for_initiator.html", {"initiative": initiative}
    )
