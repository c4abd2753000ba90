"""The provider portal's dashboard: what the provider is owed, its latest
redemptions and the payouts it has received. It sits in payments because it shows
all three."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.accounts.permissions import require_second_factor
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.payments.selectors.portal import provider_payouts_latest
from wijkvoucher.providers.models import (
    Provider,
)
from wijkvoucher.providers.permissions import (
    access_provider,
    choose_provider,
    provider_memberships,
)
from wijkvoucher.providers.selectors import provider_applications_of
from wijkvoucher.providers.views.portal import _api_docs_url
from wijkvoucher.vouchers.selectors.portal import provider_redemptions_latest
from wijkvoucher.vouchers.views.portal import LATEST


def _owed_cents(provider: Provider) -> int:
    if provider.payable_account_id is None:
        return 0
    provider.refresh_from_db(fields=["payable_account"])
    account = provider.payable_account
    return int(account.balance_cents) if account is not None else 0


@require_http_methods(["GET", "HEAD"])
def provider_home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    memberships = provider_memberships(request)
    if not memberships:
        waiting = provider_applications_of(user=user)
        return render(request, "providers/no_membership.html", {"waiting": waiting})
    require_second_factor(request)
    wanted = request.GET.get("aanbieder")
    if wanted is not None:
        if not choose_provider(request, wanted):
            messages.error(request, _("You cannot act for that provider."))
        return redirect("payments:provider_home")
    provider = access_provider(request)
    payouts = provider_payouts_latest(provider=provider)[:LATEST]
    return render(
        request,
        "payments/portal/home.html",
        {
            "provider": provider,
            "memberships": memberships,
            "owed_cents": _owed_cents(provider),
            "redemptions": provider_redemptions_latest(provider=provider)[:LATEST],
            "payouts": payouts,
            "api_docs_url": _api_docs_url(),
        },
    )
