"""Load the demo content through the services, so that the audit trail and the ledger
are exactly what real use would have produced. Demo only: the second-factor secrets
are derived from a public seed.

The package: ``setup`` (the municipality, its wijken, people, providers and drafts),
``story`` (the plans' way through the regiegroep to the beschikking, replayed on a
moved clock), ``money`` (vouchers, claims and a payout after the award) and
``consultations`` (a finished budget vote and an open poll) and ``actie`` (ACTIE
forms and the participation ladders); here the order in which they run."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

import time_machine

from wijkvoucher.demo import content as c
from wijkvoucher.demo.loader.accountability import _accountability_steps
from wijkvoucher.demo.loader.actie import _actie_steps
from wijkvoucher.demo.loader.consultations import _consultation_steps
from wijkvoucher.demo.loader.money import (
    _claim_and_payout_steps,
    _money_steps,
)
from wijkvoucher.demo.loader.security import _security_steps
from wijkvoucher.demo.loader.setup import (
    _pending_application,
    _providers,
    _start,
    _wijk,
)
from wijkvoucher.demo.loader.story import (
    Step,
    _decision_steps,
    _follow_up_steps,
    _meeting_steps,
    _Story,
    _submit_steps,
)
from wijkvoucher.neighbourhoods.models import Municipality


def demo_data_exists() -> bool:
    return Municipality.objects.filter(slug=c.MUNICIPALITY_SLUG).exists()


# The story starts this many days before the day the demo is loaded: the regeling,
# the wijken and the people exist from then on (and the regeling is in force from
# 1 January of that year, so the story fits on any day of the year). The year's
# history (content.py) begins 340 days before the demo day.
STORY_DAYS = 345


def story_year(today: dt.date) -> int:
    """The year the demo's regeling comes into force."""
    return (today - dt.timedelta(days=STORY_DAYS)).year


def _replay(story: _Story) -> None:
    """Run every step of the story in time order, each on the clock of its moment."""
    steps: list[Step] = []
    for spec in c.INITIATIVES:
        steps += _submit_steps(story, spec)
    for meeting in c.MEETINGS:
        steps += _meeting_steps(story, meeting)
    steps += _decision_steps(story)
    steps += _follow_up_steps(story)
    steps += _money_steps(story)
    steps += _claim_and_payout_steps(story)
    steps += _consultation_steps(story)
    steps += _accountability_steps(story)
    steps += _actie_steps(story)
    steps += _security_steps()
    for days_ago, order, run in sorted(steps, key=lambda s: (-s[0], s[1])):
        with time_machine.travel(story.moment(days_ago, order), tick=False):
            run()


def demo_load(*, today: dt.date | None = None) -> bool:
    """Create the demo data. Returns False, changing nothing, when it already exists.
    The story is told relative to ``today`` (default: the real today)."""
    with transaction.atomic():
        if demo_data_exists():
            return False
        day = today or timezone.localdate()
        year = story_year(day)
        story_start = timezone.make_aware(
            dt.datetime.combine(day - dt.timedelta(days=STORY_DAYS), dt.time(9, 0))
        )
        with time_machine.travel(story_start, tick=False):
            setup = _start(year, day)
            neighbourhoods = {wijk.slug: _wijk(setup, wijk) for wijk in c.WIJKEN}
            _providers(setup, neighbourhoods)
            _pending_application(setup, neighbourhoods)
        _replay(_Story(setup, neighbourhoods))
    return True


__all__ = [
    "STORY_DAYS",
    "demo_data_exists",
    "demo_load",
    "story_year",
]
