"""The provider portal's API keys: making one (shown once) and revoking one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.core.forms import add_refusal, error_text
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.providers.forms import RevokeTokenForm, TokenForm
from wijkvoucher.providers.models import (
    Provider,
    ProviderApiToken,
)
from wijkvoucher.providers.permissions import access_provider, access_token_for_provider
from wijkvoucher.providers.selectors import provider_api_tokens
from wijkvoucher.providers.services.tokens import api_token_create, api_token_revoke
from wijkvoucher.providers.views.portal import _api_docs_url


def _tokens_page(
    request: HttpRequest,
    provider: Provider,
    form: TokenForm,
    new_key: str = "",
    new_token: ProviderApiToken | None = None,
) -> HttpResponse:
    response = render(
        request,
        "providers/tokens.html",
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
        return redirect("providers:provider_tokens")
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
        return redirect("providers:provider_tokens")
    return render(
        request,
        "providers/token_revoke.html",
        {"token": token, "provider": token.provider, "form": form},
    )
