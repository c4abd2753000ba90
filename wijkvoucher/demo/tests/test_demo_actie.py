"""The demo's ACTIE forms and participation ladders (issue #13, point 7): forms
with a history, and ladder reports with groups large enough to show numbers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

import pytest

from wijkvoucher.actie.constants import Variant
from wijkvoucher.actie.models import ActieAssessment
from wijkvoucher.actie.selectors import actie_averages, support_needs_frequency
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.participation.constants import EngagementStep, SocialStep
from wijkvoucher.participation.models import SocialLadderReport
from wijkvoucher.participation.selectors import (
    UP,
    ladder_movement,
    social_ladder_distribution,
)

pytestmark = pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")


def test_plans_and_wijken_have_actie_forms_with_history() -> None:
    # given the demo / when the forms are counted
    plan_forms = ActieAssessment.objects.filter(variant=Variant.FRONTLINE)
    wijk_forms = ActieAssessment.objects.filter(variant=Variant.ORGANISATION)
    # then five plan forms on three plans, three wijk forms on two wijken
    assert plan_forms.count() == 5
    assert plan_forms.values("initiative").distinct().count() == 3
    assert wijk_forms.count() == 3
    assert wijk_forms.values("neighbourhood").distinct().count() == 2


def test_the_reports_have_something_to_say() -> None:
    # given the demo
    havenkwartier = Neighbourhood.objects.get(slug="havenkwartier")
    municipality = havenkwartier.municipality
    today = timezone.localdate()
    start = today - dt.timedelta(days=60)
    # when the reports are read over the last two months
    movement = ladder_movement(
        municipality=municipality, start=start, end=today, wijk=havenkwartier
    )
    social = social_ladder_distribution(
        municipality=municipality, start=start, end=today, wijk=havenkwartier
    )
    averages = actie_averages(
        municipality=municipality, start=today - dt.timedelta(days=90), end=today
    )
    needs = support_needs_frequency(
        municipality=municipality, start=today - dt.timedelta(days=90), end=today
    )
    # then twelve supporters moved up, twelve answered the social question twice
    assert movement.on_end.count(EngagementStep.SUPPORTER) == 12
    assert movement.movement.count(UP) == 14  # and two who started plans
    assert social.latest.count(SocialStep.ACTIVITIES) == 10
    assert social.movement.count(UP) == 12
    assert SocialLadderReport.objects.count() == 24
    assert [row.neighbourhood.slug for row in averages] == [
        "havenkwartier",
        "molenbuurt",
    ]
    assert needs
