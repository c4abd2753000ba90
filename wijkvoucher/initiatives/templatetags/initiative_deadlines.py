"""``{% initiative_deadline row as deadline %}``: the deadline flags of an initiative
today (initiatives/deadlines.py), for the work list and the plan file."""

from __future__ import annotations

from django import template

from wijkvoucher.initiatives.deadlines import DeadlineState, initiative_deadline_state
from wijkvoucher.initiatives.models import Initiative

register = template.Library()


@register.simple_tag
def initiative_deadline(initiative: Initiative) -> DeadlineState:
    return initiative_deadline_state(initiative=initiative)
