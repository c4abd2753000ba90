"""The plan pages, composed above the apps they span (issue #10, point 2).

The official's plan file and the resident's plan page belong to the initiatives app;
what they show of the advice, the beschikking and the vouchers belongs to decisions
and payments, which sit above initiatives. initiatives leaves a slot on each page
(``wijkvoucher.initiatives.panels``); this module, in an app above all three, says
what goes in it and in what order. ``WorkConfig.ready`` runs it once at start-up."""

from __future__ import annotations

from wijkvoucher.accountability import panels as accountability
from wijkvoucher.actie import panels as actie
from wijkvoucher.decisions import panels as decisions
from wijkvoucher.initiatives.panels import OFFICIAL_PLAN, RESIDENT_PLAN
from wijkvoucher.neighbourhoods.panels import PROFILE
from wijkvoucher.participation import panels as participation
from wijkvoucher.payments import panels as payments


def compose() -> None:
    # Official: advice and decision, then the vouchers and the money spent, then
    # execution and accountability, then the ACTIE assessment of the support the
    # initiative needs.
    OFFICIAL_PLAN.fill(
        decisions.official_plan_panel,
        payments.official_plan_panel,
        accountability.official_plan_panel,
        actie.official_plan_panel,
    )
    # Resident: the beschikking, then the way to the vouchers and payments, then
    # execution and accountability.
    RESIDENT_PLAN.fill(
        decisions.initiator_plan_panel,
        payments.initiator_plan_panel,
        accountability.initiator_plan_panel,
    )
    # The resident's profile: their own step on the participation ladder.
    PROFILE.fill(participation.profile_panel)
