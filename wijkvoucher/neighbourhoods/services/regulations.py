"""Writing the regeling. Its rule values live in versions that are never changed: a
change is a new version (the table is append-only in the database too)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.core.text import fold
from wijkvoucher.neighbourhoods.constants import (
    WORD_CATEGORIES,
    CostCategory,
    PaymentMode,
)
from wijkvoucher.neighbourhoods.models import (
    Municipality,
    Regulation,
    RegulationVersion,
)
from wijkvoucher.neighbourhoods.selectors.regulations import (
    PARAMETER_NAMES,
    regulation_parameters,
    regulation_version_latest,
)
from wijkvoucher.neighbourhoods.services.neighbourhoods import set_changed_fields

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CARRY_OVER_MAX_YEARS = 3
# A word list stays short enough to read and check on every save of a plan.
MAX_WORD_LENGTH = 50
MAX_WORDS_PER_KIND = 200
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_REGULATION_FIELDS = frozenset(
    {"name", "legal_basis", "participation_bylaw_article", "valid_until"}
)


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the Netherlands."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM)


# --- Validation of parameter values ------------------------------------------------


def _check_names(values: Mapping[str, Any]) -> None:
    unknown = sorted(set(values) - set(PARAMETER_NAMES))
    if unknown:
        raise ValidationError(
            _("The regeling has no rule called %(names)s."),
            code="unknown_parameter",
            params={"names": ", ".join(unknown)},
        )


def _field(name: str) -> models.Field[Any, Any]:
    field = RegulationVersion._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(name)
    return field


def _check_type(name: str, value: Any) -> None:
    field = _field(name)
    label = field.verbose_name
    if value is None:
        if not field.null:
            raise ValidationError(
                _("%(field)s needs a value."), code="required", params={"field": label}
            )
        return
    if name == "cost_words":
        ok = isinstance(value, dict) and all(
            isinstance(words, list) and all(isinstance(w, str) for w in words)
            for words in value.values()
        )
    elif isinstance(field, models.BooleanField):
        ok = isinstance(value, bool)
    elif isinstance(field, models.IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    elif isinstance(field, models.CharField):
        ok = isinstance(value, str)
        if ok and field.choices:
            ok = value in {str(choice) for choice, _label in field.flatchoices}
    else:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    if not ok:
        raise ValidationError(
            _("%(field)s has a value that is not allowed: %(value)s."),
            code="invalid_value",
            params={"field": label, "value": value},
        )


def _check_percentages(values: Mapping[str, Any]) -> None:
    for name in PARAMETER_NAMES:
        if name.endswith("_percent") and (values[name] or 0) > 100:
            raise ValidationError(
                _("%(field)s cannot be more than 100%%."),
                code="percent_too_high",
                params={"field": _field(name).verbose_name},
            )


def _check_subset(
    values: list[str], allowed: type[models.TextChoices], code: str
) -> None:
    unknown = sorted(set(values) - set(allowed.values))
    if unknown:
        raise ValidationError(
            _("Unknown choice: %(values)s."),
            code=code,
            params={"values": ", ".join(unknown)},
        )


def _check_deadline(value: str) -> None:
    match = _MONTH_DAY.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        # A year that is not a leap year: the deadline has to exist every year.
        dt.date(2001, int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise ValidationError(
            _("Enter the deadline as month-day, for example 10-01 for 1 October."),
            code="invalid_deadline",
        ) from None


def _check_cost_words(value: Mapping[str, list[str]]) -> None:
    labels = dict(CostCategory.choices)
    unknown = sorted(set(value) - set(WORD_CATEGORIES))
    if unknown:
        raise ValidationError(
            _("There is no word list for this kind of cost: %(values)s."),
            code="unknown_word_kind",
            params={"values": ", ".join(unknown)},
        )
    for kind, words in value.items():
        label = labels[kind]
        if len(words) > MAX_WORDS_PER_KIND:
            raise ValidationError(
                _("The word list for %(kind)s has more than %(max)s words."),
                code="too_many_words",
                params={"kind": label, "max": MAX_WORDS_PER_KIND},
            )
        for word in words:
            if len(word) > MAX_WORD_LENGTH:
                raise ValidationError(
                    _(
                        "“%(word)s” in the word list for %(kind)s is too long. Use "
                        "at most %(max)s characters."
                    ),
                    code="word_too_long",
                    params={"word": word, "kind": label, "max": MAX_WORD_LENGTH},
                )
            if not any(char.isalnum() for char in word):
                raise ValidationError(
                    _(
                        "“%(word)s” in the word list for %(kind)s has no letters. "
                        "Write one word per line."
                    ),
                    code="word_without_letters",
                    params={"word": word, "kind": label},
                )


def _check_order(values: Mapping[str, Any]) -> None:
    if values["carry_over_years"] > CARRY_OVER_MAX_YEARS:
        raise ValidationError(
            _("Budget can be carried over for at most %(max)s years."),
            code="carry_over_too_long",
            params={"max": CARRY_OVER_MAX_YEARS},
        )
    if values["decision_hard_limit_weeks"] < values["decision_term_weeks"]:
        raise ValidationError(
            _(
                "The hard limit for a decision cannot be shorter than the decision term."
            ),
            code="hard_limit_before_term",
        )
    if values["steering_group_min_size"] > values["steering_group_max_size"]:
        raise ValidationError(
            _("The smallest regiegroep size cannot be larger than the largest."),
            code="steering_group_size_order",
        )
    minimum = values["min_amount_cents"]
    if minimum is not None and minimum > values["max_amount_per_voucher_cents"]:
        raise ValidationError(
            _("The minimum amount cannot be more than the maximum per voucher."),
            code="min_above_max",
        )


def regulation_parameters_validate(values: Mapping[str, Any]) -> None:
    """Check a complete set of parameters; raise the first problem found."""
    _check_names(values)
    for name in PARAMETER_NAMES:
        _check_type(name, values[name])
    _check_percentages(values)
    _check_order(values)
    _check_subset(
        values["excluded_cost_categories"], CostCategory, "unknown_cost_category"
    )
    _check_subset(values["payment_modes"], PaymentMode, "unknown_payment_mode")
    if not values["payment_modes"]:
        raise ValidationError(
            _("Choose at least one way to pay."), code="no_payment_mode"
        )
    _check_deadline(values["public_space_request_deadline"])
    _check_cost_words(values["cost_words"])


def _normalise_words(words: list[str]) -> list[str]:
    """Single spaces, no empty lines, no word twice (also not with other capitals or
    accents), in the order given."""
    seen: dict[str, str] = {}
    for word in words:
        clean = " ".join(word.split())
        if clean and fold(clean) not in seen:
            seen[fold(clean)] = clean
    return list(seen.values())


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    """Drop duplicate list items, keeping their order; a word list for every kind of
    cost that has one (a kind left out has no words)."""
    for name in ("excluded_cost_categories", "payment_modes"):
        if isinstance(values.get(name), list):
            values[name] = list(dict.fromkeys(values[name]))
    words = values.get("cost_words")
    if isinstance(words, dict) and all(isinstance(w, list) for w in words.values()):
        values["cost_words"] = {
            kind: _normalise_words([str(w) for w in words.get(kind, [])])
            for kind in [*WORD_CATEGORIES, *sorted(set(words) - set(WORD_CATEGORIES))]
        }
    return values


def _defaults() -> dict[str, Any]:
    return regulation_parameters(version=RegulationVersion())


# --- Services --------------------------------------------------------------------


def _require_text(value: str, label: str) -> None:
    if not value.strip():
        raise ValidationError(
            _("%(field)s needs a value."), code="required", params={"field": label}
        )


@transaction.atomic
def regulation_create(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    legal_basis: str,
    valid_from: dt.date,
    participation_bylaw_article: str = "",
    **parameters: Any,
) -> Regulation:
    """A new regeling with version 1, in force from the start of ``valid_from``. Rule
    values not given keep their defaults (docs/regeling.md)."""
    _check_names(parameters)
    _require_text(name, str(_("name")))
    values = _normalise({**_defaults(), **parameters})
    regulation_parameters_validate(values)
    regulation = Regulation.objects.create(
        municipality=municipality,
        name=name.strip(),
        legal_basis=legal_basis.strip(),
        participation_bylaw_article=participation_bylaw_article.strip(),
        valid_from=valid_from,
    )
    version = RegulationVersion.objects.create(
        regulation=regulation,
        number=1,
        valid_from=start_of_day(valid_from),
        created_by=actor,
        **values,
    )
    audit_record(
        actor=actor,
        action="neighbourhoods.regulation_create",
        subject=regulation,
        data={
            "municipality": municipality.slug,
            "name": regulation.name,
            "valid_from": valid_from.isoformat(),
            "version": version.number,
            "parameters": parameters,
        },
    )
    return regulation


@transaction.atomic
def regulation_update(
    *, actor: User, regulation: Regulation, **fields: Any
) -> Regulation:
    """Change the regeling's identity: name, legal basis, bylaw article, end date. Its
    rules change through ``regulation_version_create``."""
    unknown = sorted(set(fields) - _REGULATION_FIELDS)
    if unknown:
        raise ValidationError(
            _("These cannot be changed here: %(names)s."),
            code="unknown_field",
            params={"names": ", ".join(unknown)},
        )
    regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
    if "name" in fields:
        _require_text(fields["name"], str(_("name")))
    until = fields.get("valid_until", regulation.valid_until)
    if until is not None and until <= regulation.valid_from:
        raise ValidationError(
            _("The end date must be after the start date."), code="period_order"
        )
    diff = set_changed_fields(regulation, fields)
    if diff:
        regulation.save(update_fields=[*diff, "updated_at"])
        public_pages_changed()
        audit_record(
            actor=actor,
            action="neighbourhoods.regulation_update",
            subject=regulation,
            data={"diff": diff},
        )
    return regulation


def _version_start(
    latest: RegulationVersion, valid_from: dt.datetime | None
) -> dt.datetime:
    now = timezone.now()
    if valid_from is None:
        return max(now, latest.valid_from)
    if timezone.is_naive(valid_from):
        valid_from = timezone.make_aware(valid_from, AMSTERDAM)
    if valid_from < now:
        raise ValidationError(
            _("A new version cannot start in the past."), code="valid_from_in_past"
        )
    if valid_from < latest.valid_from:
        raise ValidationError(
            _("A new version cannot start before version %(number)s (%(date)s)."),
            code="valid_from_before_previous",
            params={
                "number": latest.number,
                "date": timezone.localtime(latest.valid_from).strftime(
                    "%d-%m-%Y %H:%M"
                ),
            },
        )
    return valid_from


@transaction.atomic
def regulation_version_create(
    *,
    actor: User,
    regulation: Regulation,
    change_note: str,
    valid_from: dt.datetime | None = None,
    **changes: Any,
) -> RegulationVersion:
    """A new version: the latest one with ``changes`` applied, in force from
    ``valid_from`` (default: now, or when the latest version starts if that is later).
    The older versions stay exactly as they were."""
    _check_names(changes)
    regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
    latest = regulation_version_latest(regulation=regulation)
    if latest is None:
        raise ValidationError(
            _("This regeling has no first version."), code="no_version_in_force"
        )
    old = regulation_parameters(version=latest)
    values = _normalise({**old, **changes})
    diff = {
        name: [old[name], values[name]]
        for name in PARAMETER_NAMES
        if old[name] != values[name]
    }
    if not diff:
        raise ValidationError(
            _("Nothing changed, so no new version was made."), code="no_changes"
        )
    if not change_note.strip():
        raise ValidationError(
            _("Describe what changed and why."), code="change_note_required"
        )
    regulation_parameters_validate(values)
    start = _version_start(latest, valid_from)
    version = RegulationVersion.objects.create(
        regulation=regulation,
        number=latest.number + 1,
        valid_from=start,
        created_by=actor,
        change_note=change_note.strip(),
        **values,
    )
    public_pages_changed()
    audit_record(
        actor=actor,
        action="neighbourhoods.regulation_version_create",
        subject=version,
        data={
            "regulation": regulation.pk,
            "number": version.number,
            "valid_from": start,
            "change_note": version.change_note,
            "diff": diff,
        },
    )
    return version
