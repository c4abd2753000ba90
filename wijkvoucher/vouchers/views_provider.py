"""The provider portal (aanbieders): the dashboard, spending a voucher, the
redemptions and their refunds, API keys; signing up as a provider, and the
coordinator's review of providers. Thin views: parse → access → service/selector →
render. A voucher code is a bearer secret: it travels only in POST bodies, never in
a URL."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped,unused-ignore]

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.core.forms import add_refusal, error_text
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.vouchers.constants import (
    SPENDABLE,
    Channel,
    ProviderReviewStatus,
    VoucherStatus,
)
from wijkvoucher.vouchers.forms_provider import (
    CODE_REFUSALS,
    REGISTER_ERROR_FIELDS,
    ApproveForm,
    ProviderRegisterForm,
    RedeemForm,
    RefundForm,
    ReviewReasonForm,
    RevokeTokenForm,
    TokenForm,
    VoucherCodeForm,
)
from wijkvoucher.vouchers.models import (
    Provider,
    ProviderApiToken,
    Redemption,
    Voucher,
)
from wijkvoucher.vouchers.permissions import (
    access_own_application,
    access_provider,
    access_provider_for_review,
    access_redemption_for_provider,
    access_token_for_provider,
    choose_provider,
    provider_memberships,
    require_provider_reviewer,
)
from wijkvoucher.vouchers.selectors import (
    municipality_neighbourhoods,
    provider_api_tokens,
    provider_applications_of,
    provider_connections,
    provider_payouts_latest,
    provider_redemptions_latest,
    providers_for_review,
    registration_municipality,
)
from wijkvoucher.vouchers.selectors_resident import voucher_balance_cents
from wijkvoucher.vouchers.services.providers import (
    provider_application_resubmit,
    provider_approve,
    provider_register,
    provider_reject,
    provider_return,
)
from wijkvoucher.vouchers.services.redemption import (
    redemption_create,
    refund_create,
    voucher_for_code,
)
from wijkvoucher.vouchers.services.tokens import api_token_create, api_token_revoke
from wijkvoucher.vouchers.workflow_provider import PROVIDER_REVIEW_STEPS

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


def _api_docs_url() -> str:
    try:
        return reverse("api:docs")
    except NoReverseMatch:
        return "/api/v1/docs/"


def _owed_cents(provider: Provider) -> int:
    if provider.payable_account_id is None:
        return 0
    provider.refresh_from_db(fields=["payable_account"])
    account = provider.payable_account
    return int(account.balance_cents) if account is not None else 0


# --- Dashboard -------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def provider_home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    memberships = provider_memberships(request)
    if not memberships:
        waiting = provider_applications_of(user=user)
        return render(
            request, "vouchers/provider/no_membership.html", {"waiting": waiting}
        )
    require_second_factor(request)
    wanted = request.GET.get("aanbieder")
    if wanted is not None:
        if not choose_provider(request, wanted):
            messages.error(request, _("You cannot act for that provider."))
        return redirect("vouchers:provider_home")
    provider = access_provider(request)
    payouts = provider_payouts_latest(provider=provider)[:LATEST]
    return render(
        request,
        "vouchers/provider/home.html",
        {
            "provider": provider,
            "memberships": memberships,
            "owed_cents": _owed_cents(provider),
            "redemptions": provider_redemptions_latest(provider=provider)[:LATEST],
            "payouts": payouts,
            "api_docs_url": _api_docs_url(),
        },
    )


# --- Signing up ------------------------------------------------------------------------


def _application(data: dict[str, Any]) -> dict[str, Any]:
    """The registration form's answers, as the registration services take them."""
    return {
        "name": data["name"],
        "kvk_number": data["kvk_number"],
        "iban": data["iban"],
        "street_address": data["street_address"],
        "postcode": data["postcode"],
        "city": data["city"],
        "neighbourhoods": list(data["neighbourhoods"]),
        "categories": data["categories"],
        "description": data["description"],
        "email": data["email"],
    }


