"""Every refusal leaves a trace; a burst tells the coordinators; the coordinator's
page lists them (issue #14 point 3)."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from tests.access_world import World, build_world
from wijkvoucher.core.models import AuditEvent, SecurityEvent
from wijkvoucher.core.security_events import (
    Refusal,
    security_event_record,
    security_events_purge,
    window_of,
)
from wijkvoucher.notifications.models import Notification

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 5, 4, 10, 3, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world() -> World:
    return build_world()


def _refusal(
    client: str = "203.0.113.7", reason: str = "denied", key: int = 0
) -> Refusal:
    return Refusal(reason, client, 0, key, "GET", "/x/")


def test_a_403_is_recorded_with_person_address_and_reason(world: World) -> None:
    # given a resident who opens an officials' page
    client = world.client_for("resident")
    audit_before = AuditEvent.objects.count()
    # when
    response = client.get(
        reverse("neighbourhoods:residents_list"),
        secure=True,
        REMOTE_ADDR="198.51.100.4",
    )
    # then one security event, and the audit trail is untouched
    assert response.status_code == 403
    event = SecurityEvent.objects.get()
    assert (event.reason, event.client, event.actor_id, event.count) == (
        "denied",
        "198.51.100.4",
        world.users["resident"].pk,
        1,
    )
    assert event.path == reverse("neighbourhoods:residents_list")
    assert AuditEvent.objects.count() == audit_before


def test_a_csrf_failure_is_recorded(world: World) -> None:
    # given a client that checks CSRF, and no token
    client = Client(enforce_csrf_checks=True)
    # when it posts the sign-in form
    response = client.post(reverse("accounts:login"), {"email": "a@b.nl"}, secure=True)
    # then 403 and a csrf event, without the e-mail address
    assert response.status_code == 403
    event = SecurityEvent.objects.get()
    assert event.reason == "csrf"
    assert "a@b.nl" not in f"{event.path} {event.reason} {event.client}"


def test_a_404_on_someone_elses_object_is_recorded(world: World) -> None:
    # given a resident and the address of someone else
    client = world.client_for("resident")
    assert world.other_address is not None
    # when they try to remove it
    url = reverse(
        "neighbourhoods:address_remove", kwargs={"pk": world.other_address.pk}
    )
    response = client.post(url, secure=True)
    # then 404 and a not_found event
    assert response.status_code == 404
    assert SecurityEvent.objects.get().reason == "not_found"


def test_a_mistyped_address_is_no_security_event(world: World) -> None:
    # given / when someone opens a page that does not exist
    response = Client().get("/bestaat-niet/", secure=True)
    # then nothing is recorded
    assert response.status_code == 404
    assert SecurityEvent.objects.count() == 0


def test_a_flood_writes_one_row_with_a_lower_bound_count() -> None:
    # given / when one address is refused 1000 times in one window
    with CaptureQueriesContext(connection) as queries:
        for _ in range(1000):
            security_event_record(_refusal(), now=NOW)
    # then one row; written at 1-10, at 16, 32, 64, 128, 256, 512 and at every
    # hundred: 26 upserts for 1000 refusals
    row = SecurityEvent.objects.get()
    assert row.count == 1000
    writes = [q for q in queries.captured_queries if "INSERT" in q["sql"]]
    assert len(writes) == 10 + 6 + 10


def test_many_addresses_fold_into_one_row_per_reason(settings: Any) -> None:
    # given a window that holds at most 5 rows
    settings.SECURITY_ROWS_PER_WINDOW = 5
    # when 69 addresses are each refused once
    for n in range(69):
        security_event_record(_refusal(client=f"203.0.113.{n}"), now=NOW)
    # then 5 rows of their own and one "*" row for the other 64
    assert SecurityEvent.objects.count() == 6
    folded = SecurityEvent.objects.get(client="*")
    assert folded.count == 64


def test_a_burst_tells_every_coordinator_once(world: World, settings: Any) -> None:
    # given a threshold of 3
    settings.SECURITY_BURST_THRESHOLD = 3
    # when one address is refused 6 times in one window
    for _ in range(6):
        security_event_record(_refusal(), now=NOW)
    # then the coordinator has exactly one message about it
    messages = Notification.objects.filter(kind="security.burst")
    assert [m.recipient_id for m in messages] == [world.users["coordinator"].pk]
    assert "203.0.113.7" in messages[0].body
    assert messages[0].url == reverse("work:security_events")


def test_a_burst_per_key_is_told_too(world: World, settings: Any) -> None:
    # given a threshold of 2 and one key refused from several addresses
    settings.SECURITY_BURST_THRESHOLD = 2
    # when
    for n in range(3):
        security_event_record(_refusal(client=f"10.0.0.{n}", key=42), now=NOW)
    # then one message about the key
    bodies = list(
        Notification.objects.filter(kind="security.burst").values_list(
            "body", flat=True
        )
    )
    assert len(bodies) == 1
    assert "42" in bodies[0]


def test_old_events_are_purged(settings: Any) -> None:
    # given an event from 200 days ago and one from today
    settings.SECURITY_EVENTS_KEEP_DAYS = 180
    security_event_record(_refusal(), now=NOW - dt.timedelta(days=200))
    security_event_record(_refusal(), now=NOW)
    # when
    removed = security_events_purge(now=NOW)
    # then only today's remains
    assert removed == 1
    assert list(SecurityEvent.objects.values_list("window_start", flat=True)) == [
        window_of(NOW)
    ]


def test_the_coordinator_page_lists_events_and_bursts(
    world: World, settings: Any
) -> None:
    # given refusals from two addresses, one of them a burst
    settings.SECURITY_BURST_THRESHOLD = 3
    now = timezone.now()
    for _ in range(5):
        security_event_record(_refusal(client="203.0.113.7"), now=now)
    security_event_record(_refusal(client="198.51.100.1", reason="csrf"), now=now)
    # when the coordinator opens the page
    response = world.client_for("coordinator").get(
        reverse("work:security_events"), secure=True
    )
    # then both rows and the burst are shown
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("203.0.113.7") == 2  # the burst and the row
    assert "198.51.100.1" in page
    assert response["Cache-Control"] == "no-store"


def test_the_page_query_count_does_not_grow_with_rows(world: World) -> None:
    # given a coordinator
    client = world.client_for("coordinator")
    url = reverse("work:security_events")
    now = timezone.now()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, secure=True).status_code == 200
        return len(captured)

    security_event_record(_refusal(client="10.0.0.1", key=1), now=now)
    queries()  # the first visit also saves the session
    few = queries()
    # when many more rows come
    for n in range(2, 40):
        security_event_record(_refusal(client=f"10.0.0.{n}", key=n), now=now)
    # then the page asks the database as often as before
    assert queries() == few


@pytest.mark.parametrize("days", ["1", "30", "x", "9"])
def test_the_page_takes_a_period(world: World, days: str) -> None:
    # given / when
    with time_machine.travel(NOW, tick=False):
        response = world.client_for("coordinator").get(
            reverse("work:security_events"), {"dagen": days}, secure=True
        )
    # then it answers, falling back to seven days for anything else
    assert response.status_code == 200
    assert response.context["days"] == {"1": 1, "30": 30}.get(days, 7)
