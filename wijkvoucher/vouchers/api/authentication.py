"""``Authorization: Token <key>`` for providers' till systems. ``request.user`` is the
person who made the key, ``request.auth`` the ``ProviderApiToken`` (its ``provider``
is the provider the request acts for). No sessions, so no CSRF on the API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from wijkvoucher.core.security_events import api_key_note, refusal_note
from wijkvoucher.providers.models import ProviderApiToken
from wijkvoucher.providers.services.tokens import (
    TokenHolderLeft,
    api_token_provider,
    api_token_refused_id,
)

KEYWORD = "Token"


class ProviderTokenAuthentication(authentication.BaseAuthentication):  # type: ignore[misc]
    def authenticate(self, request: Any) -> tuple[Any, ProviderApiToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not isinstance(header, str) or not header:
            return None
        parts = header.split()
        if not parts or parts[0].lower() != KEYWORD.lower():
            return None
        if len(parts) != 2:
            refusal_note("api.key_malformed")
            raise exceptions.AuthenticationFailed(
                _("Send the header as 'Authorization: Token <key>', with one key.")
            )
        try:
            found = api_token_provider(key=parts[1])
        except TokenHolderLeft:
            refusal_note("api.key_holder_left")
            raise exceptions.AuthenticationFailed(
                _(
                    "The person who made this API key no longer acts for this "
                    "provider. Make a new key on the provider portal."
                )
            ) from None
        if found is None:
            refused_id = api_token_refused_id(key=parts[1])
            refusal_note(
                "api.key_revoked" if refused_id else "api.key_unknown",
                key_id=refused_id,
            )
            raise exceptions.AuthenticationFailed(
                _("This API key is not valid, or it has been revoked.")
            )
        token, _provider = found
        user = token.created_by
        if not user.is_active:
            refusal_note("api.key_of_inactive_user", key_id=token.pk)
            raise exceptions.AuthenticationFailed(
                _("This API key is not valid, or it has been revoked.")
            )
        api_key_note(token.pk)
        return user, token

    def authenticate_header(self, request: Any) -> str:
        return KEYWORD


class ProviderTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """Describes the token in the OpenAPI schema (drf-spectacular)."""

    target_class = "wijkvoucher.vouchers.api.authentication.ProviderTokenAuthentication"
    name = "providerToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "The provider's API key, made on the provider portal: "
                "`Authorization: Token <key>`."
            ),
        }
