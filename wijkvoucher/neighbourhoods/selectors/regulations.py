"""Reading the regeling: which version is in force, its parameters, and the rules in
plain words (B1) for the public wijk page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wijkvoucher.core.money import format_euro
from wijkvoucher.core.periods import days_text, months_text, weeks_text, years_text
from wijkvoucher.neighbourhoods.constants import (
    AuthorityMode,
    CostCategory,
    FoodDrinkPolicy,
)
from wijkvoucher.neighbourhoods.models import Regulation, RegulationVersion

# Columns of a version that describe the version itself, not a rule of the regeling.
VERSION_META_FIELDS = frozenset(
    {
        "id",
        "regulation",
        "number",
        "valid_from",
        "created_at",
        "created_by",
        "change_note",
    }
)
PARAMETER_NAMES: tuple[str, ...] = tuple(
    field.name
    for field in RegulationVersion._meta.concrete_fields
    if field.name not in VERSION_META_FIELDS
)


@dataclass(frozen=True)
class PlainRule:
    title: str
    text: str


def regulation_versions_in_force(
    *, regulations: Iterable[Regulation], at: dt.datetime
) -> dict[int, RegulationVersion]:
    """``regulation_version_in_force`` of many regelingen in one query, by regulation
    id; refused as that is when one of them has no version in force."""
    wanted = {r.pk: r for r in regulations}
    found: dict[int, RegulationVersion] = {}
    versions = RegulationVersion.objects.filter(
        regulation_id__in=list(wanted), valid_from__lte=at
    ).order_by("regulation_id", "-valid_from", "-number")
    for version in versions:
        found.setdefault(version.regulation_id, version)
    for pk, regulation in wanted.items():
        if pk not in found:
            raise ValidationError(
                _("The regeling %(regulation)s has no version in force on %(date)s."),
                code="no_version_in_force",
                params={"regulation": regulation.name, "date": date_format(at.date())},
            )
    return found


def regulation_version_in_force(
    *, regulation: Regulation, at: dt.datetime
) -> RegulationVersion:
    """The version that applies at ``at``: the latest one that started on or before it.
    An initiative keeps the version that was in force when it was submitted."""
    return regulation_versions_in_force(regulations=[regulation], at=at)[regulation.pk]


def regulation_version_latest(*, regulation: Regulation) -> RegulationVersion | None:
    """The newest version, also when it only starts in the future."""
    return regulation.versions.order_by("-number").first()


def regulation_versions(*, regulation: Regulation) -> list[RegulationVersion]:
    """All versions, newest first, with who made them."""
    return list(
        regulation.versions.select_related("created_by").order_by("-number").all()
    )


def regulation_parameters(*, version: RegulationVersion) -> dict[str, Any]:
    """The rule values of ``version`` by parameter name (docs/regeling.md)."""
    return {name: getattr(version, name) for name in PARAMETER_NAMES}


def regulation_version_changes(
    *, version: RegulationVersion
) -> dict[str, tuple[Any, Any]]:
    """What differs from the version before: ``{name: (old, new)}``; empty for v1."""
    previous = (
        RegulationVersion.objects.filter(
            regulation_id=version.regulation_id, number__lt=version.number
        )
        .order_by("-number")
        .first()
    )
    if previous is None:
        return {}
    old = regulation_parameters(version=previous)
    new = regulation_parameters(version=version)
    return {
        name: (old[name], new[name])
        for name in PARAMETER_NAMES
        if old[name] != new[name]
    }


# --- Plain rules (B1) -------------------------------------------------------------------


def _days_or_weeks(days: int) -> str:
    return weeks_text(days // 7) if days and days % 7 == 0 else days_text(days)


def _deadline_text(month_day: str) -> str:
    month, day = (int(part) for part in month_day.split("-"))
    return date_format(dt.date(2001, month, day), "j F")


def _amount_rule(version: RegulationVersion) -> PlainRule:
    parts = [
        _("You can get at most %(amount)s per voucher.")
        % {"amount": format_euro(version.max_amount_per_voucher_cents)}
    ]
    per_year = version.max_amount_per_initiative_per_year_cents
    if per_year != version.max_amount_per_voucher_cents:
        parts.append(
            _("For one plan you can get at most %(amount)s per year.")
            % {"amount": format_euro(per_year)}
        )
    if version.min_amount_cents:
        parts.append(
            _("You ask for at least %(amount)s.")
            % {"amount": format_euro(version.min_amount_cents)}
        )
    if version.max_support_years_same_initiative:
        parts.append(
            _("The same activity can get money in at most %(years)s.")
            % {"years": years_text(version.max_support_years_same_initiative)}
        )
    return PlainRule(_("How much money"), " ".join(parts))


def _timing_rule(version: RegulationVersion) -> PlainRule:
    parts = [
        _("Ask for the money at least %(period)s before your activity.")
        % {"period": _days_or_weeks(version.lead_time_before_activity_days)}
    ]
    if not version.retroactive_allowed:
        parts.append(_("We do not pay for activities that have already happened."))
    parts.append(
        _(
            "Does your plan use a street, square or park? Then ask for it before "
            "%(date)s."
        )
        % {"date": _deadline_text(version.public_space_request_deadline)}
    )
    return PlainRule(_("When to apply"), " ".join(parts))


def _who_rule(version: RegulationVersion) -> PlainRule:
    if not version.residency_required:
        parts = [_("You do not have to live in the wijk.")]
    elif version.area_entrepreneurs_allowed:
        parts = [
            _(
                "You live in the wijk, or you have a business or organisation that is "
                "part of the wijk."
            )
        ]
    else:
        parts = [_("You live in the wijk.")]
    if version.min_age_applicant:
        parts.append(
            _("You are at least %(age)s years old.")
            % {"age": version.min_age_applicant}
        )
    if version.parental_consent_below > version.min_age_applicant:
        parts.append(
            _("Are you younger than %(age)s? Then a parent must agree.")
            % {"age": version.parental_consent_below}
        )
    return PlainRule(_("Who can apply"), " ".join(parts))


def _support_rule(version: RegulationVersion) -> PlainRule:
    if not version.support_evidence_required:
        text = _("You do not have to show that neighbours support your plan.")
    elif version.min_supporters == 1:
        text = _("At least 1 household from the neighbourhood supports your plan.")
    else:
        text = _(
            "At least %(count)s households from the neighbourhood support your plan."
        ) % {"count": version.min_supporters}
    return PlainRule(_("Support from the neighbourhood"), text)


def _contribution_rule(version: RegulationVersion) -> PlainRule:
    if not version.own_contribution_required:
        text = _("You do not have to pay or do anything yourself.")
    elif version.own_contribution_min_percent:
        text = _(
            "You contribute at least %(percent)s%% of the costs yourself: in money, "
            "time or materials."
        ) % {"percent": version.own_contribution_min_percent}
    else:
        text = _("You contribute something yourself: money, time or materials.")
    return PlainRule(_("Your own contribution"), text)


def _excluded_rule(version: RegulationVersion) -> PlainRule:
    labels = {str(value): str(label) for value, label in CostCategory.choices}
    excluded = [
        labels.get(str(value), str(value)) for value in version.excluded_cost_categories
    ]
    parts = []
    if excluded:
        parts.append(
            _("We do not pay for: %(items)s.") % {"items": ", ".join(excluded)}
        )
    # Alcohol is never paid for (initiatives/rules/), listed or not.
    examples = (version.cost_words or {}).get(CostCategory.ALCOHOL.value, [])
    if examples:
        parts.append(
            _(
                "We read what you write about each cost. A cost that names alcohol, "
                "such as %(examples)s, counts as alcohol, whatever kind of cost you "
                "choose."
            )
            % {"examples": ", ".join(examples[:3])}
        )
    parts.append(_food_drink_text(version))
    parts.append(
        _("A party or barbecue is at most %(percent)s%% of your plan.")
        % {"percent": version.party_cap_percent}
    )
    return PlainRule(_("What we do not pay for"), " ".join(parts))


def _food_drink_text(version: RegulationVersion) -> str:
    if version.food_drink_policy == FoodDrinkPolicy.NEVER:
        return _("We do not pay for food and drink.")
    if version.food_drink_policy == FoodDrinkPolicy.NOT_UNLESS_MOTIVATED:
        text = _(
            "Food and drink only if you explain why it helps, for example to bring "
            "neighbours together."
        )
    else:
        text = _("Food and drink are allowed.")
    if version.food_drink_cap_percent:
        text += " " + _("Food and drink are at most %(percent)s%% of your plan.") % {
            "percent": version.food_drink_cap_percent
        }
    return text


def _fee_rule(version: RegulationVersion) -> PlainRule:
    return PlainRule(
        _("Paying people"),
        _("Someone who works for your plan gets at most %(amount)s per hour.")
        % {"amount": format_euro(version.hourly_fee_cap_cents)},
    )


_AUTHORITY_TEXT = {
    AuthorityMode.ADVICE: gettext_noop(
        "A group of residents, the regiegroep, gives advice about your plan. The "
        "municipality decides."
    ),
    AuthorityMode.BINDING_ADVICE: gettext_noop(
        "A group of residents, the regiegroep, gives advice about your plan. The "
        "municipality follows that advice."
    ),
    AuthorityMode.MANDATE: gettext_noop(
        "A group of residents, the regiegroep, decides about your plan for the "
        "municipality."
    ),
}


def _decision_rule(version: RegulationVersion) -> PlainRule:
    parts = [
        _(_AUTHORITY_TEXT[AuthorityMode(version.authority_mode)]),
        _("You hear the decision within %(period)s after your application is complete.")
        % {"period": weeks_text(version.decision_term_weeks)},
    ]
    if version.decision_extension_weeks:
        parts.append(
            _(
                "Do we need more time? Then we tell you, and we take at most %(period)s more."
            )
            % {"period": weeks_text(version.decision_extension_weeks)}
        )
    parts.append(
        _("You get a letter from the municipality. You can object within %(period)s.")
        % {"period": weeks_text(version.objection_term_weeks)}
    )
    return PlainRule(_("Who decides"), " ".join(parts))


def _execution_rule(version: RegulationVersion) -> PlainRule:
    return PlainRule(
        _("Carrying out your plan"),
        " ".join(
            [
                _("Carry out your plan within %(period)s after the decision.")
                % {"period": months_text(version.execution_window_months)},
                _(
                    "Within %(period)s after your activity, send us a short report, "
                    "photos and the receipts."
                )
                % {"period": weeks_text(version.accountability_due_weeks)},
            ]
        ),
    )


def regulation_plain_rules(*, version: RegulationVersion) -> list[PlainRule]:
    """The rules of ``version`` in plain words, in the active language."""
    return [
        _amount_rule(version),
        _who_rule(version),
        _timing_rule(version),
        _support_rule(version),
        _contribution_rule(version),
        _excluded_rule(version),
        _fee_rule(version),
        _decision_rule(version),
        _execution_rule(version),
    ]
