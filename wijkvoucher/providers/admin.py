"""Providers in the coordinators' admin: add, edit and approve through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.admin import ReadOnlyInline, admin_actor, adopt
from wijkvoucher.neighbourhoods.admin.base import ScopedAdmin, changed_fields
from wijkvoucher.providers.models import Provider, ProviderMembership
from wijkvoucher.providers.services.memberships import (
    provider_membership_add,
    provider_membership_end,
)
from wijkvoucher.providers.services.providers import (
    PROVIDER_FIELDS,
    provider_create,
    provider_update,
)
from wijkvoucher.providers.services.review import provider_approve


class ProviderMembershipInline(ReadOnlyInline):
    model = ProviderMembership
    fields = ("user", "valid_from", "valid_until")
    readonly_fields = fields
    show_change_link = True


@admin.register(Provider)
class ProviderAdmin(ScopedAdmin[Provider]):
    list_display = ["name", "municipality", "kvk_number", "city", "approved_at"]
    list_filter = ["municipality", "neighbourhoods"]
    search_fields = ["name", "kvk_number", "city"]
    filter_horizontal = ["neighbourhoods"]
    inlines = [ProviderMembershipInline]
    actions = ["approve"]
    _details = (
        "name",
        "kvk_number",
        "iban",
        "street_address",
        "postcode",
        "city",
        "neighbourhoods",
        "description",
    )

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("municipality", *self._details)
        return ("municipality", *self._details, "approved_at", "approved_by")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["municipality", "approved_at", "approved_by"] if obj else []

    @admin.action(description=_("Approve the selected providers"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Provider]) -> None:
        self.run_service(
            request,
            queryset,
            lambda actor, provider: provider_approve(actor=actor, provider=provider),
            str(_("Providers approved: %(count)s.")),
        )

    def save_model(
        self, request: HttpRequest, obj: Provider, form: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        if change:
            provider_update(
                actor=actor, provider=obj, **changed_fields(form, PROVIDER_FIELDS)
            )
            return
        data = form.cleaned_data
        created = provider_create(
            actor=actor,
            municipality=data["municipality"],
            **{name: data[name] for name in self._details},
        )
        adopt(obj, created)


@admin.register(ProviderMembership)
class ProviderMembershipAdmin(ScopedAdmin[ProviderMembership]):
    municipality_lookup = "provider__municipality"
    list_display = ["user", "provider", "valid_from", "valid_until"]
    list_filter = ["provider"]
    search_fields = ["user__email", "user__full_name", "provider__name"]
    list_select_related = ["user", "provider"]
    autocomplete_fields = ["user"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("provider", "user", "valid_from")
        return ("provider", "user", "valid_from", "valid_until")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["provider", "user", "valid_from"] if obj else []

    def save_model(
        self, request: HttpRequest, obj: ProviderMembership, form: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        data = form.cleaned_data
        if not change:
            created = provider_membership_add(
                actor=actor,
                provider=data["provider"],
                user=data["user"],
                valid_from=data["valid_from"],
            )
            adopt(obj, created)
            return
        if "valid_until" not in form.changed_data:
            return
        if data["valid_until"] is None:
            raise ValidationError(
                _("To end this, enter the last day."), code="end_date_required"
            )
        provider_membership_end(actor=actor, membership=obj, on=data["valid_until"])
