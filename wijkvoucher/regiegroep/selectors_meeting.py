"""Reads of the regiegroep's meeting page: attendance and what members read about
each agenda item."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.selectors.initiatives import (
    budget_lines_of,
    budget_total_cents,
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


def attendance_of(*, meeting: Meeting) -> dict[int, bool]:
    """Who was marked present (True) or absent (False) at ``meeting``, by user id."""
    return {a.member_id: a.present for a in Attendance.objects.filter(meeting=meeting)}


def users_of(members: Iterable[Member]) -> QuerySet[User]:
    """The people behind ``members`` (for a form that chooses among them)."""
    return User.objects.filter(pk__in=[m.user.pk for m in members])


def agenda_item_facts(*, item: AgendaItem, user: User) -> dict[str, Any]:
    """What a member reads about one agenda item: the plan's budget, contributions
    and support, the declared interests, assessments and votes, and ``user``'s own."""
    initiative = item.initiative
    declarations = list(
        ConflictDeclaration.objects.filter(agenda_item=item)
        .select_related("member")
        .order_by("member__full_name", "pk")
    )
    votes = list(MemberVote.objects.filter(agenda_item=item).values_list("choice"))
    return {
        "budget_lines": budget_lines_of(initiative=initiative),
        "budget_total": budget_total_cents(initiative=initiative),
        "contributions": list(initiative.own_contributions.order_by("pk")),
        "support": {
            stance: initiative.support_signatures.filter(stance=stance).count()
            for stance in ("for", "against", "neutral")
        },
        "declarations": declarations,
        "my_declaration": next(
            (d for d in declarations if d.member_id == user.pk), None
        ),
        "assessments": list(
            Assessment.objects.filter(agenda_item=item)
            .select_related("member")
            .order_by("member__full_name", "pk")
        ),
        "my_vote": MemberVote.objects.filter(agenda_item=item, member=user).first(),
        "tally": {
            "for": votes.count(("for",)),
            "against": votes.count(("against",)),
            "abstain": votes.count(("abstain",)),
        },
    }
