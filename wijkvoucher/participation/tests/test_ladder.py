"""The engagement step on a day, from dated facts."""

from __future__ import annotations

import datetime as dt

from wijkvoucher.participation.constants import EngagementStep
from wijkvoucher.participation.ladder import Facts

D = dt.date


def test_nothing_done_is_a_visitor() -> None:
    assert Facts().step_on(D(2026, 6, 1)) == EngagementStep.VISITOR


def test_a_fact_counts_from_its_day_for_a_year() -> None:
    # given support signed on 1 March 2026
    facts = Facts(supported=[D(2026, 3, 1)])
    # then a supporter from that day until a year later, a visitor before and after
    assert facts.step_on(D(2026, 2, 28)) == EngagementStep.VISITOR
    assert facts.step_on(D(2026, 3, 1)) == EngagementStep.SUPPORTER
    assert facts.step_on(D(2027, 2, 28)) == EngagementStep.SUPPORTER
    assert facts.step_on(D(2027, 3, 1)) == EngagementStep.VISITOR


def test_voting_counts_as_supporting() -> None:
    assert Facts(voted=[D(2026, 5, 1)]).step_on(D(2026, 5, 2)) == (
        EngagementStep.SUPPORTER
    )


def test_the_highest_step_counts() -> None:
    # given support, co-initiating and initiating
    facts = Facts(
        supported=[D(2026, 1, 1)],
        co_initiated=[D(2026, 2, 1)],
        initiated=[D(2026, 4, 1)],
    )
    # then the step climbs with each fact
    assert facts.step_on(D(2026, 1, 15)) == EngagementStep.SUPPORTER
    assert facts.step_on(D(2026, 3, 1)) == EngagementStep.CO_INITIATOR
    assert facts.step_on(D(2026, 4, 1)) == EngagementStep.INITIATOR


def test_a_regiegroep_seat_counts_while_it_is_held() -> None:
    # given a seat from March to June, and an earlier plan
    facts = Facts(initiated=[D(2026, 1, 1)], seats=[(D(2026, 3, 1), D(2026, 6, 30))])
    # then regiegroep member in the term, initiator again after it
    assert facts.step_on(D(2026, 3, 1)) == EngagementStep.REGIEGROEP
    assert facts.step_on(D(2026, 6, 30)) == EngagementStep.REGIEGROEP
    assert facts.step_on(D(2026, 7, 1)) == EngagementStep.INITIATOR
