"""Forms of the organisers' pages. They parse what people type (euros, dates and
times in Amsterdam time, codes, addresses); the services decide what is allowed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.constants import (
    COMMENT_MAX_LENGTH,
    BallotType,
    ConsultationKind,
    Stance,
)
from wijkvoucher.consultations.counting import UNUSABLE_RULES
from wijkvoucher.consultations.letters import HELP_MAX
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.rule_texts import rule_label
from wijkvoucher.core.forms import AccessibleFormMixin, EuroField
from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.validators import (
    normalise_house_letter,
    normalise_house_number_addition,
    normalise_postcode,
)
from wijkvoucher.tally import RULES

BALLOT_CHOICES = [
    (BallotType.ADVISORY, _("Poll: for or against each plan on the agenda")),
    (BallotType.APPROVAL, _("Budget vote: residents tick the plans they support")),
    (
        BallotType.KNAPSACK,
        _("Budget vote: residents choose plans that fit within the budget"),
    ),
    (BallotType.CUMULATIVE, _("Budget vote: residents divide points over the plans")),
    (BallotType.ORDINAL, _("Budget vote: residents rank the plans")),
]
# Refusals of the consultation services → the field they are about.
CONSULTATION_ERROR_FIELDS = {
    "closes_before_opening": "closes_on",
    "closes_in_past": "closes_on",
    "no_budget": "budget",
    "no_points": "points",
    "points_not_used": "points",
    "max_choices_too_low": "max_choices",
    "unknown_rule": "rule",
    "rule_does_not_fit": "rule",
    "ballot_does_not_fit": "ballot",
    "kind_has_options": "ballot",
}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _moment(day: dt.date, time: dt.time) -> dt.datetime:
    """A day and a clock time in Amsterdam (the site's time zone) as a moment."""
    return timezone.make_aware(dt.datetime.combine(day, time))


class ConsultationForm(AccessibleFormMixin, forms.Form):
    """A new or draft consultation. The times are typed in Amsterdam time and stored
    as moments (UTC in the database)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question on the ballot"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Residents read this above the options. Write it in plain words."),
    )
    ballot = forms.ChoiceField(
        label=_("What do you ask the wijk?"),
        choices=BALLOT_CHOICES,
        widget=forms.RadioSelect,
    )
    budget = EuroField(
        label=_("Budget to divide"),
        required=False,
        help_text=_("Only for a budget vote. For example 25.000."),
    )
    max_choices = forms.IntegerField(
        label=_("At most this many plans per resident"),
        required=False,
        min_value=1,
        help_text=_(
            "Only when residents tick or rank plans. Leave empty: as many as they want."
        ),
    )
    points = forms.IntegerField(
        label=_("Points per resident"),
        required=False,
        min_value=1,
        help_text=_("Only when residents divide points. For example 10."),
    )
    rule = forms.ChoiceField(
        label=_("How the votes are counted"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Only for a budget vote."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=_date_input())
    opens_time = forms.TimeField(
        label=_("Opens at (time)"), widget=_time_input(), initial=dt.time(9, 0)
    )
    closes_on = forms.DateField(label=_("Closes on"), widget=_date_input())
    closes_time = forms.TimeField(
        label=_("Closes at (time)"),
        widget=_time_input(),
        initial=dt.time(18, 0),
        help_text=_("Dutch time. A ballot at or after this moment is not counted."),
    )

    def configure_fields(self) -> None:
        rule: forms.ChoiceField = self.fields["rule"]  # type: ignore[assignment]
        rule.choices = [
            (name, rule_label(name)) for name in RULES if name not in UNUSABLE_RULES
        ]
        rule.initial = "greedy"

    @classmethod
    def initial_of(cls, consultation: Consultation) -> dict[str, Any]:
        opens = timezone.localtime(consultation.opens_at)
        closes = timezone.localtime(consultation.closes_at)
        return {
            "title": consultation.title,
            "question": consultation.question,
            "ballot": consultation.ballot_type,
            "budget": consultation.budget_cents,
            "max_choices": consultation.max_choices,
            "points": consultation.points,
            "rule": consultation.rule or "greedy",
            "opens_on": opens.date(),
            "opens_time": opens.time().replace(second=0, microsecond=0),
            "closes_on": closes.date(),
            "closes_time": closes.time().replace(second=0, microsecond=0),
        }

    def service_kwargs(self) -> dict[str, Any]:
        """The service's arguments. What does not belong to the chosen ballot (a
        budget for a poll, points when nobody divides points) is left out."""
        data = self.cleaned_data
        ballot = data["ballot"]
        poll = ballot == BallotType.ADVISORY
        return {
            "kind": ConsultationKind.ADVISORY if poll else ConsultationKind.BUDGET_VOTE,
            "title": data["title"],
            "question": data["question"],
            "ballot_type": ballot,
            "budget_cents": None if poll else data["budget"],
            "max_choices": data["max_choices"]
            if ballot in (BallotType.APPROVAL, BallotType.KNAPSACK, BallotType.ORDINAL)
            else None,
            "points": data["points"] if ballot == BallotType.CUMULATIVE else None,
            "rule": "" if poll else (data["rule"] or "greedy"),
            "opens_at": _moment(data["opens_on"], data["opens_time"]),
            "closes_at": _moment(data["closes_on"], data["closes_time"]),
        }


class PlanOptionForm(AccessibleFormMixin, forms.Form):
    """Put one of the wijk's plans on the ballot."""

    initiative = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Initiative.objects.none(),
        empty_label=_("Choose a plan"),
    )
    cost = EuroField(
        label=_("Cost on the ballot"),
        required=False,
        help_text=_("Leave empty: the amount the plan asks for."),
    )

    def __init__(
        self, *args: Any, plans: list[Initiative], budget: bool, **kwargs: Any
    ):
        self.plans = plans
        self.budget = budget
        super().__init__(*args, **kwargs)

    def configure_fields(self) -> None:
        field: forms.ModelChoiceField[Initiative] = self.fields["initiative"]  # type: ignore[assignment]
        field.queryset = Initiative.objects.filter(pk__in=[p.pk for p in self.plans])
        field.label_from_instance = lambda obj: obj.title  # type: ignore[method-assign]
        if not self.budget:
            del self.fields["cost"]


