"""Places on initiatives' pages that an app above initiatives fills (issue #10).

The official's plan file and the resident's plan page show what happens to the plan
after it leaves this app: the advice and the beschikking (decisions) and the vouchers
and payments (payments). This app may not know those apps (dependency direction in
docs/architecture.md), so each page has a slot: an ordered list of panels, each a
function that renders its part of the page for a request and a plan. The app that
sits above them composes the pages (``wijkvoucher.work.plan_pages``, run from
``WorkConfig.ready``); the views here render whatever the slot holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from wijkvoucher.initiatives.models import Initiative

# A part of a page: its HTML for this request and plan ("" to show nothing).
Panel = Callable[[HttpRequest, Initiative], str]


@dataclass
class Slot:
    """One place on a page; the panels render in the order they were added."""

    place: str
    panels: list[Panel] = field(default_factory=list)

    def fill(self, *panels: Panel) -> None:
        """Put ``panels`` in the slot, in this order; adding one twice is a no-op."""
        for panel in panels:
            if panel not in self.panels:
                self.panels.append(panel)

    def render(self, request: HttpRequest, initiative: Initiative) -> SafeString:
        parts = (panel(request, initiative) for panel in self.panels)
        return format_html_join("\n\n", "{}", ((part,) for part in parts if part))


# The official's plan file, between the rule check and the next step.
OFFICIAL_PLAN = Slot("initiatives/official/plan.html: after the rule check")
# The resident's plan page, between the status and the contact person.
RESIDENT_PLAN = Slot("initiatives/resident/plan_detail.html: after the status")
