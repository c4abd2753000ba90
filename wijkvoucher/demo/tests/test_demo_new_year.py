"""The demo loads on any day: early in January its story starts in the year before."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command

import pytest
import time_machine

from wijkvoucher.decisions.constants import FOLLOW_UP
from wijkvoucher.decisions.models import Decision
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Regulation
from wijkvoucher.regiegroep.models import Meeting


@pytest.mark.django_db
def test_a_load_on_the_fifth_of_january_tells_the_whole_story(settings: object) -> None:
    # given
    settings.DEMO_MODE = True  # type: ignore[attr-defined]
    out = StringIO()

    # when
    with time_machine.travel(dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.UTC), tick=True):
        call_command("demo_load", stdout=out)
        call_command("ledger_verify", stdout=out)
        call_command("audit_verify", stdout=out)

    # then
    regulation = Regulation.objects.get()
    assert regulation.versions.get().valid_from.date() <= dt.date(2026, 10, 17)
    assert Initiative.objects.filter(status="in_execution").count() == 2
    # the havendag and the year's history (one plan per wijk)
    assert Initiative.objects.filter(status="settled").count() == 4
    assert Meeting.objects.filter(minutes_published_at__isnull=False).count() == 5
    # the decisions on applications; the havendag's vaststelling and terugvordering
    # come days before the load and may fall in the new year
    years = {
        d.issued_on.year
        for d in Decision.objects.exclude(outcome__in=sorted(FOLLOW_UP))
    }
    assert years == {2026}
    published = BudgetPeriod.objects.filter(published_at__isnull=False)
    assert sorted({p.name for p in published}) == ["2026", "2027"]
    assert "ledger_verify: clean" in out.getvalue()
    assert "chain intact" in out.getvalue()
