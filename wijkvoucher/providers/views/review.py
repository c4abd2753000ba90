"""The coordinator's review of provider applications: the list, one application,
and approving, returning or rejecting it."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.permissions import (
    access_provider_for_review,
    require_provider_reviewer,
)
from wijkvoucher.providers.selectors import providers_for_review
from wijkvoucher.providers.services.review import (
    provider_approve,
    provider_reject,
    provider_return,
)
from wijkvoucher.providers.views.portal import REVIEW_FORMS, _category_labels
from wijkvoucher.providers.workflow import PROVIDER_REVIEW_STEPS


@require_http_methods(["GET", "HEAD"])
def providers_review(request: HttpRequest) -> HttpResponse:
    municipalities = require_provider_reviewer(request)
    review = providers_for_review(municipalities=municipalities)
    return render(
        request,
        "providers/review_list.html",
        {
            "waiting": review.waiting,
            "returned": review.returned,
            "rejected": review.rejected,
            "approved": review.approved,
        },
    )


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
        "providers/review_detail.html",
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
        return redirect("providers:provider_review", provider_uuid=provider.uuid)
    form = _review_form(action, request.POST)
    if form.is_valid():
        try:
            done = _perform_review(request, provider, action, form)
        except ValidationError as exc:
            add_refusal(form, exc, {"reason_required": "reason"})
        else:
            messages.success(request, done)
            return redirect("providers:providers_review")
    return _review_page(request, provider, {action: form})
