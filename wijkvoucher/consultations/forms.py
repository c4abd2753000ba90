"""Forms of the voting pages: the letter code, the ballot of each type, and the search
for a receipt in the published ballot list.

The ballot form only reads what was ticked or typed and turns it into the choices
``ballot_cast`` takes; whether they fit the ballot (at most k plans, the budget, the
points) is the service's to say (``consultations/choices.py``), so that a page and
a paper ballot are held to the same rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.codes import code_normalise, receipt_normalise
from wijkvoucher.consultations.constants import COMMENT_MAX_LENGTH, BallotType, Stance
from wijkvoucher.consultations.eligibility import vote_day
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.core.forms import AccessibleFormMixin

_NO_AUTOFIX = {
    "autocapitalize": "characters",
    "autocorrect": "off",
    "spellcheck": "false",
}


class CodeForm(AccessibleFormMixin, forms.Form):
    """The code from the letter. Typing mistakes Crockford base32 forgives are
    forgiven (spaces, dashes, lower case, O for 0, I or L for 1); pasting works."""

    code = forms.CharField(
        label=_("Your voting code"),
        max_length=64,
        help_text=_(
            "The code is in the letter you received, for example 7K3M-Q9TX-4HR2W. "
            "Capitals or small letters and dashes do not matter."
        ),
        error_messages={"required": _("Type the code from your letter.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", **_NO_AUTOFIX}
        ),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if code_normalise(code) is None:
            raise ValidationError(
                _(
                    "This is not a voting code. A code has 13 letters and digits, "
                    "such as 7K3M-Q9TX-4HR2W."
                ),
                code="code_form",
            )
        return code


def code_unknown_error() -> ValidationError:
    return ValidationError(
        _(
            "We do not know this code, or it can no longer be used. Check the code "
            "in your letter and try again."
        ),
        code="code_unknown",
    )


class ReceiptForm(AccessibleFormMixin, forms.Form):
    bon = forms.CharField(
        label=_("Your receipt"),
        max_length=32,
        help_text=_("The receipt you got after voting, for example 4HR2W-7K3MQ."),
        error_messages={"required": _("Type your receipt.")},
        widget=forms.TextInput(attrs=_NO_AUTOFIX),
    )

    def clean_bon(self) -> str:
        receipt = receipt_normalise(self.cleaned_data["bon"])
        if receipt is None:
            raise ValidationError(
                _("A receipt has 10 letters and digits, such as 4HR2W-7K3MQ."),
                code="receipt_form",
            )
        return receipt


STANCE_CHOICES = [(value, label) for value, label in Stance.choices]


def _age_declaration(consultation: Consultation) -> forms.BooleanField:
    """The box of an account that votes without a register and without a birth
    date recorded: the resident declares to be old enough on the vote day."""
    facts = {
        "age": consultation.min_age,
        "day": date_format(vote_day(consultation.closes_at), "DATE_FORMAT"),
    }
    return forms.BooleanField(
        label=_("I am %(age)s or older on %(day)s") % facts,
        help_text=_(
            "Residents who are %(age)s or older on %(day)s, the last day of voting, "
            "may vote. The municipality does not know your age, so we ask you."
        )
        % facts,
        error_messages={
            "required": _(
                "Tick the box if you are %(age)s or older on %(day)s. If you are "
                "younger, you cannot vote in this wijkraadpleging."
            )
            % facts
        },
    )


class BallotForm(AccessibleFormMixin, forms.Form):
    """The ballot of ``consultation`` with ``options`` (in ballot order):

    - approval, knapsack: ``choices``, the ticked options;
    - cumulative: ``points-<id>`` per option;
    - ordinal: ``rank-<id>`` per option (1 .. k, or empty);
    - advisory: ``stance-<id>`` and ``comment-<id>`` per plan."""

    choices_field = "choices"

    def __init__(
        self,
        *args: Any,
        consultation: Consultation,
        options: Sequence[ConsultationOption],
        ask_age: bool = False,
        **kwargs: Any,
    ) -> None:
        self.consultation = consultation
        self.options = list(options)
        self.ask_age = ask_age
        super().__init__(*args, **kwargs)

    @property
    def ballot_type(self) -> str:
        return str(self.consultation.ballot_type)

    def ranks(self) -> int:
        return self.consultation.max_choices or len(self.options)

    def configure_fields(self) -> None:
        kind = self.ballot_type
        if self.ask_age:
            self.fields["age_declared"] = _age_declaration(self.consultation)
        if kind in (BallotType.APPROVAL, BallotType.KNAPSACK):
            self.fields["choices"] = forms.MultipleChoiceField(
                label=_("Your choice"),
                required=False,
                choices=[(str(o.pk), o.title) for o in self.options],
                widget=forms.CheckboxSelectMultiple,
            )
        for option in self.options:
            if kind == BallotType.CUMULATIVE:
                self.fields[f"points-{option.pk}"] = forms.IntegerField(
                    label=_("Points for %(plan)s") % {"plan": option.title},
                    required=False,
                    min_value=0,
                    max_value=self.consultation.points or None,
                    error_messages={
                        "invalid": _("Give whole points, 0 or more."),
                        "min_value": _("Give whole points, 0 or more."),
                        "max_value": _("You have %(limit_value)s points to divide."),
                    },
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
            elif kind == BallotType.ORDINAL:
                self.fields[f"rank-{option.pk}"] = forms.TypedChoiceField(
                    label=_("Place of %(plan)s") % {"plan": option.title},
                    required=False,
                    coerce=int,
                    empty_value=None,
                    choices=[("", _("not ranked"))]
                    + [(str(n), str(n)) for n in range(1, self.ranks() + 1)],
                )
            elif kind == BallotType.ADVISORY:
                self.fields[f"stance-{option.pk}"] = forms.ChoiceField(
                    label=_("What do you think of %(plan)s?") % {"plan": option.title},
                    required=False,
                    choices=STANCE_CHOICES,
                    widget=forms.RadioSelect,
                )
                self.fields[f"comment-{option.pk}"] = forms.CharField(
                    label=_("Comment on %(plan)s") % {"plan": option.title},
                    required=False,
                    max_length=COMMENT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def _decorate(self) -> None:
        """Each option's input is also described by the option's summary and cost
        (``option-<id>-summary`` on the page)."""
        super()._decorate()
        for name, field in self.fields.items():
            prefix, _sep, pk = name.partition("-")
            if prefix in ("points", "rank", "stance", "comment") and pk:
                summary = f"option-{pk}-summary"
                own = [
                    part
                    for part in field.widget.attrs.get("aria-describedby", "").split()
                    if part != summary
                ]
                field.widget.attrs["aria-describedby"] = " ".join([summary, *own])

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.ballot_type == BallotType.ORDINAL:
            given = [
                rank for o in self.options if (rank := cleaned.get(f"rank-{o.pk}"))
            ]
            if len(set(given)) != len(given):
                raise ValidationError(
                    _("Give each place only once: two plans have the same place."),
                    code="rank_twice",
                )
        if self.ballot_type == BallotType.ADVISORY:
            for option in self.options:
                comment = cleaned.get(f"comment-{option.pk}")
                if comment and not cleaned.get(f"stance-{option.pk}"):
                    self.add_error(
                        f"stance-{option.pk}",
                        ValidationError(
                            _("Choose for, against or neutral to send a comment."),
                            code="comment_without_stance",
                        ),
                    )
        return cleaned

    def ballot_choices(self) -> Any:
        """The choices as ``ballot_cast`` takes them (the form must be valid)."""
        data = self.cleaned_data
        kind = self.ballot_type
        if kind in (BallotType.APPROVAL, BallotType.KNAPSACK):
            return [int(value) for value in data["choices"]]
        if kind == BallotType.CUMULATIVE:
            return {
                str(o.pk): points
                for o in self.options
                if (points := data.get(f"points-{o.pk}"))
            }
        if kind == BallotType.ORDINAL:
            ranked = [
                (rank, o.pk) for o in self.options if (rank := data.get(f"rank-{o.pk}"))
            ]
            return [pk for _rank, pk in sorted(ranked)]
        return {
            str(o.pk): {
                "stance": stance,
                "comment": data.get(f"comment-{o.pk}") or "",
            }
            for o in self.options
            if (stance := data.get(f"stance-{o.pk}"))
        }

    def chosen_ids(self) -> set[str]:
        """The options ticked, as typed (also on a refused form)."""
        if not self.is_bound:
            return set()
        data: Any = self.data
        if hasattr(data, "getlist"):
            return {str(v) for v in data.getlist(self.add_prefix("choices"))}
        return {str(v) for v in data.get(self.add_prefix("choices")) or []}

    def points_given(self) -> int:
        """The points typed together (for the total shown beside the form)."""
        total = 0
        if not self.is_bound:
            return total
        for option in self.options:
            value = self.data.get(self.add_prefix(f"points-{option.pk}"), "")
            if str(value).strip().isdigit():
                total += int(value)
        return total
