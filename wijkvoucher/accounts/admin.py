"""People in the admin: list and search only. Accounts change through the accounts
services (sign-in, assisted intake), never by editing rows here."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.admin import ReadOnlyModelAdmin


@admin.register(User)
class UserAdmin(ReadOnlyModelAdmin[User]):
    list_display = [
        "email",
        "full_name",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    ]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name", "phone"]
    ordering = ["email"]
    # Never the password hash; the rest is shown read-only.
    fieldsets = [
        (
            None,
            {"fields": ["uuid", "email", "full_name", "phone", "preferred_language"]},
        ),
        (
            _("Access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "last_login"]},
        ),
        (
            _("Registration and consent"),
            {
                "fields": [
                    "date_joined",
                    "registered_by",
                    "consent_publish_name",
                    "consent_research",
                ]
            },
        ),
    ]
    readonly_fields = ["uuid"]
