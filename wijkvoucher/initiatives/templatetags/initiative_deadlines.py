"""Deadline tags for the plan pages and the work list:

- ``{% initiative_deadline row as deadline %}``: the deadline flags of an initiative
  today (initiatives/deadlines.py);
- ``{% initiative_delay initiative as delay %}``: how late its decision is, with the
  penalty payment after a notice of default (None when neither);
- ``{% penalty_so_far row.penalty_starts_on as penalty %}``: days and amount of a
  penalty payment that is still running, for a work-list row."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from wijkvoucher.initiatives.deadlines import (
    PENALTY_MAX_CENTS,
    DeadlineState,
    initiative_deadline_state,
    penalty_cents,
    penalty_days,
)
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.selectors.deadlines import (
    DecisionDelay,
    initiative_decision_delay,
)

register = template.Library()


@register.simple_tag
def initiative_deadline(initiative: Initiative) -> DeadlineState:
    return initiative_deadline_state(initiative=initiative)


@register.simple_tag
def initiative_delay(initiative: Initiative) -> DecisionDelay | None:
    return initiative_decision_delay(initiative=initiative)


@register.simple_tag
def penalty_so_far(starts_on: dt.date | None) -> dict[str, object]:
    """``days`` and ``cents`` up to today, ``started`` and ``max_cents``."""
    today = timezone.localdate()
    if starts_on is None:
        return {}
    days = penalty_days(starts_on, today)
    return {
        "days": days,
        "cents": penalty_cents(days),
        "started": today >= starts_on,
        "max_cents": PENALTY_MAX_CENTS,
    }
