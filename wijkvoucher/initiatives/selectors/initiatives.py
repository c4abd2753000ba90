"""All reads on initiatives (docs/architecture.md#inside-an-app)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext

from wijkvoucher.accounts.models import User
from wijkvoucher.core.dates import format_day
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.deadlines import DeadlineFacts, paused_days
from wijkvoucher.initiatives.models import (
    BudgetLine,
    ContactHandover,
    DecisionTermExtension,
    Initiative,
    NoticeOfDefault,
    OwnContribution,
    StatusChange,
)
from wijkvoucher.initiatives.workflow import CLOCK_PAUSED, DECISION_PENDING, TERMINAL
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import RoleAssignment
from wijkvoucher.neighbourhoods.selectors.roles import role_holders

if TYPE_CHECKING:
    from wijkvoucher.neighbourhoods.models import Neighbourhood


@dataclass(frozen=True)
class TermEvent:
    """A line of the timeline that is not a status change: the decision term was
    extended (Awb 4:14) or a notice of default arrived (Awb 4:17). It answers what the
    timeline templates read of a ``StatusChange``; ``kind`` tells them apart."""

    kind: str
    created_at: dt.datetime
    actor: User | None
    label: str
    motivation: str
    reason_code: str = ""
    from_status: str = ""
    to_status: str = ""

    def get_to_status_display(self) -> str:
        return self.label

    def get_from_status_display(self) -> str:
        return ""

    def get_reason_code_display(self) -> str:
        return ""


def _term_events(initiative: Initiative) -> list[TermEvent]:
    """The extension and the notice of default of ``initiative`` as timeline lines,
    worded in the active language."""
    events = [
        TermEvent(
            kind="extension",
            created_at=row.created_at,
            actor=row.actor,
            label=gettext("Decision term extended from %(old)s to %(new)s")
            % {"old": format_day(row.from_due_on), "new": format_day(row.to_due_on)},
            motivation=row.motivation,
        )
        for row in DecisionTermExtension.objects.filter(
            initiative=initiative
        ).select_related("actor")
    ]
    events.extend(
        TermEvent(
            kind="notice_of_default",
            created_at=row.received_at,
            actor=row.sender,
            label=gettext("Notice of default received; penalty payment from %(date)s")
            % {"date": format_day(row.penalty_starts_on)},
            motivation=row.message,
        )
        for row in NoticeOfDefault.objects.filter(initiative=initiative).select_related(
            "sender"
        )
    )
    return events


def initiative_timeline(*, initiative: Initiative) -> list[StatusChange | TermEvent]:
    """What happened to ``initiative``, oldest first, with who did it: its status
    changes, and the extension of its decision term and a notice of default."""
    changes: list[StatusChange | TermEvent] = list(
        StatusChange.objects.filter(initiative=initiative)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    events = _term_events(initiative)
    if not events:
        return changes
    return sorted([*changes, *events], key=lambda line: line.created_at)


def initiatives_of_initiator(*, user: User) -> QuerySet[Initiative]:
    """The plans ``user`` started, newest first, with their wijk."""
    return (
        Initiative.objects.filter(initiator=user)
        .select_related("neighbourhood")
        .order_by("-created_at", "-pk")
    )


def initiatives_of_initiator_count(*, user: User) -> int:
    """How many plans ``user`` started."""
    return Initiative.objects.filter(initiator=user).count()


def initiator_confirmed_age(*, user: User, threshold: int) -> bool:
    """Whether ``user`` said on an earlier plan that they are at least ``threshold``
    years old: someone old enough stays so, and is not asked again."""
    return Initiative.objects.filter(
        initiator=user, applicant_age_at_least__gte=threshold
    ).exists()


def initiative_overdue_q(*, on: dt.date) -> Q:
    """Overdue on ``on``: still waiting for a decision and the decision date has
    passed. That is the stored date while the clock runs; for a plan whose
    hersteltermijn has passed unused (the clock runs again, Awb 4:15) it is the stored
    date plus the whole hersteltermijn (initiatives/deadlines.py, decision_due_on)."""
    unused_pause = ExpressionWrapper(
        F("information_due_on") - F("clock_paused_on"), output_field=DurationField()
    )
    resumed_due = ExpressionWrapper(
        F("decision_due_on") + unused_pause, output_field=DateField()
    )
    return Q(status__in=sorted(DECISION_PENDING), decision_due_on__lt=on) | Q(
        Q(status__in=sorted(CLOCK_PAUSED), information_due_on__lt=on),
        LessThan(resumed_due, on),
    )


def information_expired_q(*, on: dt.date) -> Q:
    """The hersteltermijn ended on a day before ``on`` without an answer."""
    return Q(status=InitiativeStatus.INFORMATION_REQUESTED, information_due_on__lt=on)


def _with_overdue(qs: QuerySet[Initiative], day: dt.date) -> QuerySet[Initiative]:
    """Annotate ``is_overdue`` and ``information_expired`` on ``day`` and sort:
    overdue first, then those whose hersteltermijn has ended, then by decision date
    (soonest first; none last), then oldest first. The regeling version comes along
    for the deadline flags (initiatives/deadlines.py), and ``penalty_starts_on`` of a
    notice of default (None without one)."""
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
            penalty_starts_on=Subquery(
                NoticeOfDefault.objects.filter(initiative=OuterRef("pk")).values(
                    "penalty_starts_on"
                )[:1]
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
    """Days the decision clock stood still so far, the running pause included (up to
    the end of its hersteltermijn at most)."""
    return paused_days(DeadlineFacts.of(initiative), on or timezone.localdate())


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


def budget_lines_by_initiative(
    *, initiatives: Iterable[Initiative]
) -> dict[int, list[BudgetLine]]:
    """``budget_lines_of`` for many plans in one query, by initiative id."""
    ids = [i.pk for i in initiatives]
    found: dict[int, list[BudgetLine]] = {pk: [] for pk in ids}
    for line in BudgetLine.objects.filter(initiative_id__in=ids).order_by(
        "created_at", "pk"
    ):
        found[line.initiative_id].append(line)
    return found


def budget_lines_of(*, initiative: Initiative) -> list[BudgetLine]:
    """The plan's budget lines in the order they were written."""
    return budget_lines_by_initiative(initiatives=[initiative])[initiative.pk]


