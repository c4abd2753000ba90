"""Reads of the ACTIE instrument: one assessment with its scores, a plan's or a
wijk's history, and the reports (docs/actie.md#reports).

The report selectors are what the council reports call:

- ``actie_averages(municipality=, start=, end=, wijk=None, variant=FRONTLINE)``:
  per wijk, the mean score per letter over the latest assessment of each subject
  (plan, or wijk for the organisation form) filled in from ``start`` to ``end``;
- ``support_needs_frequency(municipality=, start=, end=, wijk=None)``: how often each
  item of the plan form scored 1 or 2 in those latest assessments, most frequent
  first (what initiators most often need help with).

Each asks a fixed number of queries, whatever the number of assessments."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet

from wijkvoucher.actie.constants import Letter, Variant
from wijkvoucher.actie.items import Item, item_of, items_of
from wijkvoucher.actie.models import ActieAnswer, ActieAssessment
from wijkvoucher.actie.scoring import (
    LetterScore,
    Suggestion,
    letter_scores,
    suggest_role,
    weak_items,
)
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood


@dataclass(frozen=True)
class ItemRow:
    item: Item
    score: int | None
    note: str


@dataclass(frozen=True)
class LetterBlock:
    """One letter on the result page: its score, its items and its ACTIE-punten
    (the author's own, and the hints of its weak items)."""

    score: LetterScore
    rows: tuple[ItemRow, ...]
    points: str
    hints: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    assessment: ActieAssessment
    scores: dict[str, int | None]
    letters: dict[Letter, LetterScore]
    blocks: tuple[LetterBlock, ...]
    suggestion: Suggestion


def _answers(assessment: ActieAssessment) -> list[ActieAnswer]:
    cached = getattr(assessment, "_prefetched_objects_cache", {}).get("answers")
    if cached is not None:
        return list(cached)
    return list(assessment.answers.all())


def scores_of(assessment: ActieAssessment) -> dict[str, int | None]:
    return {answer.item: answer.score for answer in _answers(assessment)}


def assessment_result(assessment: ActieAssessment) -> Result:
    answers = {answer.item: answer for answer in _answers(assessment)}
    scores = {code: answer.score for code, answer in answers.items()}
    letters = letter_scores(assessment.variant, scores)
    weak = {item.code for item in weak_items(assessment.variant, scores)}
    blocks = []
    for letter, score in letters.items():
        items = [i for i in items_of(assessment.variant) if i.letter == letter]
        rows = tuple(
            ItemRow(
                item=item,
                score=answers[item.code].score if item.code in answers else None,
                note=answers[item.code].note if item.code in answers else "",
            )
            for item in items
        )
        blocks.append(
            LetterBlock(
                score=score,
                rows=rows,
                points=str(assessment.points.get(letter.value, "")),
                hints=tuple(str(i.hint) for i in items if i.code in weak),
            )
        )
    return Result(
        assessment=assessment,
        scores=scores,
        letters=letters,
        blocks=tuple(blocks),
        suggestion=suggest_role(assessment.variant, scores, letters),
    )


def _with_answers(qs: QuerySet[ActieAssessment]) -> QuerySet[ActieAssessment]:
    return qs.select_related("author").prefetch_related(
        Prefetch("answers", queryset=ActieAnswer.objects.order_by("pk"))
    )


@dataclass(frozen=True)
class HistoryRow:
    assessment: ActieAssessment
    letters: dict[Letter, LetterScore]


def _history(qs: QuerySet[ActieAssessment]) -> list[HistoryRow]:
    rows = []
    for assessment in _with_answers(qs.order_by("-assessed_on", "-pk")):
        scores = scores_of(assessment)
        rows.append(HistoryRow(assessment, letter_scores(assessment.variant, scores)))
    return rows


def initiative_history(*, initiative: Initiative) -> list[HistoryRow]:
    """Every assessment of a plan, newest first, with its letter scores."""
    return _history(
        ActieAssessment.objects.filter(initiative=initiative, variant=Variant.FRONTLINE)
    )


def wijk_history(*, neighbourhood: Neighbourhood) -> list[HistoryRow]:
    """Every organisation assessment of a wijk, newest first."""
    return _history(
        ActieAssessment.objects.filter(
            neighbourhood=neighbourhood, variant=Variant.ORGANISATION
        )
    )


def latest_for_initiative(*, initiative: Initiative) -> ActieAssessment | None:
    return (
        ActieAssessment.objects.filter(initiative=initiative)
        .order_by("-assessed_on", "-pk")
        .first()
    )


def previous_of(assessment: ActieAssessment) -> ActieAssessment | None:
    """The assessment of the same subject just before this one (for the radar's
    second line)."""
    qs = ActieAssessment.objects.filter(variant=assessment.variant).filter(
        assessed_on__lte=assessment.assessed_on
    )
    if assessment.initiative_id is not None:
        qs = qs.filter(initiative_id=assessment.initiative_id)
    else:
        qs = qs.filter(neighbourhood_id=assessment.neighbourhood_id)
    return _with_answers(
        qs.exclude(pk=assessment.pk)
        .filter(pk__lt=assessment.pk)
        .order_by("-assessed_on", "-pk")
    ).first()


def _latest_per_subject(
    *,
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    wijk: Neighbourhood | None,
    variant: str,
) -> list[ActieAssessment]:
    qs = ActieAssessment.objects.filter(
        neighbourhood__municipality=municipality,
        variant=variant,
        assessed_on__gte=start,
        assessed_on__lte=end,
    )
    if wijk is not None:
        qs = qs.filter(neighbourhood=wijk)
    latest: dict[object, ActieAssessment] = {}
    for assessment in _with_answers(qs.order_by("assessed_on", "pk")).select_related(
        "neighbourhood"
    ):
        key = assessment.initiative_id or assessment.neighbourhood_id
        latest[(variant, key)] = assessment
    return list(latest.values())


@dataclass(frozen=True)
class WijkAverages:
    neighbourhood: Neighbourhood
    assessments: int
    # Per letter the mean of the assessments' letter scores (None: no scores).
    letters: dict[Letter, Decimal | None]


def _mean(values: Iterable[Decimal]) -> Decimal | None:
    items = list(values)
    if not items:
        return None
    return (sum(items, Decimal(0)) / len(items)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def actie_averages(
    *,
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    wijk: Neighbourhood | None = None,
    variant: str = Variant.FRONTLINE,
) -> list[WijkAverages]:
    """Per wijk (by name) the mean letter scores of the latest assessment of each
    subject filled in from ``start`` to ``end``; wijken without one are left out."""
    per_wijk: dict[int, list[ActieAssessment]] = defaultdict(list)
    for assessment in _latest_per_subject(
        municipality=municipality, start=start, end=end, wijk=wijk, variant=variant
    ):
        per_wijk[assessment.neighbourhood_id].append(assessment)
    result = []
    for assessments in per_wijk.values():
        letters_each = [letter_scores(variant, scores_of(a)) for a in assessments]
        result.append(
            WijkAverages(
                neighbourhood=assessments[0].neighbourhood,
                assessments=len(assessments),
                letters={
                    letter: _mean(
                        score
                        for s in letters_each
                        if (score := s[letter].score) is not None
                    )
                    for letter in Letter
                },
            )
        )
    return sorted(
        result, key=lambda row: (row.neighbourhood.name, row.neighbourhood.pk)
    )


@dataclass(frozen=True)
class SupportNeed:
    item: Item
    count: int


def support_needs_frequency(
    *,
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    wijk: Neighbourhood | None = None,
) -> list[SupportNeed]:
    """How many plans' latest plan form (filled in from ``start`` to ``end``) score
    each item 1 or 2; most frequent first, then in form order; items that never
    score low are left out."""
    counts: Counter[str] = Counter()
    for assessment in _latest_per_subject(
        municipality=municipality,
        start=start,
        end=end,
        wijk=wijk,
        variant=Variant.FRONTLINE,
    ):
        counts.update(
            item.code for item in weak_items(Variant.FRONTLINE, scores_of(assessment))
        )
    order = {item.code: n for n, item in enumerate(items_of(Variant.FRONTLINE))}
    needs = []
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]])):
        item = item_of(Variant.FRONTLINE, code)
        if item is not None:
            needs.append(SupportNeed(item=item, count=count))
    return needs
