"""Budget periods: publishing and changing the ceiling go through the ledger. Until it
is published, a period can still be edited as a whole."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.admin import admin_actor, adopt
from wijkvoucher.core.forms import EuroField
from wijkvoucher.core.money import format_euro
from wijkvoucher.neighbourhoods.admin.base import (
    ScopedAdmin,
)
from wijkvoucher.neighbourhoods.models import (
    BudgetPeriod,
)
from wijkvoucher.neighbourhoods.selectors.budgets import budget_summary
from wijkvoucher.neighbourhoods.services.budgets import (
    budget_period_change_ceiling,
    budget_period_create,
    budget_period_publish,
    budget_period_update,
)

# --- Budget periods ------------------------------------------------------------------


class BudgetPeriodForm(forms.ModelForm[BudgetPeriod]):
    ceiling_cents = EuroField(label=_("Ceiling (euro)"))
    ceiling_change_reason = forms.CharField(
        label=_("Reason for the new ceiling"),
        help_text=_("Needed when you change the ceiling."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    class Meta:
        model = BudgetPeriod
        fields = [
            "neighbourhood",
            "name",
            "starts_on",
            "ends_on",
            "ceiling_cents",
            "publication_date",
            "carry_over_allowed",
        ]


@admin.register(BudgetPeriod)
class BudgetPeriodAdmin(ScopedAdmin[BudgetPeriod]):
    municipality_lookup = "neighbourhood__municipality"
    form = BudgetPeriodForm
    list_display = [
        "neighbourhood",
        "name",
        "starts_on",
        "ends_on",
        "ceiling",
        "available",
        "published_at",
    ]
    list_filter = ["neighbourhood__municipality", "neighbourhood"]
    list_select_related = ["neighbourhood", "account"]
    actions = ["publish"]
    _fixed = [
        "neighbourhood",
        "name",
        "starts_on",
        "ends_on",
        "publication_date",
        "carry_over_allowed",
    ]

    @staticmethod
    def _published(obj: BudgetPeriod | None) -> bool:
        return obj is not None and obj.published_at is not None

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return tuple(BudgetPeriodForm.Meta.fields)
        if not self._published(obj):
            return (*BudgetPeriodForm.Meta.fields, "summary")
        return (*self._fixed, "ceiling_cents", "ceiling_change_reason", "summary")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        if not self._published(obj):
            return ["neighbourhood", "summary"]
        return [*self._fixed, "summary"]

    @admin.display(description=_("ceiling"), ordering="ceiling_cents")
    def ceiling(self, obj: BudgetPeriod) -> str:
        return format_euro(obj.ceiling_cents)

    @admin.display(description=_("available"))
    def available(self, obj: BudgetPeriod) -> str:
        summary = budget_summary(budget_period=obj)
        return format_euro(summary.available_cents) if summary.published else "-"

    @admin.display(description=_("state of the budget"))
    def summary(self, obj: BudgetPeriod) -> str:
        summary = budget_summary(budget_period=obj)
        if not summary.published:
            return str(_("Not published yet."))
        return str(_("Awarded %(awarded)s, available %(available)s.")) % {
            "awarded": format_euro(summary.awarded_cents),
            "available": format_euro(summary.available_cents),
        }

    @admin.action(description=_("Publish the ceiling (puts the money in the ledger)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[BudgetPeriod]) -> None:
        self.run_service(
            request,
            queryset,
            lambda actor, period: budget_period_publish(
                actor=actor, budget_period=period
            ),
            str(_("Budget periods published: %(count)s.")),
        )

    def save_model(
        self, request: HttpRequest, obj: BudgetPeriod, form: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        data = form.cleaned_data
        if change and not self._published(obj):
            editable = [n for n in BudgetPeriodForm.Meta.fields if n != "neighbourhood"]
            if set(editable) & set(form.changed_data):
                updated = budget_period_update(
                    actor=actor,
                    budget_period=obj,
                    **{name: data[name] for name in editable},
                )
                adopt(obj, updated)
            return
        if change:
            if "ceiling_cents" in form.changed_data:
                budget_period_change_ceiling(
                    actor=actor,
                    budget_period=obj,
                    ceiling_cents=data["ceiling_cents"],
                    reason=data["ceiling_change_reason"],
                )
            return
        fields = {name: data[name] for name in BudgetPeriodForm.Meta.fields}
        adopt(obj, budget_period_create(actor=actor, **fields))