@require_http_methods(["GET", "HEAD", "POST"])
def provider_register_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    municipality = registration_municipality(user=user)
    if municipality is None:
        return render(request, "vouchers/provider/register_no_municipality.html")
    wijken = municipality_neighbourhoods(municipality_id=municipality.pk)
    if request.method != "POST":
        form = ProviderRegisterForm(
            neighbourhoods=wijken, initial={"email": user.email}
        )
        return _register_page(request, municipality, form)
    form = ProviderRegisterForm(request.POST, neighbourhoods=wijken)
    if form.is_valid():
        data = form.cleaned_data
        try:
            provider = provider_register(
                actor=user, municipality=municipality, **_application(data)
            )
        except ValidationError as exc:
            add_refusal(form, exc, REGISTER_ERROR_FIELDS)
        else:
            messages.success(
                request,
                _(
                    "We received the registration of %(provider)s. The coordinator "
                    "of the municipality will check it; you get a message when it "
                    "is approved."
                )
                % {"provider": provider.name},
            )
            return redirect("vouchers:provider_home")
    return _register_page(request, municipality, form, status=200)


def _register_page(
    request: HttpRequest,
    municipality: Municipality,
    form: ProviderRegisterForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "vouchers/provider/register.html",
        {"municipality": municipality, "form": form},
        status=status,
    )


# --- The coordinator's review ----------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def providers_review(request: HttpRequest) -> HttpResponse:
    municipalities = require_provider_reviewer(request)
    review = providers_for_review(municipalities=municipalities)
    return render(
        request,
        "vouchers/provider/review_list.html",
        {
            "waiting": review.waiting,
            "returned": review.returned,
            "rejected": review.rejected,
            "approved": review.approved,
        },
    )


# The coordinator's three answers to an application, each its own form on the review
# page, and the state each leads to (offered when PROVIDER_REVIEW_STEPS allows it).
REVIEW_FORMS: dict[str, tuple[type[forms.Form], ProviderReviewStatus]] = {
    "approve": (ApproveForm, ProviderReviewStatus.APPROVED),
    "return": (ReviewReasonForm, ProviderReviewStatus.RETURNED),
    "reject": (ReviewReasonForm, ProviderReviewStatus.REJECTED),
}


def _review_actions(provider: Provider) -> list[str]:
    allowed = PROVIDER_REVIEW_STEPS[provider.review_state]
    return [a for a, (_form, to) in REVIEW_FORMS.items() if to in allowed]


def _review_form(action: str, data: Any = None) -> forms.Form:
    form_class = REVIEW_FORMS[action][0]
    return form_class(data, prefix=None if action == "approve" else action)


def _review_page(
    request: HttpRequest,
    provider: Provider,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    bound = bound or {}
    return render(
        request,
        "vouchers/provider/review_detail.html",
        {
            "provider": provider,
            "state": provider.review_state,
            "forms": {
                action: bound.get(action) or _review_form(action)
                for action in _review_actions(provider)
            },
            "categories": _category_labels(provider),
            "wijken": list(provider.neighbourhoods.order_by("name")),
        },
    )


def _perform_review(
    request: HttpRequest, provider: Provider, action: str, form: forms.Form
) -> str:
    """Take the coordinator's answer; returns the message for the next page."""
    actor = signed_in_user(request)
    if action == "approve":
        provider_approve(actor=actor, provider=provider)
        return _("%(provider)s has been approved.") % {"provider": provider.name}
    reason = form.cleaned_data["reason"]
    if action == "return":
        provider_return(actor=actor, provider=provider, reason=reason)
        return _(
            "The application of %(provider)s has been returned. The applicant gets "
            "your reason and a link to correct it."
        ) % {"provider": provider.name}
    provider_reject(actor=actor, provider=provider, reason=reason)
    return _(
        "The application of %(provider)s has been rejected. The applicant gets your "
        "reason."
    ) % {"provider": provider.name}


@require_http_methods(["GET", "HEAD", "POST"])
def provider_review(request: HttpRequest, provider_uuid: uuid.UUID) -> HttpResponse:
    provider = access_provider_for_review(request, provider_uuid)
    if request.method != "POST":
        return _review_page(request, provider)
    action = request.POST.get("action", "approve")
    if action not in _review_actions(provider):
        messages.error(
            request,
            _("This is not possible now: the application is %(state)s.")
            % {"state": provider.review_state.label},
        )
        return redirect("vouchers:provider_review", provider_uuid=provider.uuid)
    form = _review_form(action, request.POST)
    if form.is_valid():
        try:
            done = _perform_review(request, provider, action, form)
        except ValidationError as exc:
            add_refusal(form, exc, {"reason_required": "reason"})
        else:
            messages.success(request, done)
            return redirect("vouchers:providers_review")
    return _review_page(request, provider, {action: form})


# --- The applicant's own application ----------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def provider_application(
    request: HttpRequest, provider_uuid: uuid.UUID
) -> HttpResponse:
    """The applicant sees where their application stands and why; a returned one
    they correct here and send again."""
    provider = access_own_application(request, provider_uuid)
    if provider.approved_at is not None:
        return redirect("vouchers:provider_home")
    correctable = provider.review_state == ProviderReviewStatus.RETURNED
    wijken = municipality_neighbourhoods(municipality_id=provider.municipality_id)
    form = None
    if correctable:
        form = ProviderRegisterForm(
            request.POST if request.method == "POST" else None,
            neighbourhoods=wijken,
            initial=_application_initial(provider),
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                provider_application_resubmit(
                    actor=signed_in_user(request),
                    provider=provider,
                    **_application(data),
                )
            except ValidationError as exc:
                add_refusal(form, exc, REGISTER_ERROR_FIELDS)
            else:
                messages.success(
                    request,
                    _(
                        "Your corrected application has been sent. The coordinator "
                        "checks it again; you get a message about the outcome."
                    ),
                )
                return redirect(
                    "vouchers:provider_application", provider_uuid=provider.uuid
                )
    elif request.method == "POST":
        messages.error(
            request,
            _("This application cannot be changed now: it is %(state)s.")
            % {"state": provider.review_state.label},
        )
        return redirect("vouchers:provider_application", provider_uuid=provider.uuid)
    return render(
        request,
        "vouchers/provider/application.html",
        {"provider": provider, "form": form, "state": provider.review_state},
    )


def _application_initial(provider: Provider) -> dict[str, Any]:
    return {
        "name": provider.name,
        "kvk_number": provider.kvk_number,
        "iban": provider.iban,
        "street_address": provider.street_address,
        "postcode": provider.postcode,
        "city": provider.city,
        "neighbourhoods": list(provider.neighbourhoods.all()),
        "categories": provider.categories,
        "description": provider.description,
        "email": provider.email,
    }


def _category_labels(provider: Provider) -> list[str]:
    from wijkvoucher.vouchers.constants import ProviderCategory

    labels = dict(ProviderCategory.choices)
    return [str(labels.get(c, c)) for c in provider.categories or []]


# --- Spending a voucher ----------------------------------------------------------------


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
        "vouchers/provider/redeem_code.html",
        {"provider": provider, "form": form},
    )


