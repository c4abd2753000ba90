"""Reads of the regiegroep's meeting page: attendance and what members read about
each agenda item, for the whole agenda at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet

from wijkvoucher.accounts.models import User
from wijkvoucher.consultations.selectors_answers import wijk_answers
from wijkvoucher.initiatives.checks import plan_checks_by_initiative
from wijkvoucher.initiatives.selectors.initiatives import (
    budget_lines_by_initiative,
    budget_totals_cents,
    own_contributions_by_initiative,
)
from wijkvoucher.initiatives.selectors.participation import (
    initiators_by_initiative,
    support_counts,
)
from wijkvoucher.regiegroep.models import (
    AgendaItem,
    Assessment,
    Attendance,
    ConflictDeclaration,
    Meeting,
    MemberVote,
)
from wijkvoucher.regiegroep.selectors import Member
from wijkvoucher.regiegroep.selectors_conflicts import conflicts_by_item

_Row = TypeVar("_Row", ConflictDeclaration, Assessment, MemberVote)


def attendance_of(*, meeting: Meeting) -> dict[int, bool]:
    """Who was marked present (True) or absent (False) at ``meeting``, by user id."""
    return {a.member_id: a.present for a in Attendance.objects.filter(meeting=meeting)}


def users_of(members: Iterable[Member]) -> QuerySet[User]:
    """The people behind ``members`` (for a form that chooses among them)."""
    return User.objects.filter(pk__in=[m.user.pk for m in members])


def _by_item(rows: Iterable[_Row]) -> dict[int, list[_Row]]:
    found: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        found[row.agenda_item_id].append(row)
    return found


def agenda_facts(
    *, items: Sequence[AgendaItem], user: User
) -> dict[int, dict[str, Any]]:
    """What a member reads about each agenda item, by item id, in a fixed number of
    queries for the whole agenda: the plan's budget, contributions and support, its
    initiators, rule check, what the wijk answered in a wijkraadpleging, the interest the system finds for ``user``, the
    declared interests, assessments and votes, and ``user``'s own."""
    initiatives = [item.initiative for item in items]
    ids = [item.pk for item in items]
    lines = budget_lines_by_initiative(initiatives=initiatives)
    totals = budget_totals_cents(initiatives=initiatives)
    contributions = own_contributions_by_initiative(initiatives=initiatives)
    support = support_counts(initiatives=initiatives)
    initiators = initiators_by_initiative(initiatives)
    checks = plan_checks_by_initiative(initiatives=initiatives)
    answers = wijk_answers(initiative_ids=[plan.pk for plan in initiatives])
    detected = conflicts_by_item(agenda_items=items)
    declarations = _by_item(
        ConflictDeclaration.objects.filter(agenda_item_id__in=ids)
        .select_related("member")
        .order_by("member__full_name", "pk")
    )
    assessments = _by_item(
        Assessment.objects.filter(agenda_item_id__in=ids)
        .select_related("member")
        .order_by("member__full_name", "pk")
    )
    votes = _by_item(MemberVote.objects.filter(agenda_item_id__in=ids).order_by("pk"))
    facts: dict[int, dict[str, Any]] = {}
    for item in items:
        pk, plan = item.pk, item.initiative_id
        choices = [vote.choice for vote in votes[pk]]
        facts[pk] = {
            "budget_lines": lines[plan],
            "budget_total": totals[plan],
            "contributions": contributions[plan],
            "support": support[plan],
            "initiators": initiators[plan],
            "checks": checks[plan],
            "wijk_answer": answers.get(plan),
            "my_detected": detected[pk].get(user.pk),
            "declarations": declarations[pk],
            "my_declaration": _own(declarations[pk], user),
            "assessments": assessments[pk],
            "my_vote": _own(votes[pk], user),
            "tally": {
                choice: choices.count(choice)
                for choice in ("for", "against", "abstain")
            },
        }
    return facts


def _own(rows: list[_Row], user: User) -> _Row | None:
    return next((row for row in rows if row.member_id == user.pk), None)


def agenda_item_facts(*, item: AgendaItem, user: User) -> dict[str, Any]:
    """What a member reads about one agenda item (``agenda_facts``)."""
    return agenda_facts(items=[item], user=user)[item.pk]
