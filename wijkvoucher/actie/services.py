"""Writes of the ACTIE instrument: recording a filled-in form (docs/actie.md).

An assessment is never changed: filling in the form again records a new one, so
that the history shows how a plan or a wijk moved. The suggested role is computed
and stored with it, so the history keeps what was suggested at the time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.actie.constants import (
    NOTE_MAX,
    POINTS_MAX,
    SCORES,
    Letter,
    SupportRole,
    Variant,
)
from wijkvoucher.actie.items import items_of
from wijkvoucher.actie.models import ActieAnswer, ActieAssessment
from wijkvoucher.actie.permissions import may_assess_initiative, may_assess_wijk
from wijkvoucher.actie.scoring import suggest_role
from wijkvoucher.core.refusals import Refusals
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.models import Neighbourhood

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@dataclass(frozen=True)
class Answer:
    """What the form gives for one item: a score 1-4 (None: unknown) and a note."""

    score: int | None
    note: str = ""


def _check_answers(
    variant: str,
    answers: Mapping[str, Answer],
    points: Mapping[str, str],
    refusals: Refusals,
) -> None:
    codes = [item.code for item in items_of(variant)]
    if sorted(answers) != sorted(codes):
        refusals.add(
            ValidationError(
                _("Answer every item of the form (a score or unknown)."),
                code="actie_items",
            )
        )
    for code, answer in answers.items():
        if answer.score is not None and answer.score not in SCORES:
            refusals.add(
                ValidationError(
                    _("%(item)s: a score is 1, 2, 3 or 4, or unknown."),
                    code="actie_score",
                    params={"item": code},
                )
            )
        if len(answer.note) > NOTE_MAX:
            refusals.add(
                ValidationError(
                    _("%(item)s: the note is longer than %(max)s characters."),
                    code="actie_note",
                    params={"item": code, "max": NOTE_MAX},
                )
            )
    letters = set(Letter.values)
    for letter, text in points.items():
        if letter not in letters or len(text) > POINTS_MAX:
            refusals.add(
                ValidationError(
                    _("The ACTIE-punten of a letter are at most %(max)s characters."),
                    code="actie_points",
                    params={"max": POINTS_MAX},
                )
            )


def _record(
    *,
    actor: User,
    variant: Variant,
    neighbourhood: Neighbourhood,
    answers: Mapping[str, Answer],
    points: Mapping[str, str],
    role_chosen: str,
    initiative: Initiative | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> ActieAssessment:
    scores = {code: answer.score for code, answer in answers.items()}
    suggestion = suggest_role(variant, scores)
    assessment = ActieAssessment.objects.create(
        variant=variant,
        neighbourhood=neighbourhood,
        initiative=initiative,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        assessed_on=timezone.localdate(),
        author=actor,
        role_suggested=suggestion.role or "",
        role_chosen=role_chosen,
        points={k: v.strip() for k, v in points.items() if v.strip()},
    )
    ActieAnswer.objects.bulk_create(
        ActieAnswer(
            assessment=assessment,
            item=item.code,
            score=answers[item.code].score,
            note=answers[item.code].note.strip(),
        )
        for item in items_of(variant)
    )
    # No scores or notes in the trail: they are in the assessment itself.
    audit_record(
        actor=actor,
        action="actie.record",
        subject=assessment,
        data={
            "variant": variant,
            "initiative": str(initiative.uuid) if initiative else None,
            "neighbourhood": neighbourhood.slug,
            "role_suggested": assessment.role_suggested,
            "role_chosen": role_chosen,
        },
    )
    return assessment


def _check_role(role_chosen: str, refusals: Refusals) -> None:
    if role_chosen and role_chosen not in SupportRole.values:
        refusals.add(
            ValidationError(_("Choose one of the three roles."), code="actie_role")
        )


@transaction.atomic
def actie_initiative_record(
    *,
    actor: User,
    initiative: Initiative,
    answers: Mapping[str, Answer],
    points: Mapping[str, str],
    role_chosen: str = "",
) -> ActieAssessment:
    """Record the FRONTLINE form of a submitted plan. An official of the plan's wijk
    only, never on a plan they take part in."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not may_assess_initiative(user=actor, initiative=locked):
        raise PermissionDenied
    refusals = Refusals()
    if locked.status == InitiativeStatus.DRAFT:
        refusals.add(
            ValidationError(
                _(
                    "A draft has no ACTIE form yet: it can be filled in once the plan is sent."
                ),
                code="actie_draft",
            )
        )
    _check_answers(Variant.FRONTLINE, answers, points, refusals)
    _check_role(role_chosen, refusals)
    refusals.raise_all()
    return _record(
        actor=actor,
        variant=Variant.FRONTLINE,
        neighbourhood=locked.neighbourhood,
        initiative=locked,
        answers=answers,
        points=points,
        role_chosen=role_chosen,
    )


@transaction.atomic
def actie_wijk_record(
    *,
    actor: User,
    neighbourhood: Neighbourhood,
    period_start: dt.date,
    period_end: dt.date,
    answers: Mapping[str, Answer],
    points: Mapping[str, str],
    role_chosen: str = "",
) -> ActieAssessment:
    """Record the ORGANISATION form of a wijk for a period. A coordinator of the
    wijk only."""
    if not may_assess_wijk(user=actor, neighbourhood=neighbourhood):
        raise PermissionDenied
    refusals = Refusals()
    if period_end < period_start:
        refusals.add(
            ValidationError(
                {
                    "period_end": ValidationError(
                        _("The end of the period is before its start."),
                        code="period_order",
                    )
                }
            )
        )
    _check_answers(Variant.ORGANISATION, answers, points, refusals)
    _check_role(role_chosen, refusals)
    refusals.raise_all()
    return _record(
        actor=actor,
        variant=Variant.ORGANISATION,
        neighbourhood=neighbourhood,
        period=(period_start, period_end),
        answers=answers,
        points=points,
        role_chosen=role_chosen,
    )
