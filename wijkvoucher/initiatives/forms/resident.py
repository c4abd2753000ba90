"""Input validation for the resident's plan wizard. The services check again and
decide; these forms only parse and give each field its own error."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.forms import AccessibleFormMixin, EuroField
from wijkvoucher.initiatives.constants import (
    ContributionKind,
    Goal,
)
from wijkvoucher.initiatives.models import LATITUDE_RANGE, LONGITUDE_RANGE
from wijkvoucher.initiatives.requirements import FIELDS_REQUIRED_TO_SEND
from wijkvoucher.neighbourhoods.constants import CostCategory
from wijkvoucher.neighbourhoods.forms import AddressForm
from wijkvoucher.neighbourhoods.models import Neighbourhood

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]


class SendRequirementsMixin:
    """Marks the fields a plan needs before it can be sent (requirements.py), so
    that the label never calls them optional although a draft may be saved without
    them, and the fields named in ``conditional_fields``, which are needed in the
    case their hint names. Mix in before the form class."""

    conditional_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, field in form.fields.items():
            if name in FIELDS_REQUIRED_TO_SEND:
                field.required_to_send = True  # type: ignore[attr-defined]
            if name in self.conditional_fields:
                field.conditional = True  # type: ignore[attr-defined]


def _hours_field(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal("0.01"),
        max_digits=7,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "6"}),
    )


class NeighbourhoodChoiceForm(AccessibleFormMixin, forms.Form):
    """On a new plan, for someone who lives in more than one wijk: which one."""

    neighbourhood = forms.ModelChoiceField(
        label=_("For which wijk?"),
        queryset=Neighbourhood.objects.all(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the wijk where you live.")},
    )

    def __init__(
        self, *args: Any, neighbourhoods: Sequence[Neighbourhood], **kwargs: Any
    ) -> None:
        self._neighbourhoods = list(neighbourhoods)
        super().__init__(*args, **kwargs)

    def configure_fields(self) -> None:
        field: forms.ModelChoiceField[Neighbourhood] = self.fields["neighbourhood"]  # type: ignore[assignment]
        field.queryset = Neighbourhood.objects.filter(
            pk__in=[n.pk for n in self._neighbourhoods]
        ).order_by("name", "pk")


class WhatForm(AccessibleFormMixin, forms.Form):
    """Step 1: what and why."""

    title = forms.CharField(label=_("Name of your plan"), max_length=200)
    description = forms.CharField(
        label=_("What do you want to do?"),
        required=False,
        help_text=_(
            "Tell in a few sentences what you plan to do and why. If your plan gets "
            "money, this text is put on the website. Do not write names or "
            "addresses of other people."
        ),
        widget=forms.Textarea(attrs={"rows": "6"}),
    )
    goals = forms.MultipleChoiceField(
        label=_("What does your plan do for the wijk?"),
        choices=Goal.choices,
        required=False,
        help_text=_("Tick everything that fits."),
        widget=forms.CheckboxSelectMultiple,
    )
    target_group = forms.CharField(
        label=_("For whom is your plan?"),
        max_length=200,
        required=False,
        help_text=_("For example: children in the Dijkstraat, or all neighbours."),
    )


class WhereWhenForm(AccessibleFormMixin, forms.Form):
    """Step 2: where and when."""

    location_text = forms.CharField(
        label=_("Where does it take place?"),
        max_length=200,
        required=False,
        help_text=_("A street, square or building."),
    )
    uses_public_space = forms.NullBooleanField(
        label=_("Does your plan use public space, such as a street or square?"),
        required=False,
        help_text=_(
            "For example a street party, a market on a square or benches in a park. "
            "Then you need permission from the municipality."
        ),
        widget=forms.RadioSelect(choices=[(True, _("Yes")), (False, _("No"))]),
    )
    latitude = forms.CharField(
        label=_("Map point: latitude"),
        max_length=20,
        required=False,
        help_text=_(
            "Optional. In an online map, hold your finger on the spot and copy the "
            "first number, for example 52.090737."
        ),
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "size": "12", "spellcheck": "false"}
        ),
    )
    longitude = forms.CharField(
        label=_("Map point: longitude"),
        max_length=20,
        required=False,
        help_text=_("The second number, for example 5.121420."),
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "size": "12", "spellcheck": "false"}
        ),
    )
    starts_on = forms.DateField(
        label=_("Start date"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("For example 21-09-2026."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ends_on = forms.DateField(
        label=_("End date"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("The same as the start date for a one-day activity."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def _coordinate(self, name: str, bounds: tuple[Decimal, Decimal]) -> Decimal | None:
        text = self.cleaned_data.get(name, "").strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except ArithmeticError:
            raise forms.ValidationError(
                _("Enter the coordinates as numbers, for example 52.090737."),
                code="point_not_a_number",
            ) from None
        if not number.is_finite() or not bounds[0] <= number <= bounds[1]:
            raise forms.ValidationError(
                _("This point is not in the Netherlands. Check the two numbers."),
                code="point_outside",
            )
        return number.quantize(Decimal("0.000001"))

    def clean_latitude(self) -> Decimal | None:
        return self._coordinate("latitude", LATITUDE_RANGE)

    def clean_longitude(self) -> Decimal | None:
        return self._coordinate("longitude", LONGITUDE_RANGE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        point = (data.get("latitude", 0), data.get("longitude", 0))
        if (point[0] is None) != (point[1] is None):
            self.add_error(
                "latitude" if point[0] is None else "longitude",
                _("Fill in both numbers of the map point, or leave both empty."),
            )
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on", _("The end date cannot be before the start date.")
            )
        return data


class PlanForm(SendRequirementsMixin, WhatForm, WhereWhenForm):
    """Step 1 on one screen: what and why, for whom, where and when."""

    field_order = [
        *WhatForm.base_fields,
        *WhereWhenForm.base_fields,
    ]


class BudgetLineForm(AccessibleFormMixin, forms.Form):
    """Step 3: one cost line."""

    description = forms.CharField(
        label=_("What do you need?"),
        max_length=200,
        help_text=_("For example: plants and soil."),
    )
    category = forms.ChoiceField(
        label=_("Kind of cost"),
        choices=[("", _("Choose a kind of cost")), *CostCategory.choices],
    )
    amount = EuroField(label=_("Amount in euros"), help_text=_("For example 45,50."))
    hours = _hours_field(
        _("Number of hours"),
        _("Only for fees for people: how many hours of work this pays for."),
    )
    provider_name = forms.CharField(
        label=_("Where do you buy or hire it?"),
        max_length=200,
        required=False,
        help_text=_("The shop, company or person you intend to pay."),
    )


class FoodDrinkForm(AccessibleFormMixin, forms.Form):
    """Step 3, when the plan has costs for food and drink: why they are needed."""

    food_drink_motivation = forms.CharField(
        label=_("Why are food and drink needed?"),
        required=False,
        help_text=_(
            "For example: to bring neighbours together, or against loneliness."
        ),
        widget=forms.Textarea(attrs={"rows": "4"}),
    )


class ContributionForm(SendRequirementsMixin, AccessibleFormMixin, forms.Form):
    """Step 2: one own contribution. Which of its fields is needed depends on its
    kind; the hints say so and ``clean`` checks it."""

    conditional_fields = ("description", "amount", "hours")

    kind = forms.ChoiceField(
        label=_("What do you contribute?"),
        choices=ContributionKind.choices,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Describe your contribution"),
        max_length=200,
        required=False,
        help_text=_(
            "Needed for things or services: what do you bring? For example: we "
            "paint the benches ourselves."
        ),
    )
    amount = EuroField(
        label=_("Amount in euros"),
        required=False,
        help_text=_("Needed for money. For things you may say what they are worth."),
    )
    hours = _hours_field(_("Number of hours"), _("Needed for hours of work."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ContributionKind.MONEY and data.get("amount") is None:
            self.add_error("amount", _("Enter the amount."))
        if kind == ContributionKind.HOURS and data.get("hours") is None:
            self.add_error("hours", _("Enter the number of hours."))
        if kind == ContributionKind.IN_KIND and not data.get("description", ""):
            self.add_error("description", _("Describe what you contribute."))
        return data


class WithdrawForm(AccessibleFormMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Why do you withdraw your plan?"),
        required=False,
        help_text=_("You do not have to say why. It helps us to learn."),
        widget=forms.Textarea(attrs={"rows": "3"}),
    )


class StartAddressForm(AddressForm):
    """On a new plan, for someone we have no address of yet: postcode and house
    number (the same checks as on the profile page), which decide the wijk."""

    def configure_fields(self) -> None:
        # Street and place follow from the postcode; this screen stays short.
        del self.fields["street"], self.fields["city"]
        self.fields["postcode"].label = _("Your postcode")
        self.fields["postcode"].help_text = _(
            "For example 1234 AB. Your address decides your wijk."
        )


AGE_YES = "yes"
AGE_NO = "no"


class SendForm(SendRequirementsMixin, AccessibleFormMixin, forms.Form):
    """Step 3: what only sending needs (services/sending.py). The age questions
    appear only when the regeling has an age rule; the parent's consent only when
    it asks for one below an age."""

    conditional_fields = ("age", "parental_consent", "parental_consent_name")

    full_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        required=False,
        help_text=_("The decision about your plan is addressed to this name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    age_band = forms.ChoiceField(
        label=_("How old are you?"),
        required=False,
        widget=forms.RadioSelect,
    )
    age = forms.IntegerField(
        label=_("Your age in years"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Only if you are younger."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": "4"}),
    )
    parental_consent = forms.BooleanField(
        label=_("My parent or guardian agrees with my plan"),
        required=False,
    )
    parental_consent_name = forms.CharField(
        label=_("Name of your parent or guardian"),
        max_length=200,
        required=False,
        help_text=_("Needed if a parent must agree. Your contact person may ask them."),
    )
    publish_initiator_name = forms.BooleanField(
        label=_("My name may be shown with my plan on the website"),
        required=False,
    )
    publish_text_if_not_awarded = forms.BooleanField(
        label=_("My whole plan may be on the website, also if it gets no money"),
        required=False,
    )

    def __init__(
        self, *args: Any, threshold: int, consent_below: int, **kwargs: Any
    ) -> None:
        self.threshold = threshold
        self.consent_below = consent_below
        super().__init__(*args, **kwargs)

    def configure_fields(self) -> None:
        threshold, consent_below = self.threshold, self.consent_below
        if threshold == 0:
            del self.fields["age_band"], self.fields["age"]
        else:
            age_band: forms.ChoiceField = self.fields["age_band"]  # type: ignore[assignment]
            age_band.choices = [
                (AGE_YES, _("%(age)s years or older") % {"age": threshold}),
                (AGE_NO, _("younger than %(age)s") % {"age": threshold}),
            ]
            self.fields["age"].help_text = _(
                "Only if you are younger than %(age)s."
            ) % {"age": threshold}
        if consent_below == 0:
            del self.fields["parental_consent"], self.fields["parental_consent_name"]
        else:
            self.fields["parental_consent"].help_text = _(
                "Only if you are younger than %(age)s."
            ) % {"age": consent_below}

    def of_age(self) -> bool | None:
        band = self.cleaned_data.get("age_band")
        return {AGE_YES: True, AGE_NO: False}.get(band or "")
