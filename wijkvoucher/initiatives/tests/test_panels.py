"""The slots on initiatives' plan pages: an app above fills them, in order."""

from __future__ import annotations

from django.http import HttpRequest
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from wijkvoucher.core.slots import Slot
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import InitiativeFactory


def _first(request: HttpRequest, initiative: Initiative) -> str:
    return mark_safe(f"<p>{initiative.title}</p>")  # noqa: S308 - test markup


def _empty(request: HttpRequest, initiative: Initiative) -> str:
    return ""


def _plain(request: HttpRequest, initiative: Initiative) -> str:
    return "<b>not marked safe</b>"


def test_a_slot_renders_its_panels_in_order_and_skips_empty_ones() -> None:
    slot: Slot[Initiative] = Slot("test")
    slot.fill(_first, _empty, _plain)
    slot.fill(_first)  # adding one again changes nothing
    initiative = InitiativeFactory.build(title="Buurtfeest")
    html = slot.render(RequestFactory().get("/"), initiative)
    assert slot.panels == [_first, _empty, _plain]
    # A panel that is not marked safe is escaped, never trusted.
    assert html == "<p>Buurtfeest</p>\n\n&lt;b&gt;not marked safe&lt;/b&gt;"


def test_an_empty_slot_renders_nothing() -> None:
    initiative = InitiativeFactory.build()
    empty: Slot[Initiative] = Slot("test")
    assert empty.render(RequestFactory().get("/"), initiative) == ""