class FreeOptionForm(AccessibleFormMixin, forms.Form):
    """A budget vote's option that is not a plan of the site (a project of the
    municipality, for instance)."""

    title = forms.CharField(label=_("Title of the option"), max_length=200)
    summary = forms.CharField(
        label=_("Short description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    cost = EuroField(label=_("Cost"))


class CancelForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the wijkraadpleging cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This is kept with the wijkraadpleging."),
    )


def _help_line() -> forms.CharField:
    return forms.CharField(
        label=_("Where residents get help (on the letter)"),
        max_length=HELP_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example: Questions? Come to buurthuis De Schakel, Monday to Friday "
            "from 9:00 to 17:00, or call 14 078."
        ),
    )


class LetterHelpForm(AccessibleFormMixin, forms.Form):
    help_line = _help_line()


class RegisterUploadForm(AccessibleFormMixin, forms.Form):
    help_line = _help_line()
    register = forms.FileField(
        label=_("Register extract (CSV)"),
        help_text=_(
            "Columns: name, street, house number, house letter, addition, postcode, "
            "place and date of birth. Separated by ; or , or tab."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


def _house_number() -> forms.IntegerField:
    return forms.IntegerField(label=_("House number"), min_value=1, max_value=99999)


class AddressLookupForm(AccessibleFormMixin, forms.Form):
    """A resident on the roll by address (and name, unless the vote is per
    household): the same identity the roll keeps as a keyed hash."""

    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    house_number = _house_number()
    house_letter = forms.CharField(
        label=_("House letter"), max_length=1, required=False
    )
    addition = forms.CharField(
        label=_("House number addition"), max_length=4, required=False
    )
    name = forms.CharField(
        label=_("Name as in the register"),
        max_length=200,
        help_text=_("First name(s) and surname, as on the letter."),
    )

    def __init__(self, *args: Any, per_household: bool, **kwargs: Any) -> None:
        self.per_household = per_household
        super().__init__(*args, **kwargs)

    def configure_fields(self) -> None:
        if self.per_household:
            del self.fields["name"]

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        return normalise_postcode(value) if value.strip() else ""

    def clean_house_letter(self) -> str:
        return normalise_house_letter(self.cleaned_data["house_letter"])

    def clean_addition(self) -> str:
        return normalise_house_number_addition(self.cleaned_data["addition"])

    def lookup(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "postcode": data["postcode"],
            "house_number": data["house_number"],
            "house_letter": data["house_letter"],
            "addition": data["addition"],
            "name": data.get("name", ""),
        }


class VoterLookupForm(AddressLookupForm):
    """A voter at the buurthuis: by the code of their letter, or by address."""

    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=32,
        required=False,
        help_text=_("Or leave empty and give the address below."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    field_order = ["code"]

    def configure_fields(self) -> None:
        super().configure_fields()
        for name in ("postcode", "house_number", "name"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("code", "").strip():
            return data
        missing = [
            name
            for name in ("postcode", "house_number", "name")
            if name in self.fields and not data.get(name)
        ]
        if missing and not self.errors:
            raise ValidationError(
                _("Give the code from the letter, or the address and name."),
                code="lookup_needed",
            )
        return data


class BallotForm(AccessibleFormMixin, forms.Form):
    """The ballot of ``consultation`` as an official fills it in for a voter (at a
    voting location, or from a paper ballot). One field (or two, for a poll) per
    option; ``choices()`` gives them in the form the ballot service takes."""

    def __init__(
        self,
        *args: Any,
        consultation: Consultation,
        options: list[ConsultationOption],
        **kwargs: Any,
    ) -> None:
        self.consultation = consultation
        self.options = options
        super().__init__(*args, **kwargs)

    def configure_fields(self) -> None:
        kind = self.consultation.ballot_type
        if kind in (BallotType.APPROVAL, BallotType.KNAPSACK):
            self.fields["chosen"] = forms.MultipleChoiceField(
                label=_("Chosen plans"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(str(o.pk), self._label(o)) for o in self.options],
            )
            return
        for option in self.options:
            key = f"option_{option.pk}"
            if kind == BallotType.CUMULATIVE:
                self.fields[key] = forms.IntegerField(
                    label=_("Points for %(plan)s") % {"plan": option.title},
                    required=False,
                    min_value=0,
                )
            elif kind == BallotType.ORDINAL:
                self.fields[key] = forms.IntegerField(
                    label=_("Place of %(plan)s") % {"plan": option.title},
                    required=False,
                    min_value=1,
                    max_value=len(self.options),
                )
            else:
                self.fields[key] = forms.ChoiceField(
                    label=option.title,
                    required=False,
                    widget=forms.RadioSelect,
                    choices=[*Stance.choices, ("", _("no answer"))],
                )
                self.fields[f"comment_{option.pk}"] = forms.CharField(
                    label=_("Comment on %(plan)s") % {"plan": option.title},
                    required=False,
                    max_length=COMMENT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def _label(self, option: ConsultationOption) -> str:
        if option.cost_cents is None:
            return option.title
        return f"{option.title} ({format_euro(option.cost_cents)})"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.consultation.ballot_type == BallotType.ORDINAL:
            places = [v for k, v in data.items() if k.startswith("option_") and v]
            if len(places) != len(set(places)):
                raise ValidationError(
                    _("Give each place only once."), code="place_twice"
                )
        return data

    def choices(self) -> Any:
        data = self.cleaned_data
        kind = self.consultation.ballot_type
        if kind in (BallotType.APPROVAL, BallotType.KNAPSACK):
            return [int(pk) for pk in data["chosen"]]
        if kind == BallotType.CUMULATIVE:
            return {
                str(o.pk): data[f"option_{o.pk}"]
                for o in self.options
                if data.get(f"option_{o.pk}")
            }
        if kind == BallotType.ORDINAL:
            ranked = sorted(
                (data[f"option_{o.pk}"], o.pk)
                for o in self.options
                if data.get(f"option_{o.pk}")
            )
            return [pk for _place, pk in ranked]
        return {
            str(o.pk): {
                "stance": data[f"option_{o.pk}"],
                "comment": data.get(f"comment_{o.pk}", ""),
            }
            for o in self.options
            if data.get(f"option_{o.pk}")
        }


class AssistedBallotForm(BallotForm):
    id_checked = forms.BooleanField(
        label=_("I checked the voter's identity document"),
        help_text=_("Only then fill in the ballot with the voter."),
    )
    field_order = ["id_checked"]


class PaperBallotForm(BallotForm):
    code = forms.CharField(
        label=_("Code on the ballot paper"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    field_order = ["code"]


class OptionPhotoForm(AccessibleFormMixin, forms.Form):
    """A photo for an option on the ballot, with its description."""

    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("A JPG, PNG or WebP picture of at most 10 MB. It is public."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=200,
        help_text=_(
            "A few words for those who cannot see the photo, for instance "
            "“Het lege grasveld achter de Dorpsstraat”."
        ),
    )
