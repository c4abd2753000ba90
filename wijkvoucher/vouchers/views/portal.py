"""The provider portal's voucher pages: the dashboard, spending a voucher, the
redemptions and their refunds. Thin views: parse → access → service/selector →
render. A voucher code is a bearer secret: it travels only in POST bodies, never in
a URL."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped,unused-ignore]

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.providers.models import (
    Provider,
)
from wijkvoucher.providers.permissions import access_provider
from wijkvoucher.vouchers.constants import SPENDABLE, Channel, VoucherStatus
from wijkvoucher.vouchers.forms.portal import (
    CODE_REFUSALS,
    RedeemForm,
    RefundForm,
    VoucherCodeForm,
)
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.permissions.portal import access_redemption_for_provider
from wijkvoucher.vouchers.selectors.portal import (
    provider_connections,
    provider_redemptions_latest,
)
from wijkvoucher.vouchers.selectors.resident import voucher_balance_cents
from wijkvoucher.vouchers.services.redemption import (
    redemption_create,
    refund_create,
    voucher_for_code,
)

logger = logging.getLogger(__name__)


# Code look-ups per person: enough for a busy till, too few to guess 80-bit codes.
CODE_RATE = "30/m"


LATEST = 10


LIST_LIMIT = 200


def _code_limited(request: HttpRequest) -> bool:
    limited = bool(
        is_ratelimited(
            request,
            group="vouchers.provider_code",
            key="user",
            rate=CODE_RATE,
            method="POST",
            increment=True,
        )
    )
    if limited:
        logger.warning("Rate limit reached for vouchers.provider_code.")
    return limited


def _too_many(request: HttpRequest) -> HttpResponse:
    view = import_string(settings.RATELIMIT_VIEW)
    response: HttpResponse = view(request)
    return response


def _voucher_problem(voucher: Voucher) -> str | None:
    """Why this voucher cannot be spent at all (shown at step 1), or None."""
    if voucher.status == VoucherStatus.BLOCKED:
        return _("This voucher has been blocked.")
    if voucher.status == VoucherStatus.VOIDED:
        return _("This voucher is no longer valid: the plan stopped.")
    if voucher.status == VoucherStatus.EXPIRED or (
        timezone.localdate() > voucher.valid_until
    ):
        return _("This voucher expired on %(day)s.") % {
            "day": date_format(voucher.valid_until)
        }
    if voucher.status not in SPENDABLE:
        return _("Nothing is left on this voucher.")
    return None


def _step_one(
    request: HttpRequest, provider: Provider, form: VoucherCodeForm
) -> HttpResponse:
    return render(
        request,
        "vouchers/portal/redeem_code.html",
        {"provider": provider, "form": form},
    )


def _step_two(
    request: HttpRequest, provider: Provider, voucher: Voucher, form: RedeemForm
) -> HttpResponse:
    response = render(
        request,
        "vouchers/portal/redeem_amount.html",
        {
            "provider": provider,
            "voucher": voucher,
            "balance_cents": voucher_balance_cents(voucher),
            "connections": provider_connections(
                provider=provider, initiative=voucher.initiative
            ),
            "form": form,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def provider_redeem(request: HttpRequest) -> HttpResponse:
    provider = access_provider(request)
    if request.method != "POST":
        return _step_one(request, provider, VoucherCodeForm())
    if _code_limited(request):
        return _too_many(request)
    if request.POST.get("step") == "confirm":
        return _confirm(request, provider)
    form = VoucherCodeForm(request.POST)
    if not form.is_valid():
        return _step_one(request, provider, form)
    code = form.cleaned_data["code"]
    try:
        voucher = voucher_for_code(provider=provider, code=code)
    except ValidationError as exc:
        form.add_error("code", exc)
        return _step_one(request, provider, form)
    problem = _voucher_problem(voucher)
    if problem is not None:
        form.add_error("code", problem)
        return _step_one(request, provider, form)
    return _step_two(request, provider, voucher, RedeemForm(initial={"code": code}))


def _confirm(request: HttpRequest, provider: Provider) -> HttpResponse:
    form = RedeemForm(request.POST)
    code = request.POST.get("code", "")
    try:
        voucher = voucher_for_code(provider=provider, code=code)
    except ValidationError as exc:
        back = VoucherCodeForm({"code": code})
        back.is_valid()
        back.add_error("code", exc)
        return _step_one(request, provider, back)
    if not form.is_valid():
        return _step_two(request, provider, voucher, form)
    data = form.cleaned_data
    try:
        redemption = redemption_create(
            actor=signed_in_user(request),
            provider=provider,
            code=data["code"],
            amount_cents=data["amount"],
            description=data["description"],
            reference=data["reference"],
            channel=Channel.PORTAL,
        )
    except ValidationError as exc:
        if exc.code in CODE_REFUSALS:
            back = VoucherCodeForm({"code": code})
            back.is_valid()
            back.add_error("code", exc)
            return _step_one(request, provider, back)
        add_refusal(form, exc, {"insufficient_balance": "amount"})
        return _step_two(request, provider, voucher, form)
    messages.success(
        request,
        _("The payment went through. The initiator gets a message about it."),
    )
    return redirect("vouchers:provider_redemption", redemption_uuid=redemption.uuid)


@require_http_methods(["GET", "HEAD"])
def provider_redemptions(request: HttpRequest) -> HttpResponse:
    provider = access_provider(request)
    return render(
        request,
        "vouchers/portal/redemptions.html",
        {
            "provider": provider,
            "redemptions": provider_redemptions_latest(provider=provider)[:LIST_LIMIT],
        },
    )


def _redemption_page(
    request: HttpRequest, redemption: Redemption, form: RefundForm
) -> HttpResponse:
    return render(
        request,
        "vouchers/portal/redemption.html",
        {
            "redemption": redemption,
            "provider": redemption.provider,
            "voucher": redemption.voucher,
            "balance_cents": voucher_balance_cents(redemption.voucher),
            "refunds": redemption.refunds.order_by("created_at", "pk"),
            "form": form,
        },
    )


@require_http_methods(["GET", "HEAD"])
def provider_redemption(
    request: HttpRequest, redemption_uuid: uuid.UUID
) -> HttpResponse:
    redemption = access_redemption_for_provider(request, redemption_uuid)
    return _redemption_page(request, redemption, RefundForm())


@require_POST
def provider_refund(request: HttpRequest, redemption_uuid: uuid.UUID) -> HttpResponse:
    redemption = access_redemption_for_provider(request, redemption_uuid)
    form = RefundForm(request.POST)
    if form.is_valid():
        try:
            refund_create(
                actor=signed_in_user(request),
                redemption=redemption,
                amount_cents=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                channel=Channel.PORTAL,
                provider=redemption.provider,
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"refund_exceeds_redemption": "amount"})
        else:
            messages.success(request, _("The money is back on the voucher."))
            return redirect(
                "vouchers:provider_redemption", redemption_uuid=redemption.uuid
            )
    redemption.refresh_from_db()
    return _redemption_page(request, redemption, form)
