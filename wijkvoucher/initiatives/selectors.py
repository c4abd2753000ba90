"""All reads on initiatives (house-style 4.2)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import ContactHandover, Initiative, StatusChange
from wijkvoucher.initiatives.workflow import DECISION_PENDING, TERMINAL
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import RoleAssignment
from wijkvoucher.neighbourhoods.selectors.roles import role_holders

if TYPE_CHECKING:
    from wijkvoucher.neighbourhoods.models import Neighbourhood


def initiative_timeline(*, initiative: Initiative) -> QuerySet[StatusChange]:
    """The steps of ``initiative``, oldest first, with who took them."""
    return (
        StatusChange.objects.filter(initiative=initiative)
        .select_related("actor")
        .order_by("created_at", "pk")
    )


def initiatives_of_initiator(*, user: User) -> QuerySet[Initiative]:
    """The plans ``user`` started, newest first, with their wijk."""
    return (
        Initiative.objects.filter(initiator=user)
        .select_related("neighbourhood")
        .order_by("-created_at", "-pk")
    )


MISSING_LABELS = {
    "title": _("title"),
    "description": _("description"),
    "budget_lines": _("at least one cost line"),
    "starts_on": _("start date"),
    "ends_on": _("end date"),
}


def initiative_missing_for_submit(*, initiative: Initiative) -> list[str]:
    """What a plan still needs before it can be submitted, as keys of
    ``MISSING_LABELS``, in the order of the form."""
    missing = []
    if not initiative.title.strip():
        missing.append("title")
    if not initiative.description.strip():
        missing.append("description")
    if not initiative.budget_lines.exists():
        missing.append("budget_lines")
    if initiative.starts_on is None:
        missing.append("starts_on")
    if initiative.ends_on is None:
        missing.append("ends_on")
    return missing


def initiative_overdue_q(*, on: dt.date) -> Q:
    """Overdue on ``on``: still waiting for a decision with the clock running (not
    paused for an information request) and the decision date has passed."""
    return Q(status__in=sorted(DECISION_PENDING), decision_due_on__lt=on)


def information_expired_q(*, on: dt.date) -> Q:
    """The hersteltermijn ended on a day before ``on`` without an answer."""
    return Q(status=InitiativeStatus.INFORMATION_REQUESTED, information_due_on__lt=on)


def _with_overdue(qs: QuerySet[Initiative], day: dt.date) -> QuerySet[Initiative]:
    """Annotate ``is_overdue`` and ``information_expired`` on ``day`` and sort:
    overdue first, then those whose hersteltermijn has ended, then by decision date
    (soonest first; none last), then oldest first. The regeling version comes along
    for the deadline flags (initiatives/deadlines.py)."""
    return (
        qs.select_related(
            "neighbourhood", "initiator", "contact_official", "regulation_version"
        )
        .annotate(
            is_overdue=Case(
                When(initiative_overdue_q(on=day), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            information_expired=Case(
                When(information_expired_q(on=day), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by(
            F("is_overdue").desc(),
            F("information_expired").desc(),
            F("decision_due_on").asc(nulls_last=True),
            "created_at",
            "pk",
        )
    )


def initiatives_for_official(
    *, official: User, on: dt.date | None = None
) -> QuerySet[Initiative]:
    """The initiatives ``official`` is the contact official for: overdue first, then
    by decision date (soonest first; none last), then oldest first. Each row carries
    ``is_overdue``."""
    day = on or timezone.localdate()
    return _with_overdue(Initiative.objects.filter(contact_official=official), day)


def initiative_work_list(
    *,
    official: User,
    coordinated: QuerySet[Neighbourhood] | None = None,
    status: str = "",
    on: dt.date | None = None,
) -> QuerySet[Initiative]:
    """An official's work list: the submitted initiatives they are the contact
    official for, plus every submitted initiative in the ``coordinated`` wijken.
    Without a ``status`` only the open ones (not finished); sorted and annotated as
    ``initiatives_for_official``."""
    day = on or timezone.localdate()
    scope = Q(contact_official=official)
    if coordinated is not None:
        scope |= Q(neighbourhood__in=coordinated)
    qs = Initiative.objects.filter(scope).exclude(status=InitiativeStatus.DRAFT)
    open_only = ~Q(status__in=sorted(TERMINAL))
    qs = qs.filter(Q(status=status) if status else open_only)
    return _with_overdue(qs, day)


def information_request_due_on(*, initiative: Initiative) -> dt.date | None:
    """The last day of the hersteltermijn while information is requested: the day the
    clock paused plus the regeling's ``information_request_days``."""
    version = initiative.regulation_version
    if initiative.clock_paused_on is None or version is None:
        return None
    return initiative.clock_paused_on + dt.timedelta(
        days=version.information_request_days
    )


def initiative_days_paused(*, initiative: Initiative, on: dt.date | None = None) -> int:
    """Days the decision clock stood still so far, the running pause included."""
    day = on or timezone.localdate()
    running = 0
    if initiative.clock_paused_on is not None:
        running = max((day - initiative.clock_paused_on).days, 0)
    return initiative.clock_paused_days + running


def initiative_handovers(*, initiative: Initiative) -> QuerySet[ContactHandover]:
    """The hand-overs between contact officials of ``initiative``, oldest first."""
    return (
        ContactHandover.objects.filter(initiative=initiative)
        .select_related("from_official", "to_official", "actor")
        .order_by("created_at", "pk")
    )


def handover_candidates(
    *, initiative: Initiative, actor: User | None = None
) -> QuerySet[User]:
    """Who can take over ``initiative``: active people holding the contact-official or
    coordinator role for its wijk (or its whole municipality) today, except the
    current contact official, the initiator and ``actor`` (nobody hands over to
    themselves). Each is annotated ``in_wijk``: True when the role is for this wijk,
    False when only for the whole municipality (the form groups them so)."""
    day = timezone.localdate()
    neighbourhood = initiative.neighbourhood
    active = RoleAssignment.objects.filter(
        role__in=[Role.CONTACT_OFFICIAL, Role.COORDINATOR],
        valid_from__lte=day,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
    in_wijk = active.filter(neighbourhood=neighbourhood)
    holders = active.filter(
        Q(neighbourhood=neighbourhood)
        | Q(neighbourhood__isnull=True, municipality_id=neighbourhood.municipality_id)
    ).values("user_id")
    excluded = [
        pk
        for pk in (
            initiative.contact_official_id,
            initiative.initiator_id,
            actor.pk if actor is not None else None,
        )
        if pk is not None
    ]
    return (
        User.objects.filter(pk__in=holders, is_active=True)
        .exclude(pk__in=excluded)
        .annotate(in_wijk=Exists(in_wijk.filter(user_id=OuterRef("pk"))))
        .order_by("-in_wijk", "full_name", "email", "pk")
    )


def wijk_coordinators(*, neighbourhood: Neighbourhood) -> QuerySet[User]:
    """Active people holding the coordinator role for ``neighbourhood`` or for its
    whole municipality today: who hears about escalations."""
    return role_holders(neighbourhood=neighbourhood, roles=[Role.COORDINATOR])