def own_contributions_by_initiative(
    *, initiatives: Iterable[Initiative]
) -> dict[int, list[OwnContribution]]:
    """Each plan's own contributions in the order they were added, in one query, by
    initiative id."""
    ids = [i.pk for i in initiatives]
    found: dict[int, list[OwnContribution]] = {pk: [] for pk in ids}
    for contribution in OwnContribution.objects.filter(initiative_id__in=ids).order_by(
        "pk"
    ):
        found[contribution.initiative_id].append(contribution)
    return found


def budget_totals_cents(*, initiatives: Iterable[Initiative]) -> dict[int, int]:
    """``budget_total_cents`` for many plans in one query, by initiative id."""
    ids = [i.pk for i in initiatives]
    totals = (
        BudgetLine.objects.filter(initiative_id__in=ids)
        .order_by()
        .values_list("initiative_id")
        .annotate(t=Sum("amount_cents"))
    )
    found = dict.fromkeys(ids, 0)
    found.update({pk: total or 0 for pk, total in totals})
    return found


def budget_total_cents(*, initiative: Initiative) -> int:
    """What the plan's budget lines add up to (0 without lines)."""
    return budget_totals_cents(initiatives=[initiative])[initiative.pk]


def initiative_is_overdue(*, initiative: Initiative, on: dt.date) -> bool:
    """Whether the plan waits past its decision date on ``on`` (``initiative_overdue_q``)."""
    return Initiative.objects.filter(
        initiative_overdue_q(on=on), pk=initiative.pk
    ).exists()


def information_question(*, initiative: Initiative) -> StatusChange | None:
    """The latest step that asked the initiator for more information, or None."""
    return (
        initiative.status_changes.filter(
            to_status=InitiativeStatus.INFORMATION_REQUESTED
        )
        .order_by("-created_at", "-pk")
        .first()
    )
