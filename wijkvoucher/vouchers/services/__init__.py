"""Writes of the vouchers app, one module per area. Import from the module itself
(``wijkvoucher.vouchers.services.redemption``); this package re-exports the provider
services that earlier code imports from here."""

from wijkvoucher.core.iban import iban_normalise
from wijkvoucher.providers.services.providers import (
    PROVIDER_FIELDS,
    provider_approve,
    provider_create,
    provider_membership_add,
    provider_membership_end,
    provider_update,
)

__all__ = [
    "PROVIDER_FIELDS",
    "iban_normalise",
    "provider_approve",
    "provider_create",
    "provider_membership_add",
    "provider_membership_end",
    "provider_update",
]
