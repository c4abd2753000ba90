"""The official's step after the award: issue the vouchers (issue #4 point 2)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.core.money import format_euro
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.vouchers.forms_resident import IssueForm
from wijkvoucher.vouchers.permissions_resident import access_initiative_for_issue
from wijkvoucher.vouchers.services.issuance import (
    voucher_rules,
    voucher_split,
    vouchers_issue,
)

ISSUE_ERROR_FIELDS = {
    "invalid_amount": "split",
    "voucher_too_large": "split",
    "amounts_do_not_add_up": "split",
    "too_many_vouchers": "split",
}


def _back(request: HttpRequest, initiative: Initiative) -> tuple[str, str]:
    """Where the issuer came from, and its name: the plan file for the wijk's
    officials, the cash overview for a cash manager (who has no plan file)."""
    if is_wijk_official(user=signed_in_user(request), initiative=initiative):
        return reverse(
            "initiatives:official_plan", kwargs={"initiative_uuid": initiative.uuid}
        ), _("Back to the plan file")
    return reverse("vouchers:cash_home"), _("Back to cash management")


def _back_url(request: HttpRequest, initiative: Initiative) -> str:
    return _back(request, initiative)[0]


def _award(initiative: Initiative) -> tuple[Decision | None, int]:
    """The latest award and what is still reserved for it."""
    decision = decision_award_latest(initiative=initiative)
    if decision is None or decision.reservation_account is None:
        return decision, 0
    return decision, int(decision.reservation_account.balance_cents)


@require_http_methods(["GET", "HEAD", "POST"])
def voucher_issue(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_initiative_for_issue(request, initiative_uuid)
    if initiative.status not in (
        InitiativeStatus.AWARDED,
        InitiativeStatus.PARTLY_AWARDED,
    ):
        messages.error(
            request,
            _("Vouchers can only be issued for an awarded plan (now: %(status)s).")
            % {"status": initiative.get_status_display()},
        )
        return redirect(_back_url(request, initiative))
    decision, reserved = _award(initiative)
    max_cents, max_count, _months, _weeks = voucher_rules(initiative)
    form = IssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            vouchers = vouchers_issue(
                actor=signed_in_user(request),
                initiative=initiative,
                amounts_cents=form.cleaned_data["split"] or None,
            )
        except ValidationError as exc:
            code = getattr(exc, "code", "") or ""
            field = ISSUE_ERROR_FIELDS.get(code)
            form.add_error(field, exc)
        else:
            messages.success(
                request,
                _(
                    "%(count)s voucher(s) worth %(total)s in all have been issued. "
                    "The initiator has been told."
                )
                % {
                    "count": len(vouchers),
                    "total": format_euro(sum(v.amount_cents for v in vouchers)),
                },
            )
            return redirect(_back_url(request, initiative))
    return render(
        request,
        "vouchers/official/voucher_issue.html",
        {
            "initiative": initiative,
            "decision": decision,
            "reserved_cents": reserved,
            "max_cents": max_cents,
            "max_count": max_count,
            "proposed": voucher_split(total_cents=reserved, max_cents=max_cents),
            "form": form,
            "back": _back(request, initiative),
        },
    )
