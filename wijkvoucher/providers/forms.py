"""Forms of the provider portal and the coordinator's provider review. They only
validate input; the services decide (and refuse with a code the view puts at the
field it is about)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin
from wijkvoucher.core.iban import iban_check
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.validators import normalise_postcode
from wijkvoucher.providers.constants import ProviderCategory
from wijkvoucher.providers.validators import kvk_check

# Service refusal code → the field of the registration form it is about.
REGISTER_ERROR_FIELDS = {
    "name_required": "name",
    "kvk_required": "kvk_number",
    "iban_required": "iban",
    "invalid_kvk": "kvk_number",
    "provider_exists": "kvk_number",
    "invalid_iban": "iban",
    "invalid_postcode": "postcode",
    "invalid_category": "categories",
    "neighbourhood_other_municipality": "neighbourhoods",
}


class ProviderRegisterForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of your business"), max_length=200)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=20,
        help_text=_("8 digits, from the Chamber of Commerce (KvK)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        help_text=_(
            "The bank account where we pay you, for example NL91 ABNA 0417 1643 00."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    street_address = forms.CharField(
        label=_("Street and house number"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("Place"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("Wijken you serve"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none if you serve the whole municipality."),
    )
    categories = forms.MultipleChoiceField(
        label=_("What kind of business are you?"),
        choices=ProviderCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("What do you offer?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label=_("E-mail address of your business"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(
        self, *args: Any, neighbourhoods: QuerySet[Neighbourhood], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["neighbourhoods"]
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.queryset = neighbourhoods
        # The mixin validated once with the empty queryset (to mark invalid inputs).
        self._errors = None
        self._decorate()

    # The format checks of the service, here too: a person who mistypes several
    # fields hears about all of them at once, with the other field errors.
    def clean_kvk_number(self) -> str:
        return kvk_check(self.cleaned_data["kvk_number"])

    def clean_iban(self) -> str:
        return iban_check(self.cleaned_data["iban"])

    def clean_postcode(self) -> str:
        postcode = str(self.cleaned_data["postcode"]).strip()
        return normalise_postcode(postcode) if postcode else ""


class TokenForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=100,
        help_text=_("For example the name of your till system."),
    )


class ApproveForm(AccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("I checked the KvK number and the IBAN of this business."),
        error_messages={"required": _("Confirm that you checked the details.")},
    )


class ReviewReasonForm(AccessibleFormMixin, forms.Form):
    """Returning or rejecting an application: the reason the applicant reads."""

    use_required_attribute = False
    reason = forms.CharField(
        label=_("Reason for the applicant"),
        max_length=4000,
        help_text=_(
            "The applicant reads this in their message. Say what is wrong or missing "
            "and what they can do."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RevokeTokenForm(AccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that this key stops working at once: a till that uses it "
            "can no longer accept vouchers."
        ),
        error_messages={
            "required": _("Tick the box to confirm that the key may be revoked.")
        },
    )
