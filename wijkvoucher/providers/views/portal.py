"""Signing up as a provider and the applicant's own application page. Thin views:
parse → access → service/selector → render. The review, the API keys and the
portal's voucher pages have their own modules."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.providers.constants import ProviderReviewStatus
from wijkvoucher.providers.forms import (
    REGISTER_ERROR_FIELDS,
    ApproveForm,
    ProviderRegisterForm,
    ReviewReasonForm,
)
from wijkvoucher.providers.models import (
    Provider,
)
from wijkvoucher.providers.permissions import access_own_application
from wijkvoucher.providers.selectors import (
    municipality_neighbourhoods,
    registration_municipality,
)
from wijkvoucher.providers.services.registration import (
    provider_application_resubmit,
    provider_register,
)


def _api_docs_url() -> str:
    try:
        return reverse("api:docs")
    except NoReverseMatch:
        return "/api/v1/docs/"


# --- Dashboard -------------------------------------------------------------------------


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
        return render(request, "providers/register_no_municipality.html")
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
            return redirect("payments:provider_home")
    return _register_page(request, municipality, form, status=200)


def _register_page(
    request: HttpRequest,
    municipality: Municipality,
    form: ProviderRegisterForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "providers/register.html",
        {"municipality": municipality, "form": form},
        status=status,
    )


# --- The coordinator's review ----------------------------------------------------------


# The coordinator's three answers to an application, each its own form on the review
# page, and the state each leads to (offered when PROVIDER_REVIEW_STEPS allows it).
REVIEW_FORMS: dict[str, tuple[type[forms.Form], ProviderReviewStatus]] = {
    "approve": (ApproveForm, ProviderReviewStatus.APPROVED),
    "return": (ReviewReasonForm, ProviderReviewStatus.RETURNED),
    "reject": (ReviewReasonForm, ProviderReviewStatus.REJECTED),
}


# --- The applicant's own application ----------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def provider_application(
    request: HttpRequest, provider_uuid: uuid.UUID
) -> HttpResponse:
    """The applicant sees where their application stands and why; a returned one
    they correct here and send again."""
    provider = access_own_application(request, provider_uuid)
    if provider.approved_at is not None:
        return redirect("payments:provider_home")
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
                    "providers:provider_application", provider_uuid=provider.uuid
                )
    elif request.method == "POST":
        messages.error(
            request,
            _("This application cannot be changed now: it is %(state)s.")
            % {"state": provider.review_state.label},
        )
        return redirect("providers:provider_application", provider_uuid=provider.uuid)
    return render(
        request,
        "providers/application.html",
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
    from wijkvoucher.providers.constants import ProviderCategory

    labels = dict(ProviderCategory.choices)
    return [str(labels.get(c, c)) for c in provider.categories or []]


# --- Spending a voucher ----------------------------------------------------------------


# --- Redemptions and refunds -----------------------------------------------------------


# --- API keys --------------------------------------------------------------------------
