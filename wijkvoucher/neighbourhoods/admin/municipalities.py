"""Municipalities, wijken and their postcode ranges."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.admin import (
    SiteInlinePermissions,
    admin_actor,
    adopt,
    formset_save_through,
)
from wijkvoucher.core.iban import iban_check
from wijkvoucher.neighbourhoods.admin.base import (
    ScopedAdmin,
    changed_fields,
    field_label,
)
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    PostcodeRange,
    Signatory,
)
from wijkvoucher.neighbourhoods.services.documents import (
    logo_clean,
    municipality_logo_remove,
    municipality_logo_set,
    signatory_remove,
    signatory_set,
)
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    MUNICIPALITY_FIELDS,
    NEIGHBOURHOOD_FIELDS,
    municipality_create,
    municipality_update,
    neighbourhood_create,
    neighbourhood_update,
    postcode_normalise,
    postcode_range_add,
    postcode_range_remove,
)

# --- Municipality --------------------------------------------------------------------


class MunicipalityForm(forms.ModelForm[Municipality]):
    """The paying account's IBAN is checked here, so that a wrong one comes back on
    the form instead of failing in the service."""

    # A website typed without a scheme is https (Django 6's default already).
    website = forms.URLField(
        label=field_label(Municipality, "website"),
        required=False,
        assume_scheme="https",
    )
    logo_upload = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_(
            "A PNG or JPG picture of at most 2 MB. It is printed at most 6 cm wide "
            "and 2 cm high at the top of decisions and vouchers."
        ),
    )
    logo_remove = forms.BooleanField(
        label=_("Remove the logo (the letterhead then shows the name only)"),
        required=False,
    )

    class Meta:
        model = Municipality
        fields = ["name", "slug", *sorted(MUNICIPALITY_FIELDS - {"name"})]

    def clean_payout_iban(self) -> str:
        try:
            return iban_check(self.cleaned_data.get("payout_iban") or "")
        except ValidationError as invalid:
            raise forms.ValidationError(invalid.messages, code="invalid_iban") from None

    def clean_logo_upload(self) -> Any:
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            upload.seek(0)
            logo_clean(upload.read())
        return upload


class SignatoryInline(
    SiteInlinePermissions, admin.TabularInline[Signatory, Municipality]
):
    """Another signatory for the decisions of one way of deciding."""

    model = Signatory
    fields = ["authority_mode", "mandate", "name", "function"]
    extra = 0
    max_num = 3


_CONTACT = ("contact_email", "contact_phone", "website", "postal_address")
_PAYING = ("payout_account_name", "payout_iban", "payout_bic")
_LETTERS = (
    "logo_preview",
    "logo_upload",
    "logo_remove",
    "signatory_name",
    "signatory_function",
    "signatory_mandate",
)


@admin.register(Municipality)
class MunicipalityAdmin(ScopedAdmin[Municipality]):
    form = MunicipalityForm
    municipality_lookup = "pk"
    list_display = ["name", "slug", "contact_email", "contact_phone"]
    search_fields = ["name", "slug"]
    inlines = [SignatoryInline]
    fieldsets = [
        (None, {"fields": ("name", "slug", *_CONTACT)}),
        (_("Paying account"), {"fields": _PAYING}),
        (_("Letterhead and signature of decisions and vouchers"), {"fields": _LETTERS}),
    ]

    @admin.display(description=_("Current logo"))
    def logo_preview(self, obj: Municipality) -> str:
        if not obj.pk or not obj.logo:
            return str(_("No logo: the letterhead shows the name only."))
        url = reverse("neighbourhoods:municipality_logo", args=[obj.slug])
        alt = _("Logo of %(municipality)s") % {"municipality": obj.name}
        return format_html('<img src="{}" alt="{}" height="60">', url, alt)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and request.user.is_superuser

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["slug", "logo_preview"] if obj else ["logo_preview"]

    def save_model(
        self, request: HttpRequest, obj: Municipality, form: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        data = form.cleaned_data
        if change:
            municipality_update(
                actor=actor,
                municipality=obj,
                **changed_fields(form, MUNICIPALITY_FIELDS),
            )
        else:
            extra = {n: data[n] for n in MUNICIPALITY_FIELDS - {"name"}}
            adopt(
                obj,
                municipality_create(
                    actor=actor, name=data["name"], slug=data["slug"], **extra
                ),
            )
        if data.get("logo_upload"):
            municipality_logo_set(
                actor=actor, municipality=obj, file=data["logo_upload"]
            )
        elif data.get("logo_remove"):
            municipality_logo_remove(actor=actor, municipality=obj)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        formset_save_through(
            formset,
            remove=lambda signatory: signatory_remove(actor=actor, signatory=signatory),
            # A signatory's row is replaced only when it moves to another mode.
            replaces=lambda item: "authority_mode" in item.changed_data,
            save=lambda data: signatory_set(
                actor=actor,
                municipality=formset.instance,
                authority_mode=data["authority_mode"],
                name=data["name"],
                function=data["function"],
                mandate=data.get("mandate") or "",
            ),
        )


# --- Wijken and their postcodes ------------------------------------------------------


class PostcodeRangeForm(forms.ModelForm[PostcodeRange]):
    start = forms.CharField(label=field_label(PostcodeRange, "start"), max_length=10)
    end = forms.CharField(label=field_label(PostcodeRange, "end"), max_length=10)

    class Meta:
        model = PostcodeRange
        fields = ["start", "end"]

    def clean_start(self) -> str:
        return postcode_normalise(self.cleaned_data["start"])

    def clean_end(self) -> str:
        return postcode_normalise(self.cleaned_data["end"])


class PostcodeRangeInline(
    SiteInlinePermissions, admin.TabularInline[PostcodeRange, Neighbourhood]
):
    model = PostcodeRange
    form = PostcodeRangeForm
    extra = 1


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(ScopedAdmin[Neighbourhood]):
    list_display = ["name", "municipality", "population", "designated_from"]
    list_filter = ["municipality"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["contact_official"]
    inlines = [PostcodeRangeInline]
    fields = ["municipality", *sorted(NEIGHBOURHOOD_FIELDS)]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["municipality"] if obj else []

    def save_model(
        self, request: HttpRequest, obj: Neighbourhood, form: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        if change:
            neighbourhood_update(
                actor=actor,
                neighbourhood=obj,
                **changed_fields(form, NEIGHBOURHOOD_FIELDS),
            )
            return
        data = form.cleaned_data
        created = neighbourhood_create(
            actor=actor,
            municipality=data["municipality"],
            postcode_ranges=[],  # added by save_formset, in the same transaction
            **{name: data[name] for name in NEIGHBOURHOOD_FIELDS},
        )
        adopt(obj, created)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        actor = admin_actor(request)
        formset_save_through(
            formset,
            remove=lambda postcode_range: postcode_range_remove(
                actor=actor, postcode_range=postcode_range
            ),
            save=lambda data: postcode_range_add(
                actor=actor,
                neighbourhood=formset.instance,
                start=data["start"],
                end=data["end"],
            ),
        )
