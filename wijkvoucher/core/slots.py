"""Places on a lower app's page that an app above it fills (issue #10).

A page of a lower app shows parts that belong to apps above it, which it may not
import (dependency direction in docs/architecture.md). So the page has a slot: an
ordered list of panels, each a function that renders its part of the page for a
request and the page's subject. The app that sits above them composes the pages
(``wijkvoucher.work.plan_pages``, run from ``WorkConfig.ready``); the views render
whatever the slot holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

T = TypeVar("T")


@dataclass
class Slot(Generic[T]):
    """One place on a page; the panels render in the order they were added. A
    panel returns its HTML for this request and subject ("" to show nothing)."""

    place: str
    panels: list[Callable[[HttpRequest, T], str]] = field(default_factory=list)

    def fill(self, *panels: Callable[[HttpRequest, T], str]) -> None:
        """Put ``panels`` in the slot, in this order; adding one twice is a no-op."""
        for panel in panels:
            if panel not in self.panels:
                self.panels.append(panel)

    def render(self, request: HttpRequest, subject: T) -> SafeString:
        parts = (panel(request, subject) for panel in self.panels)
        return format_html_join("\n\n", "{}", ((part,) for part in parts if part))
