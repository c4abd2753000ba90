"""The ACTIE forms and the participation ladders of the demo
(``content_actie``), replayed on the story's clock through the services."""

from __future__ import annotations

import datetime as dt

from wijkvoucher.actie.constants import Variant
from wijkvoucher.actie.items import items_of
from wijkvoucher.actie.services import (
    Answer,
    actie_initiative_record,
    actie_wijk_record,
)
from wijkvoucher.demo import content as c
from wijkvoucher.demo import content_actie as a
from wijkvoucher.demo.loader.setup import _home, _person, _user
from wijkvoucher.demo.loader.story import Step, _Story
from wijkvoucher.initiatives.services import support_sign
from wijkvoucher.participation.services import social_ladder_report


def _answers(variant: str, spec: a.ActieSpec) -> dict[str, Answer]:
    return {
        item.code: Answer(score=spec.scores.get(item.code, spec.base))
        for item in items_of(variant)
    }


def _plan_form(story: _Story, key: str, spec: a.ActieSpec) -> Step:
    slug = next(p.wijk_slug for p in c.INITIATIVES if p.key == key)

    def run() -> None:
        actie_initiative_record(
            actor=story.official(slug),
            initiative=story.plan(key),
            answers=_answers(Variant.FRONTLINE, spec),
            points=spec.points,
            role_chosen=spec.role_chosen,
        )

    return (spec.days_ago, 40, run)


def _wijk_form(story: _Story, slug: str, spec: a.ActieSpec) -> Step:
    def run() -> None:
        year = story.setup.today.year
        actie_wijk_record(
            actor=story.setup.coordinator,
            neighbourhood=story.neighbourhoods[slug],
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            answers=_answers(Variant.ORGANISATION, spec),
            points=spec.points,
            role_chosen=spec.role_chosen,
        )

    return (spec.days_ago, 41, run)


def _ladder_steps(story: _Story) -> list[Step]:
    def move_in() -> None:
        official = story.official(a.LADDER_WIJK)
        for person, home in a.LADDER_RESIDENTS:
            _home(_user(person), home, confirmed=True, confirmed_by=official)

    def support() -> None:
        for person, _address in a.LADDER_RESIDENTS[: a.LADDER_SUPPORTERS]:
            support_sign(
                actor=_person(person),
                initiative=story.plan(a.LADDER_SUPPORTED_PLAN),
                stance="for",
            )

    def answer(second: bool) -> None:
        for index, first_step, second_step in a.SOCIAL_ANSWERS:
            social_ladder_report(
                actor=_person(a.LADDER_RESIDENTS[index][0]),
                step=second_step if second else first_step,
                consent=True,
            )

    # Every step before the story's first plan (62 days ago) but after the start.
    return [
        (75, 1, move_in),
        (a.LADDER_SUPPORT_DAYS_AGO, 42, support),
        (a.SOCIAL_FIRST_DAYS_AGO, 43, lambda: answer(False)),
        (a.SOCIAL_SECOND_DAYS_AGO, 43, lambda: answer(True)),
    ]


def _actie_steps(story: _Story) -> list[Step]:
    steps = [
        _plan_form(story, key, spec)
        for key, specs in a.PLAN_FORMS.items()
        for spec in specs
    ]
    steps += [
        _wijk_form(story, slug, spec)
        for slug, specs in a.WIJK_FORMS.items()
        for spec in specs
    ]
    return steps + _ladder_steps(story)
