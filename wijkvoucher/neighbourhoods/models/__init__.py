"""The municipality's configuration: regeling (versioned), wijken, budget periods,
residents' addresses and the roles people hold (roles are data, docs/roles.md).

One module per subject: ``municipality``, ``regulations``, ``neighbourhoods`` (wijken,
postcode ranges, budget periods, addresses) and ``roles``. The defaults and upload
paths stay importable here: the migrations name them by this module."""

from __future__ import annotations

from wijkvoucher.neighbourhoods.models.municipality import (
    Municipality,
    Signatory,
    logo_upload_to,
)
from wijkvoucher.neighbourhoods.models.neighbourhoods import (
    Address,
    BudgetPeriod,
    Neighbourhood,
    PostcodeRange,
)
from wijkvoucher.neighbourhoods.models.regulations import (
    Regulation,
    RegulationVersion,
    _default_cost_words,
    _default_excluded,
    _default_payment_modes,
)
from wijkvoucher.neighbourhoods.models.roles import RoleAssignment

__all__ = [
    "Address",
    "BudgetPeriod",
    "Municipality",
    "Neighbourhood",
    "PostcodeRange",
    "Regulation",
    "RegulationVersion",
    "RoleAssignment",
    "Signatory",
    "_default_cost_words",
    "_default_excluded",
    "_default_payment_modes",
    "logo_upload_to",
]
