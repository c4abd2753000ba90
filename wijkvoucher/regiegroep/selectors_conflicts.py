"""Conflicts of interest in the regiegroep: the ones the system finds (initiator,
co-initiator, household, provider, signer) and the declared ones, for one agenda item
or a whole agenda at once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet, Value, prefetch_related_objects

from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.models import (
    BudgetLine,
    CoInitiator,
    Initiative,
    SupportSignature,
)
from wijkvoucher.neighbourhoods.models import Address
from wijkvoucher.regiegroep.constants import ConflictKind
from wijkvoucher.regiegroep.models import AgendaItem, ConflictDeclaration
from wijkvoucher.regiegroep.selectors import (
    member_ids,
    present_ids,
    voting_member_ids,
)


def _address_key(address: Address) -> tuple[str, int, str, str]:
    return (
        address.postcode,
        address.house_number,
        address.house_letter.upper(),
        address.house_number_addition.upper(),
    )


def _current_addresses(user_ids: Iterable[int], on: dt.date) -> QuerySet[Address]:
    return Address.objects.filter(user_id__in=list(user_ids)).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=on)
    )


def _provider_match(
    initiative: Initiative, names: set[str], on: dt.date
) -> QuerySet[User]:
    """People of a provider named in ``names`` in the plan's municipality on ``on``."""
    match = reduce(
        or_, (Q(provider_memberships__provider__name__iexact=n) for n in names)
    )
    return (
        User.objects.filter(match)
        .filter(
            provider_memberships__provider__municipality_id=(
                initiative.neighbourhood.municipality_id
            ),
            provider_memberships__valid_from__lte=on,
        )
        .filter(
            Q(provider_memberships__valid_until__isnull=True)
            | Q(provider_memberships__valid_until__gte=on)
        )
    )


def _provider_user_ids(
    initiatives: Sequence[Initiative], on: dt.date
) -> dict[int, set[int]]:
    """Per plan: the people of a provider named in its budget, in one query (a union
    of one select per plan that names a provider)."""
    names: dict[int, set[str]] = defaultdict(set)
    lines = BudgetLine.objects.filter(
        initiative_id__in=[i.pk for i in initiatives]
    ).values_list("initiative_id", "provider_name")
    for initiative_id, name in lines:
        if name.strip():
            names[initiative_id].add(name.strip())
    found: dict[int, set[int]] = {i.pk: set() for i in initiatives}
    selects = [
        _provider_match(i, names[i.pk], on)
        .order_by()
        .annotate(initiative_id=Value(i.pk))
        .values_list("initiative_id", "pk")
        for i in initiatives
        if names[i.pk]
    ]
    if selects:
        for initiative_id, user_id in selects[0].union(*selects[1:], all=True):
            found[initiative_id].add(user_id)
    return found


def initiative_conflicts_by_initiative(
    *, initiatives: Sequence[Initiative], candidates: Iterable[int], on: dt.date
) -> dict[int, dict[int, ConflictKind]]:
    """``initiative_conflicts`` of many plans with the same candidates on the same
    day, in a fixed number of queries, by initiative id."""
    wanted = set(candidates)
    ids = [i.pk for i in initiatives]
    prefetch_related_objects(list(initiatives), "neighbourhood")
    initiators = {i.pk: {i.initiator_id} for i in initiatives}
    for initiative_id, user_id in CoInitiator.objects.filter(
        initiative_id__in=ids,
        accepted_at__isnull=False,
        revoked_at__isnull=True,
        user__isnull=False,
    ).values_list("initiative_id", "user_id"):
        initiators[initiative_id].add(user_id)
    homes_of: dict[int, set[tuple[str, int, str, str]]] = defaultdict(set)
    for address in _current_addresses(set().union(*initiators.values()), on):
        homes_of[address.user_id].add(_address_key(address))
    candidate_homes = [
        (a.user_id, _address_key(a)) for a in _current_addresses(wanted, on)
    ]
    signers: dict[int, set[int]] = defaultdict(set)
    for initiative_id, signer_id in SupportSignature.objects.filter(
        initiative_id__in=ids
    ).values_list("initiative_id", "signer_id"):
        signers[initiative_id].add(signer_id)
    providers = _provider_user_ids(initiatives, on)
    found: dict[int, dict[int, ConflictKind]] = {}
    for initiative in initiatives:
        people = initiators[initiative.pk]
        homes = set().union(*(homes_of[pk] for pk in people))
        household = {
            user_id
            for user_id, key in candidate_homes
            if key in homes and user_id not in people
        }
        found[initiative.pk] = _strongest(
            wanted,
            initiator_id=initiative.initiator_id,
            kinds=[
                (ConflictKind.CO_INITIATOR, people),
                (ConflictKind.HOUSEHOLD, household),
                (ConflictKind.PROVIDER, providers[initiative.pk]),
                (ConflictKind.SUPPORTER, signers[initiative.pk]),
            ],
        )
    return found


