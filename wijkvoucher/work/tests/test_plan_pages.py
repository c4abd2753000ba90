"""The plan pages are composed here, above initiatives, decisions and payments."""

from __future__ import annotations

from wijkvoucher.accountability import panels as accountability
from wijkvoucher.actie import panels as actie
from wijkvoucher.decisions import panels as decisions
from wijkvoucher.initiatives.panels import OFFICIAL_PLAN, RESIDENT_PLAN
from wijkvoucher.neighbourhoods.panels import PROFILE
from wijkvoucher.participation import panels as participation
from wijkvoucher.payments import panels as vouchers
from wijkvoucher.work.plan_pages import compose


def test_the_plan_pages_show_the_decision_before_the_vouchers() -> None:
    compose()  # ran at start-up; running it again changes nothing
    assert OFFICIAL_PLAN.panels == [
        decisions.official_plan_panel,
        vouchers.official_plan_panel,
        accountability.official_plan_panel,
        actie.official_plan_panel,
    ]
    assert RESIDENT_PLAN.panels == [
        decisions.initiator_plan_panel,
        vouchers.initiator_plan_panel,
        accountability.initiator_plan_panel,
    ]
    assert PROFILE.panels == [participation.profile_panel]
