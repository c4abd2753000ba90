"""The coordinators' admin for the municipality's configuration. Every save calls a
service (see wijkvoucher/core/admin.py); a coordinator sees only their municipality."""

from wijkvoucher.neighbourhoods.admin import (  # noqa: F401  (registers the admins)
    budgets,
    municipalities,
    regulations,
    roles,
)
