"""Places on initiatives' pages that an app above initiatives fills (issue #10).

The official's plan file and the resident's plan page show what happens to the plan
after it leaves this app: the advice and the beschikking (decisions), the vouchers
and payments (payments) and the ACTIE assessment (actie). This app may not know
those apps (dependency direction in docs/architecture.md), so each page has a slot
(``core.slots.Slot``). The app that sits above them composes the pages
(``wijkvoucher.work.plan_pages``, run from ``WorkConfig.ready``); the views here
render whatever the slot holds."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from wijkvoucher.core.slots import Slot
from wijkvoucher.initiatives.models import Initiative

# A part of a page: its HTML for this request and plan ("" to show nothing).
Panel = Callable[[HttpRequest, Initiative], str]

# The official's plan file, between the rule check and the next step.
OFFICIAL_PLAN: Slot[Initiative] = Slot(
    "initiatives/official/plan.html: after the rule check"
)
# The resident's plan page, between the status and the contact person.
RESIDENT_PLAN: Slot[Initiative] = Slot(
    "initiatives/resident/plan_detail.html: after the status"
)
