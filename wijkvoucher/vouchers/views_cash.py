"""The cash manager's pages: an overview per wijk, reimbursements and advances to
approve or reject, disputes to resolve, and the budget view per wijk and period
(also for contact officials and the council, read only). Thin views: parse → access
→ service/selector → render; a refused POST shows the form again with the error and
what was typed."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from wijkvoucher.accounts.models import User
from wijkvoucher.core.forms import add_refusal
from wijkvoucher.core.money import format_euro
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.budgets import (
    budget_period_current,
    budget_periods,
)
from wijkvoucher.vouchers.chart import budget_period_chart
from wijkvoucher.vouchers.constants import ClaimStatus, DisputeStatus
from wijkvoucher.vouchers.forms_cash import (
    CLAIM_ERROR_FIELDS,
    DISPUTE_ERROR_FIELDS,
    ClaimApproveForm,
    ClaimRejectForm,
    DisputeRejectForm,
    DisputeUpholdForm,
)
from wijkvoucher.vouchers.models import Claim, Dispute
from wijkvoucher.vouchers.permissions_cash import (
    access_budget_wijk,
    access_claim_for_cash,
    access_dispute_for_cash,
    is_own_plan,
    require_cash_manager,
)
from wijkvoucher.vouchers.selectors import (
    cash_claims_list,
    cash_disputes_list,
    cash_waiting_per_wijk,
    other_claims_cents,
    plans_awaiting_vouchers,
    spent_at_claimed_provider,
    vouchers_soonest_ending,
)
from wijkvoucher.vouchers.selectors_budget import (
    BudgetOverview,
    budget_overview,
    budget_series,
)
from wijkvoucher.vouchers.selectors_resident import voucher_balance_cents
from wijkvoucher.vouchers.services.claims_decide import (
    claim_approve,
    claim_reject,
)
from wijkvoucher.vouchers.services.disputes_resolve import (
    dispute_reject,
    dispute_uphold,
)


def _url(name: str, **kwargs: Any) -> str:
    """A page another helper may not have built yet: empty when it does not exist."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


# --- Overview ----------------------------------------------------------------------


@dataclass(frozen=True)
class WijkCash:
    neighbourhood: Neighbourhood
    overview: BudgetOverview | None
    claims_waiting: int
    disputes_open: int


@require_safe
def cash_home(request: HttpRequest) -> HttpResponse:
    neighbourhoods = list(require_cash_manager(request))
    today = timezone.localdate()
    claims, disputes = cash_waiting_per_wijk(neighbourhoods=neighbourhoods)
    rows = []
    for wijk in neighbourhoods:
        period = budget_period_current(neighbourhood=wijk, on=today)
        rows.append(
            WijkCash(
                neighbourhood=wijk,
                overview=budget_overview(budget_period=period) if period else None,
                claims_waiting=int(claims.get(wijk.pk, 0)),
                disputes_open=int(disputes.get(wijk.pk, 0)),
            )
        )
    return render(
        request,
        "vouchers/cash/home.html",
        {
            "rows": rows,
            "payouts_url": _url("vouchers:cash_payouts"),
            "claims_waiting": sum(r.claims_waiting for r in rows),
            "disputes_open": sum(r.disputes_open for r in rows),
            "to_issue": list(
                plans_awaiting_vouchers(
                    neighbourhoods=neighbourhoods, user=signed_in_user(request)
                )
            ),
        },
    )


# --- Budget --------------------------------------------------------------------------


def _chosen_period(
    wijk: Neighbourhood, choice: str, periods: list[BudgetPeriod]
) -> BudgetPeriod | None:
    choice = (choice or "").strip()
    if not choice:
        current = budget_period_current(neighbourhood=wijk, on=timezone.localdate())
        return current or (periods[0] if periods else None)
    try:
        wanted = uuid.UUID(choice)
        match = [p for p in periods if p.uuid == wanted]
    except ValueError:
        try:
            day = dt.date.fromisoformat(choice)
        except ValueError:
            raise Http404 from None
        match = [p for p in periods if p.starts_on == day]
    if not match:
        raise Http404
    return match[0]


