"""Rules about time: lead time, public space and the execution window."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from wijkvoucher.core.dates import add_months
from wijkvoucher.core.periods import days_text, months_text
from wijkvoucher.initiatives.rules.facts import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    WARNING,
    PlanFacts,
    RuleParameters,
    Verdict,
)
from wijkvoucher.initiatives.rules.helpers import (
    _applied,
    _date,
    _earliest_start,
)


def _lead_time(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    start = plan.activity_starts_on
    if start is None:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Fill in the date your activity starts. Then we can check if you apply in time."
            ),
        )
    days = (start - _applied(plan)).days
    lead = rules.lead_time_before_activity_days
    params = {
        "date": _date(start),
        "period": days_text(lead),
        "earliest": _earliest_start(plan, rules),
    }
    if days < 0 and rules.retroactive_allowed:
        return Verdict(
            PASS,
            _(
                "Your activity started on %(date)s. This regeling also pays for "
                "activities that have already started."
            )
            % params,
        )
    if days < 0:
        return Verdict(
            FAIL,
            _(
                "Your activity started on %(date)s. We do not pay for activities that "
                "have already happened. Choose a new date on or after %(earliest)s."
            )
            % params,
        )
    if days >= lead:
        return Verdict(
            PASS,
            _(
                "Your activity starts on %(date)s. That is in time: you apply at least "
                "%(period)s before."
            )
            % params,
        )
    return Verdict(
        FAIL,
        _(
            "Your activity starts on %(date)s. That is too soon: apply at least "
            "%(period)s before your activity. Choose a date on or after %(earliest)s."
        )
        % params,
    )


def _public_space_deadline(rules: RuleParameters, year: int) -> dt.date | None:
    """The regeling's deadline (MM-DD) for plans that use public space in ``year``."""
    try:
        month, day = (
            int(part) for part in rules.public_space_request_deadline.split("-")
        )
        return dt.date(year, month, day)
    except ValueError:
        return None


def _public_space(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    """A plan in the street, on a square or in a park needs the municipality's
    permission. Requests for a year must be in before the regeling's deadline day of
    that year; later ones are dealt with the year after (docs/configuration.md)."""
    if plan.uses_public_space is None:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Say in step 1 whether your plan uses a street, square or park. Then "
                "we can tell you when to ask the municipality."
            ),
        )
    if not plan.uses_public_space:
        return Verdict(
            PASS,
            _(
                "Your plan does not use a street, square or park, so you do not need "
                "permission for that."
            ),
        )
    start = plan.activity_starts_on
    if start is None:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Fill in the date your activity starts. Then we can tell you when to "
                "ask for the street, square or park."
            ),
        )
    deadline = _public_space_deadline(rules, start.year)
    if deadline is None:
        return Verdict(
            NOT_APPLICABLE, _("This regeling has no deadline for public space.")
        )
    params = {
        "year": start.year,
        "next": start.year + 1,
        "deadline": _date(deadline),
        "date": _date(min(deadline, start)),
    }
    if _applied(plan) < deadline:
        return Verdict(
            PASS,
            _(
                "Your plan uses a street, square or park. Ask the municipality for "
                "permission (a permit or a melding) before %(date)s. That can take "
                "several weeks, so do it soon."
            )
            % params,
        )
    return Verdict(
        WARNING,
        _(
            "Your plan uses a street, square or park in %(year)s. Requests for that "
            "had to be in before %(deadline)s. The municipality may only deal with "
            "your plan next year. Choose a date in %(next)s, or ask your contact "
            "person if it can still be done."
        )
        % params,
    )


def _execution_window(plan: PlanFacts, rules: RuleParameters) -> Verdict:
    """The plan must be carried out within the regeling's months after the decision.
    The decision comes after today, so an activity that ends within that many months
    from today fits; a later end may not."""
    months = rules.execution_window_months
    if not months:
        return Verdict(
            NOT_APPLICABLE, _("This regeling has no term to carry out your plan.")
        )
    end = plan.activity_ends_on or plan.activity_starts_on
    if end is None:
        return Verdict(
            NOT_APPLICABLE,
            _(
                "Fill in the dates of your activity. Then we can check that you can "
                "carry it out in time."
            ),
        )
    try:
        latest = add_months(plan.today, months)
    except (ValueError, OverflowError):
        latest = dt.date.max
    params = {"date": _date(end), "period": months_text(months)}
    if end <= latest:
        return Verdict(
            PASS,
            _(
                "Your activity ends on %(date)s. That fits: you carry out your plan "
                "within %(period)s after the decision."
            )
            % params,
        )
    return Verdict(
        WARNING,
        _(
            "Carry out your plan within %(period)s after the decision. Your activity "
            "ends on %(date)s. That may be too late. Choose an earlier end date, or "
            "ask your contact person."
        )
        % params,
    )