def _strongest(
    wanted: set[int],
    *,
    initiator_id: int,
    kinds: list[tuple[ConflictKind, set[int]]],
) -> dict[int, ConflictKind]:
    """Each of ``wanted`` with the first kind of interest whose people hold them."""
    found: dict[int, ConflictKind] = {}
    for user_id in wanted:
        if user_id == initiator_id:
            found[user_id] = ConflictKind.INITIATOR
            continue
        kind = next((k for k, people in kinds if user_id in people), None)
        if kind is not None:
            found[user_id] = kind
    return found


def initiative_conflicts(
    *, initiative: Initiative, candidates: Iterable[int], on: dt.date
) -> dict[int, ConflictKind]:
    """Which of ``candidates`` (user ids) have a personal interest in ``initiative``
    on ``on``: initiator, accepted co-initiator, household of one of them (same
    current address), provider named in the budget, or signer of the support list.
    The strongest reason is given when there are several."""
    return initiative_conflicts_by_initiative(
        initiatives=[initiative], candidates=candidates, on=on
    )[initiative.pk]


def conflicts_by_item(
    *, agenda_items: Sequence[AgendaItem]
) -> dict[int, dict[int, ConflictKind]]:
    """``conflicts_for`` of many agenda items, by item id: a fixed number of queries
    per meeting among them."""
    by_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in agenda_items:
        by_meeting[item.meeting_id].append(item)
    found: dict[int, dict[int, ConflictKind]] = {}
    for items in by_meeting.values():
        meeting = items[0].meeting
        conflicts = initiative_conflicts_by_initiative(
            initiatives=[item.initiative for item in items],
            candidates=member_ids(meeting=meeting),
            on=meeting.held_on,
        )
        found.update({item.pk: conflicts[item.initiative_id] for item in items})
    return found


def conflicts_for(*, agenda_item: AgendaItem) -> dict[int, ConflictKind]:
    """The conflicts the system finds for the members of the meeting's regiegroep
    (by user id)."""
    return conflicts_by_item(agenda_items=[agenda_item])[agenda_item.pk]


def conflicted_ids(*, agenda_item: AgendaItem) -> set[int]:
    """Members who may not vote on the item: found by the system or declared."""
    declared = set(
        ConflictDeclaration.objects.filter(
            agenda_item=agenda_item, has_conflict=True
        ).values_list("member_id", flat=True)
    )
    return declared | set(conflicts_for(agenda_item=agenda_item))


def undeclared_present_voters(*, agenda_item: AgendaItem) -> set[int]:
    """Present voting members who have not yet declared for the item."""
    meeting = agenda_item.meeting
    expected = voting_member_ids(meeting=meeting) & present_ids(meeting=meeting)
    declared = set(
        ConflictDeclaration.objects.filter(agenda_item=agenda_item).values_list(
            "member_id", flat=True
        )
    )
    return expected - declared
