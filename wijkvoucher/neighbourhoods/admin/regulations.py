"""The regeling and its versions: editing a version makes the next one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.admin import ReadOnlyInline, admin_actor, adopt
from wijkvoucher.core.forms import EuroField
from wijkvoucher.core.money import format_euro
from wijkvoucher.neighbourhoods.admin.base import (
    ScopedAdmin,
    changed_fields,
    field_label,
)
from wijkvoucher.neighbourhoods.constants import (
    WORD_CATEGORIES,
    CostCategory,
    PaymentMode,
)
from wijkvoucher.neighbourhoods.models import (
    Regulation,
    RegulationVersion,
)
from wijkvoucher.neighbourhoods.selectors.regulations import (
    PARAMETER_NAMES,
    regulation_version_changes,
    regulation_version_latest,
    regulation_versions,
)
from wijkvoucher.neighbourhoods.services.regulations import (
    regulation_create,
    regulation_update,
    regulation_version_create,
)

# --- Regeling and its versions -------------------------------------------------------


class RegulationVersionInline(ReadOnlyInline):
    model = RegulationVersion
    fields = ("number", "valid_from", "created_by", "change_note")
    readonly_fields = fields
    ordering = ["-number"]
    show_change_link = True


@admin.register(Regulation)
class RegulationAdmin(ScopedAdmin[Regulation]):
    list_display = ["name", "municipality", "valid_from", "valid_until", "latest"]
    list_filter = ["municipality"]
    search_fields = ["name", "legal_basis"]
    inlines = [RegulationVersionInline]
    _identity = frozenset(
        {"name", "legal_basis", "participation_bylaw_article", "valid_until"}
    )

    @admin.display(description=_("latest version"))
    def latest(self, obj: Regulation) -> int | None:
        version = regulation_version_latest(regulation=obj)
        return version.number if version else None

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = ("municipality", "name", "legal_basis", "participation_bylaw_article")
        return (
            (*fields, "valid_from", "valid_until") if obj else (*fields, "valid_from")
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["municipality", "valid_from"] if obj else []

    def save_model(
        self, request: HttpRequest, obj: Regulation, form: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        if change:
            regulation_update(
                actor=actor, regulation=obj, **changed_fields(form, self._identity)
            )
            return
        data = form.cleaned_data
        created = regulation_create(
            actor=actor,
            municipality=data["municipality"],
            name=data["name"],
            legal_basis=data["legal_basis"],
            valid_from=data["valid_from"],
            participation_bylaw_article=data["participation_bylaw_article"],
        )
        adopt(obj, created)


# The regeling's amounts are typed and shown in euros; the model keeps cents.
EURO_LABELS: dict[str, Any] = {
    "max_amount_per_voucher_cents": _("Maximum per voucher (euro)"),
    "max_amount_per_initiative_per_year_cents": _(
        "Maximum per initiative per year (euro)"
    ),
    "min_amount_cents": _("Minimum amount (euro)"),
    "legal_entity_cosign_above_cents": _("Legal entity must co-sign above (euro)"),
    "hourly_fee_cap_cents": _("Hourly fee cap (euro)"),
    "fast_track_below_cents": _("Fast track by chair and secretary below (euro)"),
    "consultation_trigger_amount_cents": _(
        "Ask the wijk (wijkraadpleging) from (euro)"
    ),
}


def _label(name: str) -> Any:
    return EURO_LABELS.get(name) or field_label(RegulationVersion, name)


def _shown(name: str, value: Any) -> Any:
    if name in EURO_LABELS and isinstance(value, int):
        return format_euro(value)
    return value


def _word_changes(
    old: dict[str, list[str]] | None, new: dict[str, list[str]] | None
) -> list[tuple[str, str]]:
    """Per kind of cost: the words added and removed."""
    rows = []
    for kind in WORD_CATEGORIES:
        before = (old or {}).get(kind, [])
        after = (new or {}).get(kind, [])
        parts = []
        added = [word for word in after if word not in before]
        removed = [word for word in before if word not in after]
        if added:
            parts.append(_("added %(words)s") % {"words": ", ".join(added)})
        if removed:
            parts.append(_("removed %(words)s") % {"words": ", ".join(removed)})
        if parts:
            rows.append((_words_label(kind), "; ".join(str(part) for part in parts)))
    return rows


def _euro_field(name: str) -> EuroField:
    model_field = RegulationVersion._meta.get_field(name)
    optional = isinstance(model_field, models.Field) and model_field.blank
    return EuroField(label=EURO_LABELS[name], required=not optional)


def _words_label(kind: str) -> str:
    return str(_("Words for: %(kind)s") % {"kind": CostCategory(kind).label})


_words_label_lazy = lazy(_words_label, str)


def _words_field(kind: str) -> forms.CharField:
    return forms.CharField(
        label=_words_label_lazy(kind),
        required=False,
        widget=forms.Textarea(attrs={"rows": "10", "cols": "30"}),
    )


WORD_FIELDS = {f"words_{kind}": kind for kind in WORD_CATEGORIES}


class RegulationVersionForm(forms.ModelForm[RegulationVersion]):
    """Editing a version's values makes the next version; the version shown stays.
    The word lists are typed one word per line, one box per kind of cost."""

    max_amount_per_voucher_cents = _euro_field("max_amount_per_voucher_cents")
    max_amount_per_initiative_per_year_cents = _euro_field(
        "max_amount_per_initiative_per_year_cents"
    )
    min_amount_cents = _euro_field("min_amount_cents")
    legal_entity_cosign_above_cents = _euro_field("legal_entity_cosign_above_cents")
    hourly_fee_cap_cents = _euro_field("hourly_fee_cap_cents")
    fast_track_below_cents = _euro_field("fast_track_below_cents")
    consultation_trigger_amount_cents = _euro_field("consultation_trigger_amount_cents")

    excluded_cost_categories = forms.MultipleChoiceField(
        label=field_label(RegulationVersion, "excluded_cost_categories"),
        choices=CostCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    payment_modes = forms.MultipleChoiceField(
        label=field_label(RegulationVersion, "payment_modes"),
        choices=PaymentMode.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    new_valid_from = forms.SplitDateTimeField(
        label=_("New version in force from"),
        help_text=_("Leave empty to start now."),
        widget=AdminSplitDateTime,
        required=False,
    )

    class Meta:
        model = RegulationVersion
        fields = [*PARAMETER_NAMES, "change_note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "change_note" in self.fields:
            self.fields["change_note"].required = True
            self.initial["change_note"] = ""
        # The word lists are edited in the boxes, not as JSON.
        self.fields.pop("cost_words", None)
        words = self.instance.cost_words or {}
        for name, kind in WORD_FIELDS.items():
            self.initial.setdefault(name, "\n".join(words.get(kind, [])))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(name in self.fields for name in WORD_FIELDS):
            data["cost_words"] = {
                kind: data.get(name, "").splitlines()
                for name, kind in WORD_FIELDS.items()
            }
        return data


# One box per kind of cost, declared on the class so that the admin knows them.
for _name, _kind in WORD_FIELDS.items():
    RegulationVersionForm.base_fields[_name] = _words_field(_kind)
    RegulationVersionForm.declared_fields[_name] = RegulationVersionForm.base_fields[
        _name
    ]

_GROUPS: list[tuple[Any, list[str]]] = [
    (
        _("Who decides and how much"),
        [
            "authority_mode",
            "max_amount_per_voucher_cents",
            "max_amount_per_initiative_per_year_cents",
            "min_amount_cents",
            "max_vouchers_per_initiative",
            "legal_entity_cosign_above_cents",
            "fast_track_below_cents",
        ],
    ),
    (
        _("Who can apply"),
        [
            "min_age_applicant",
            "parental_consent_below",
            "residency_required",
            "area_entrepreneurs_allowed",
            "support_evidence_required",
            "min_supporters",
            "record_opponents",
        ],
    ),
    (
        _("Costs"),
        [
            "own_contribution_required",
            "own_contribution_min_percent",
            "excluded_cost_categories",
            "food_drink_policy",
            "food_drink_cap_percent",
            "hourly_fee_cap_cents",
            "party_cap_percent",
        ],
    ),
    (
        _("Wijkraadpleging"),
        [
            "consultation_trigger_amount_cents",
            "consultation_on_public_space",
            "consultation_min_age",
            "consultation_per_household",
        ],
    ),
]


_COSTS_GROUP = 2  # the place of "Costs" in _GROUPS

_WORDS_HELP = _(
    "One word per line, in its basic form: bier, not biertjes. Capitals, accents, "
    "plurals and diminutives are found anyway. A cost that names a word as a whole "
    "word counts as that kind of cost, whatever kind the resident chose. A word only "
    "found inside a longer word (bierviltjes) is a warning for the regiegroep. See "
    "docs/configuration.md."
)


def _parameter_fieldsets(*, editable: bool) -> list[tuple[Any, dict[str, Any]]]:
    grouped = {name for _title, names in _GROUPS for name in names} | {"cost_words"}
    rest = [name for name in PARAMETER_NAMES if name not in grouped]
    groups = [*_GROUPS, (_("Terms, money and the regiegroep"), rest)]
    fieldsets: list[tuple[Any, dict[str, Any]]] = [
        (title, {"fields": names}) for title, names in groups
    ]
    # The word lists follow the costs they are about.
    fieldsets.insert(
        _COSTS_GROUP + 1,
        (
            _("Words that show what a cost is"),
            {
                "fields": list(WORD_FIELDS) if editable else ["word_lists"],
                "description": _WORDS_HELP,
            },
        ),
    )
    return fieldsets


@admin.register(RegulationVersion)
class RegulationVersionAdmin(ScopedAdmin[RegulationVersion]):
    municipality_lookup = "regulation__municipality"
    form = RegulationVersionForm
    list_display = ["regulation", "number", "valid_from", "created_by", "change_note"]
    list_filter = ["regulation"]
    list_select_related = ["regulation", "created_by"]
    _about = ["regulation", "number", "valid_from", "created_by", "created_at"]
    readonly_fields = [*_about, "changes_from_previous", "history", "word_lists"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a first version comes with the regeling; later ones by editing

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj == regulation_version_latest(
            regulation=obj.regulation
        )

    def get_fieldsets(
        self, request: HttpRequest, obj: Any = None
    ) -> tuple[tuple[Any, Any], ...]:
        about = [*self._about, "changes_from_previous", "history"]
        if not self.has_change_permission(request, obj):
            return (
                (None, {"fields": [*about, "change_note"]}),
                *_parameter_fieldsets(editable=False),
            )
        new = (_("New version"), {"fields": ["new_valid_from", "change_note"]})
        return (
            (None, {"fields": about}),
            *_parameter_fieldsets(editable=True),
            new,
        )

    @admin.display(description=_("words that show what a cost is"))
    def word_lists(self, obj: RegulationVersion) -> SafeString:
        words = obj.cost_words or {}
        rows = (
            (CostCategory(kind).label, ", ".join(words.get(kind, [])) or "-")
            for kind in WORD_CATEGORIES
        )
        return format_html(
            "<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows)
        )

    @admin.display(description=_("changes from the previous version"))
    def changes_from_previous(self, obj: RegulationVersion) -> SafeString | str:
        changes = regulation_version_changes(version=obj)
        if not changes:
            return "-"
        words = changes.pop("cost_words", None)
        rows = format_html_join(
            "",
            "<li>{}: {} → {}</li>",
            (
                (_label(name), _shown(name, old), _shown(name, new))
                for name, (old, new) in changes.items()
            ),
        )
        if words is not None:
            rows += format_html_join("", "<li>{}: {}</li>", _word_changes(*words))
        return format_html("<ul>{}</ul>", rows)

    @admin.display(description=_("all versions"))
    def history(self, obj: RegulationVersion) -> SafeString:
        rows = (
            (
                reverse("admin:neighbourhoods_regulationversion_change", args=[v.pk]),
                v.number,
                timezone.localtime(v.valid_from).strftime("%d-%m-%Y %H:%M"),
                v.change_note or "-",
            )
            for v in regulation_versions(regulation=obj.regulation)
        )
        return format_html(
            "<ol reversed>{}</ol>",
            format_html_join("", '<li><a href="{}">v{}</a> ({}): {}</li>', rows),
        )

    def save_model(
        self, request: HttpRequest, obj: RegulationVersion, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        created = regulation_version_create(
            actor=admin_actor(request),
            regulation=obj.regulation,
            change_note=data["change_note"],
            valid_from=data.get("new_valid_from"),
            **{name: data[name] for name in PARAMETER_NAMES if name in data},
        )
        adopt(obj, created)