def _step_two(
    request: HttpRequest, provider: Provider, voucher: Voucher, form: RedeemForm
) -> HttpResponse:
    response = render(
        request,
        "vouchers/provider/redeem_amount.html",
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


# --- Redemptions and refunds -----------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def provider_redemptions(request: HttpRequest) -> HttpResponse:
    provider = access_provider(request)
    return render(
        request,
        "vouchers/provider/redemptions.html",
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
        "vouchers/provider/redemption.html",
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


# --- API keys --------------------------------------------------------------------------


def _tokens_page(
    request: HttpRequest,
    provider: Provider,
    form: TokenForm,
    new_key: str = "",
    new_token: ProviderApiToken | None = None,
) -> HttpResponse:
    response = render(
        request,
        "vouchers/provider/tokens.html",
        {
            "provider": provider,
            "tokens": provider_api_tokens(provider=provider),
            "form": form,
            "new_key": new_key,
            "new_token": new_token,
            "api_docs_url": _api_docs_url(),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def provider_tokens(request: HttpRequest) -> HttpResponse:
    provider = access_provider(request)
    if request.method != "POST":
        return _tokens_page(request, provider, TokenForm())
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = api_token_create(
                actor=signed_in_user(request),
                provider=provider,
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            add_refusal(form, exc, {"required": "name"})
        else:
            return _tokens_page(
                request, provider, TokenForm(), new_key=key, new_token=token
            )
    return _tokens_page(request, provider, form)


@require_http_methods(["GET", "HEAD", "POST"])
def provider_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoking a key stops the till that uses it at once: a page asks first, and
    nothing is revoked unless the person ticks that they understand."""
    token = access_token_for_provider(request, token_id)
    if token.revoked_at is not None:
        messages.error(request, _("This key has already been revoked."))
        return redirect("vouchers:provider_tokens")
    form = RevokeTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            api_token_revoke(actor=signed_in_user(request), token=token)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request,
                _("The key %(name)s has been revoked; it no longer works.")
                % {"name": token.name},
            )
        return redirect("vouchers:provider_tokens")
    return render(
        request,
        "vouchers/provider/token_revoke.html",
        {"token": token, "provider": token.provider, "form": form},
    )
