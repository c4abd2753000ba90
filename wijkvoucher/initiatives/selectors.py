"""All reads on initiatives (house-style 4.2)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from wijkvoucher.initiatives.models import Initiative, StatusChange
from wijkvoucher.initiatives.workflow import DECISION_PENDING

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def initiative_timeline(*, initiative: Initiative) -> QuerySet[StatusChange]:
    """The steps of ``initiative``, oldest first, with who took them."""
    return (
        StatusChange.objects.filter(initiative=initiative)
        .select_related("actor")
        .order_by("created_at", "pk")
    )


def initiative_overdue_q(*, on: dt.date) -> Q:
    """Overdue on ``on``: still waiting for a decision with the clock running (not
    paused for an information request) and the decision date has passed."""
    return Q(status__in=sorted(DECISION_PENDING), decision_due_on__lt=on)


def initiatives_for_official(
    *, official: User, on: dt.date | None = None
) -> QuerySet[Initiative]:
    """The initiatives ``official`` is the contact official for: overdue first, then
    by decision date (soonest first; none last), then oldest first. Each row carries
    ``is_overdue``."""
    day = on or timezone.localdate()
    return (
        Initiative.objects.filter(contact_official=official)
        .select_related("neighbourhood", "initiator")
        .annotate(
            is_overdue=Case(
                When(initiative_overdue_q(on=day), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by(
            F("is_overdue").desc(),
            F("decision_due_on").asc(nulls_last=True),
            "created_at",
            "pk",
        )
    )
