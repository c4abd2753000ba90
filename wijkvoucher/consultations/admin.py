"""Wijkraadplegingen in the coordinators' admin: the voting locations (buurthuizen
and their networks) through a service, and the consultations to read, without their
ballots, the voter roll or the link key."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from wijkvoucher.consultations.models import (
    Consultation,
    ConsultationOption,
    VotingLocation,
)
from wijkvoucher.consultations.services.locations import (
    network_normalise,
    voting_location_save,
)
from wijkvoucher.core.admin import (
    ReadOnlyInline,
    ReadOnlyModelAdmin,
    admin_actor,
    adopt,
)
from wijkvoucher.neighbourhoods.admin.base import ScopedAdmin


class VotingLocationForm(forms.ModelForm[VotingLocation]):
    class Meta:
        model = VotingLocation
        fields = ("name", "municipality", "neighbourhood", "network")

    def clean_network(self) -> str:
        # The service checks it again; here the admin shows the problem at the field.
        return network_normalise(self.cleaned_data["network"])


@admin.register(VotingLocation)
class VotingLocationAdmin(ScopedAdmin[VotingLocation]):
    form = VotingLocationForm
    list_display = ["name", "network", "neighbourhood", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "network"]
    fields = ("name", "municipality", "neighbourhood", "network")

    def get_queryset(self, request: HttpRequest) -> QuerySet[VotingLocation]:
        qs = admin.ModelAdmin.get_queryset(self, request)
        scope = self.scope(request)
        if scope is None:
            return qs
        return qs.filter(
            Q(municipality__in=scope) | Q(neighbourhood__municipality__in=scope)
        )

    def save_model(
        self,
        request: HttpRequest,
        obj: VotingLocation,
        form: Any,
        change: bool,
    ) -> None:
        data = form.cleaned_data
        existing = VotingLocation.objects.get(pk=obj.pk) if change else None
        saved = voting_location_save(
            actor=admin_actor(request),
            name=data["name"],
            network=data["network"],
            municipality=data.get("municipality"),
            neighbourhood=data.get("neighbourhood"),
            location=existing,
        )
        adopt(obj, saved)


class ConsultationOptionInline(ReadOnlyInline):
    model = ConsultationOption
    fields = ("position", "title", "initiative", "cost_cents")
    readonly_fields = fields


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyModelAdmin[Consultation]):
    """To read: the settings, the status and, once certified, the counted result.
    The ballots' choices are on the public result page, never here."""

    list_display = ["title", "neighbourhood", "kind", "status", "opens_at", "closes_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    inlines = [ConsultationOptionInline]
    fields = (
        "neighbourhood",
        "kind",
        "title",
        "question",
        "ballot_type",
        "max_choices",
        "points",
        "budget_cents",
        "rule",
        "opens_at",
        "closes_at",
        "per_household",
        "min_age",
        "status",
        "created_by",
        "result",
        "certified_at",
        "certified_by",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Consultation]:
        qs = super().get_queryset(request).select_related("neighbourhood")
        scope = ScopedAdmin.scope(request)
        if scope is None:
            return qs
        return qs.filter(neighbourhood__municipality__in=scope)
