"""What the wijk answered about a plan in a certified wijkraadpleging: the regiegroep
reads it on the plan's agenda item, and a beschikking that goes against it must say
why (docs/voting.md#what-the-wijk-said). Only certified consultations count: while a
vote runs nobody may read how it stands."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wijkvoucher.consultations.constants import ConsultationKind, ConsultationStatus
from wijkvoucher.consultations.models import Consultation, ConsultationOption

# What the wijk's answer asks of the decision.
FOR = "for"
AGAINST = "against"


@dataclass(frozen=True)
class WijkAnswer:
    """One plan's answer. A poll gives ``support``/``oppose``/``neutral`` and the
    comments; a budget vote gives ``votes`` and whether the count ``selected`` it."""

    consultation: Consultation
    ballots: int
    support: int = 0
    oppose: int = 0
    neutral: int = 0
    comments: tuple[str, ...] = ()
    votes: int = 0
    selected: bool = False

    @property
    def is_poll(self) -> bool:
        return self.consultation.kind == ConsultationKind.ADVISORY

    @property
    def leaning(self) -> str | None:
        """``FOR`` or ``AGAINST`` the plan, or None when the wijk did not lean
        either way (a poll with as many for as against, or no answers)."""
        if not self.is_poll:
            return FOR if self.selected else AGAINST
        if self.support > self.oppose:
            return FOR
        if self.oppose > self.support:
            return AGAINST
        return None


def _answer(option: ConsultationOption) -> WijkAnswer | None:
    consultation = option.consultation
    result = consultation.result
    if not result:
        return None
    key = str(option.pk)
    ballots = int(result.get("ballots", 0))
    if consultation.kind == ConsultationKind.ADVISORY:
        counts = result.get("options", {}).get(key, {})
        return WijkAnswer(
            consultation=consultation,
            ballots=ballots,
            support=int(counts.get("support", 0)),
            oppose=int(counts.get("oppose", 0)),
            neutral=int(counts.get("neutral", 0)),
            comments=tuple(result.get("comments", {}).get(key, [])),
        )
    return WijkAnswer(
        consultation=consultation,
        ballots=ballots,
        votes=int(result.get("votes", {}).get(key, 0)),
        selected=option.pk in {int(pk) for pk in result.get("selected", [])},
    )


def wijk_answers(*, initiative_ids: Iterable[int]) -> dict[int, WijkAnswer]:
    """The latest certified answer per plan, by initiative id, in one query (plans
    without one are left out)."""
    ids = sorted(set(initiative_ids))
    if not ids:
        return {}
    options = (
        ConsultationOption.objects.filter(
            initiative_id__in=ids,
            consultation__status=ConsultationStatus.CERTIFIED,
        )
        .select_related("consultation")
        .order_by("initiative_id", "-consultation__certified_at", "-pk")
    )
    found: dict[int, WijkAnswer] = {}
    for option in options:
        plan = option.initiative_id
        if plan is None or plan in found:
            continue
        answer = _answer(option)
        if answer is not None:
            found[plan] = answer
    return found


def wijk_answer(*, initiative_id: int) -> WijkAnswer | None:
    """The latest certified answer of the wijk about one plan, or None."""
    return wijk_answers(initiative_ids=[initiative_id]).get(initiative_id)
