"""Appointing and ending roles."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.admin import admin_actor, adopt
from wijkvoucher.neighbourhoods.admin.base import (
    ScopedAdmin,
)
from wijkvoucher.neighbourhoods.models import (
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.services.roles import role_assign, role_end

# --- Roles ---------------------------------------------------------------------------


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedAdmin[RoleAssignment]):
    list_display = [
        "user",
        "role",
        "municipality",
        "neighbourhood",
        "valid_from",
        "valid_until",
    ]
    list_filter = ["role", "municipality", "neighbourhood"]
    search_fields = ["user__email", "user__full_name", "neighbourhood__name"]
    list_select_related = ["user", "municipality", "neighbourhood"]
    autocomplete_fields = ["user"]
    _add_fields = [
        "user",
        "role",
        "municipality",
        "neighbourhood",
        "valid_from",
        "valid_until",
        "previously_active",
        "note",
    ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return (*self._add_fields, "appointed_by") if obj else tuple(self._add_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        return [n for n in self._add_fields if n != "valid_until"] + ["appointed_by"]

    def save_model(
        self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        data = form.cleaned_data
        if not change:
            fields = {name: data[name] for name in self._add_fields}
            adopt(obj, role_assign(actor=actor, **fields))
            return
        if "valid_until" not in form.changed_data:
            return
        if data["valid_until"] is None:
            raise ValidationError(
                _("To end a role, enter its last day."), code="end_date_required"
            )
        role_end(actor=actor, assignment=obj, on=data["valid_until"])