@require_safe
def cash_budget(request: HttpRequest, neighbourhood_slug: str) -> HttpResponse:
    wijk = access_budget_wijk(request, neighbourhood_slug)
    periods = list(budget_periods(neighbourhood=wijk))
    period = _chosen_period(wijk, request.GET.get("periode", ""), periods)
    overview = budget_overview(budget_period=period) if period else None
    series = budget_series(budget_period=period) if period else []
    return render(
        request,
        "vouchers/cash/budget.html",
        {
            "wijk": wijk,
            "periods": periods,
            "period": period,
            "overview": overview,
            "series": series,
            "chart": budget_period_chart(period_name=period.name, points=series)
            if period
            else "",
        },
    )


# --- Claims --------------------------------------------------------------------------


@require_safe
def cash_claims(request: HttpRequest) -> HttpResponse:
    neighbourhoods = require_cash_manager(request)
    claims = cash_claims_list(neighbourhoods=neighbourhoods)[:500]
    return render(request, "vouchers/cash/claims.html", {"claims": claims})


def _claim_page(
    request: HttpRequest,
    claim: Claim,
    approve_form: ClaimApproveForm | None = None,
    reject_form: ClaimRejectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    own = is_own_plan(user=user, initiative=claim.initiative)
    open_ = claim.status == ClaimStatus.SUBMITTED and not own
    vouchers = vouchers_soonest_ending(initiative=claim.initiative)
    line = claim.budget_line
    other_claims = other_claims_cents(claim=claim)
    receipts = [
        (
            receipt,
            _url(
                "vouchers:claim_receipt",
                claim_uuid=claim.uuid,
                receipt_id=receipt.pk,
            ),
        )
        for receipt in claim.receipts.all()
    ]
    return render(
        request,
        "vouchers/cash/claim_detail.html",
        {
            "claim": claim,
            "initiative": claim.initiative,
            "own_plan": own,
            "receipts": receipts,
            "line": line,
            "spent_at_provider": spent_at_claimed_provider(claim=claim),
            "other_claims_cents": int(other_claims or 0),
            "vouchers": [(v, voucher_balance_cents(v)) for v in vouchers],
            "approve_form": approve_form
            if approve_form is not None
            else (ClaimApproveForm() if open_ else None),
            "reject_form": reject_form
            if reject_form is not None
            else (ClaimRejectForm(prefix="reject") if open_ else None),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cash_claim(request: HttpRequest, claim_uuid: uuid.UUID) -> HttpResponse:
    claim = access_claim_for_cash(request, claim_uuid)
    if request.method != "POST":
        return _claim_page(request, claim)
    actor = signed_in_user(request)
    action = request.POST.get("action", "")
    if action == "approve":
        approve = ClaimApproveForm(request.POST)
        if approve.is_valid():
            try:
                claim_approve(actor=actor, claim=claim)
            except ValidationError as exc:
                add_refusal(approve, exc, {})
            else:
                messages.success(
                    request,
                    _("Approved: %(amount)s will be paid with the next payment run.")
                    % {"amount": format_euro(int(claim.amount_cents))},
                )
                return redirect("vouchers:cash_claim", claim_uuid=claim.uuid)
        return _claim_page(request, claim, approve_form=approve)
    if action == "reject":
        reject = ClaimRejectForm(request.POST, prefix="reject")
        if reject.is_valid():
            try:
                claim_reject(
                    actor=actor, claim=claim, reason=reject.cleaned_data["reason"]
                )
            except ValidationError as exc:
                add_refusal(reject, exc, CLAIM_ERROR_FIELDS)
            else:
                messages.success(request, _("The request has been rejected."))
                return redirect("vouchers:cash_claim", claim_uuid=claim.uuid)
        return _claim_page(request, claim, reject_form=reject)
    messages.error(request, _("Choose approve or reject."))
    return redirect("vouchers:cash_claim", claim_uuid=claim.uuid)


# --- Disputes ------------------------------------------------------------------------


@require_safe
def cash_disputes(request: HttpRequest) -> HttpResponse:
    neighbourhoods = require_cash_manager(request)
    disputes = cash_disputes_list(neighbourhoods=neighbourhoods)[:500]
    return render(request, "vouchers/cash/disputes.html", {"disputes": disputes})


def _dispute_page(
    request: HttpRequest,
    dispute: Dispute,
    uphold_form: DisputeUpholdForm | None = None,
    reject_form: DisputeRejectForm | None = None,
    paid_out: bool = False,
) -> HttpResponse:
    user = signed_in_user(request)
    redemption = dispute.redemption
    initiative = redemption.voucher.initiative
    own = is_own_plan(user=user, initiative=initiative)
    open_ = dispute.status == DisputeStatus.OPEN and not own
    refundable = redemption.refundable_cents
    return render(
        request,
        "vouchers/cash/dispute_detail.html",
        {
            "dispute": dispute,
            "redemption": redemption,
            "initiative": initiative,
            "own_plan": own,
            "paid_out": paid_out,
            "uphold_form": uphold_form
            if uphold_form is not None
            else (
                DisputeUpholdForm(
                    prefix="uphold",
                    refundable_cents=refundable,
                    initial={"amount": refundable},
                )
                if open_ and refundable > 0
                else None
            ),
            "reject_form": reject_form
            if reject_form is not None
            else (DisputeRejectForm(prefix="reject") if open_ else None),
        },
    )


def _uphold(request: HttpRequest, dispute: Dispute, actor: User) -> HttpResponse:
    uphold = DisputeUpholdForm(
        request.POST,
        prefix="uphold",
        refundable_cents=dispute.redemption.refundable_cents,
    )
    if uphold.is_valid():
        try:
            dispute_uphold(
                actor=actor,
                dispute=dispute,
                amount_cents=uphold.cleaned_data["amount"],
                resolution=uphold.cleaned_data["resolution"],
            )
        except ValidationError as exc:
            if exc.code == "already_paid_out":
                uphold.add_error(
                    None,
                    _(
                        "The provider has already been paid this money, so it "
                        "cannot go back to the voucher here. Recover it from the "
                        "provider outside this system (for example with an "
                        "invoice), or reject the dispute with an explanation."
                    ),
                )
                return _dispute_page(
                    request, dispute, uphold_form=uphold, paid_out=True
                )
            add_refusal(uphold, exc, DISPUTE_ERROR_FIELDS)
        else:
            messages.success(
                request, _("The dispute has been upheld and the money refunded.")
            )
            return redirect("vouchers:cash_dispute", dispute_uuid=dispute.uuid)
    return _dispute_page(request, dispute, uphold_form=uphold)


@require_http_methods(["GET", "HEAD", "POST"])
def cash_dispute(request: HttpRequest, dispute_uuid: uuid.UUID) -> HttpResponse:
    dispute = access_dispute_for_cash(request, dispute_uuid)
    if request.method != "POST":
        return _dispute_page(request, dispute)
    actor = signed_in_user(request)
    action = request.POST.get("action", "")
    if action == "uphold":
        return _uphold(request, dispute, actor)
    if action == "reject":
        reject = DisputeRejectForm(request.POST, prefix="reject")
        if reject.is_valid():
            try:
                dispute_reject(
                    actor=actor,
                    dispute=dispute,
                    resolution=reject.cleaned_data["resolution"],
                )
            except ValidationError as exc:
                add_refusal(reject, exc, DISPUTE_ERROR_FIELDS)
            else:
                messages.success(request, _("The dispute has been rejected."))
                return redirect("vouchers:cash_dispute", dispute_uuid=dispute.uuid)
        return _dispute_page(request, dispute, reject_form=reject)
    messages.error(request, _("Choose uphold or reject."))
    return redirect("vouchers:cash_dispute", dispute_uuid=dispute.uuid)
