"""Shared parts of the neighbourhoods admin: scoping to the coordinator's municipality."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import capfirst

from wijkvoucher.core.admin import ServiceModelAdmin
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.neighbourhoods.selectors.roles import (
    municipalities_where_user_has_role,
)

_M = TypeVar("_M", bound=models.Model)


def changed_fields(
    form: forms.ModelForm[Any], allowed: frozenset[str]
) -> dict[str, Any]:
    return {n: form.cleaned_data[n] for n in form.changed_data if n in allowed}


def field_label(model: type[models.Model], name: str) -> Any:
    """The model field's name as a form label: translated, first letter capital."""
    return capfirst(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


class ScopedAdmin(ServiceModelAdmin[_M]):
    """Coordinators see and choose only what belongs to their municipality;
    superusers see everything."""

    municipality_lookup = "municipality"

    @staticmethod
    def scope(request: HttpRequest) -> QuerySet[Municipality] | None:
        if request.user.is_superuser:
            return None
        return municipalities_where_user_has_role(
            user=request.user, roles=[Role.COORDINATOR]
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[_M]:
        qs = super().get_queryset(request)
        scope = self.scope(request)
        if scope is None:
            return qs
        return qs.filter(**{f"{self.municipality_lookup}__in": scope})

    def _choices(self, request: HttpRequest, model: Any) -> QuerySet[Any] | None:
        scope = self.scope(request)
        if scope is None:
            return None
        if model is Municipality:
            return scope
        names = {f.name for f in model._meta.get_fields()}
        if "municipality" in names:
            return model._default_manager.filter(municipality__in=scope)  # type: ignore[no-any-return]
        return None

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        choices = self._choices(request, db_field.related_model)
        if choices is not None:
            kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        choices = self._choices(request, db_field.related_model)
        if choices is not None:
            kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)
