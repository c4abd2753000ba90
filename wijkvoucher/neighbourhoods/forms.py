"""Input validation for the profile, address and intake pages. The services check
again and decide; these forms only parse and give each field its own error."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.neighbourhoods import validators as v


def _language_choices() -> list[tuple[str, str]]:
    field = User._meta.get_field("preferred_language")
    return [(str(code), str(label)) for code, label in field.choices or []]


def birth_date_field() -> forms.DateField:
    """The birth date as the BRP shows it, optional: an official may record it with
    the residency confirmation (docs/voting.md, the minimum age)."""
    return forms.DateField(
        label=_("Birth date (as the BRP shows it)"),
        required=False,
        help_text=_(
            "For the minimum age of voting from an account. Only the resident and "
            "the officials of the wijk see it; it is removed when the resident moves."
        ),
        error_messages={"invalid": _("Enter a date, for example 31-12-1980.")},
        # What a date input sends, and what people type where there is none.
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AddressForm(AccessibleFormMixin, forms.Form):
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        help_text=_("For example 1234 AB."),
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "size": "8", "spellcheck": "false"}
        ),
    )
    house_number = forms.CharField(
        label=_("House number"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "6"}),
    )
    house_letter = forms.CharField(
        label=_("House letter"),
        max_length=1,
        required=False,
        help_text=_("For example the A in 12A."),
        widget=forms.TextInput(attrs={"size": "2"}),
    )
    house_number_addition = forms.CharField(
        label=_("Addition"),
        max_length=4,
        required=False,
        help_text=_("For example the 2 in 12-2."),
        widget=forms.TextInput(attrs={"size": "5"}),
    )
    street = forms.CharField(
        label=_("Street"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    city = forms.CharField(
        label=_("Place"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )

    def clean_postcode(self) -> str:
        return v.normalise_postcode(self.cleaned_data["postcode"])

    def clean_house_number(self) -> int:
        return v.normalise_house_number(self.cleaned_data["house_number"])

    def clean_house_letter(self) -> str:
        return v.normalise_house_letter(self.cleaned_data["house_letter"])

    def clean_house_number_addition(self) -> str:
        return v.normalise_house_number_addition(
            self.cleaned_data["house_number_addition"]
        )

    def address_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in AddressForm.base_fields}


class ProfileForm(AccessibleFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=_language_choices,
        help_text=_("The language of the e-mails we send you."),
    )
    consent_publish_name = forms.BooleanField(
        label=_("My name may be published with my plans"), required=False
    )
    consent_research = forms.BooleanField(
        label=_("I may be asked to take part in research"), required=False
    )

    def clean_phone(self) -> str:
        return v.normalise_phone(self.cleaned_data["phone"])


class AssistedIntakeForm(AddressForm):
    full_name = forms.CharField(
        label=_("Name of the resident"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail address of the resident"),
        required=False,
        help_text=_("Leave empty if the resident has no e-mail address."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone number of the resident"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    birth_date = birth_date_field()

    field_order = [
        "full_name",
        "email",
        "phone",
        "postcode",
        "house_number",
        "house_letter",
        "house_number_addition",
        "street",
        "city",
        "birth_date",
    ]

    def clean_phone(self) -> str:
        return v.normalise_phone(self.cleaned_data["phone"])

    def clean_birth_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data["birth_date"]
        if value is None:
            return None
        return v.check_birth_date(value, today=timezone.localdate())


class ResidencyConfirmForm(AccessibleFormMixin, forms.Form):
    birth_date = birth_date_field()

    def clean_birth_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data["birth_date"]
        if value is None:
            return None
        return v.check_birth_date(value, today=timezone.localdate())


class AddressSearchForm(AccessibleFormMixin, forms.Form):
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        widget=forms.TextInput(attrs={"size": "8", "spellcheck": "false"}),
    )
    house_number = forms.CharField(
        label=_("House number"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "6"}),
    )

    def clean_postcode(self) -> str:
        return v.normalise_postcode(self.cleaned_data["postcode"])

    def clean_house_number(self) -> int | None:
        value = self.cleaned_data["house_number"]
        return v.normalise_house_number(value) if value else None
