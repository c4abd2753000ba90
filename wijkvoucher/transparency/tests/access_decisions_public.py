"""Access-matrix rows for the public plan, meeting and quarterly pages (merged into
tests/test_access_matrix.py): every persona, signed in or not, may read them. A plan
page exists only for a decided plan: an undecided one is 404 for everybody, officials
included (they have their own pages)."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from django.utils import timezone

from tests.access_world import World
from tests.test_access_matrix import Route, everyone
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.initiatives.tests.access_official import submitted_plan
from wijkvoucher.regiegroep.constants import MeetingStatus
from wijkvoucher.regiegroep.models import Meeting

S = InitiativeStatus


def _wijk(w: World) -> dict[str, Any]:
    return {"slug": w.wijk.slug}


def _rejected_plan(w: World) -> dict[str, Any]:
    """A plan rejected right after the check (Hengelo pre-check), by the wijk's
    official."""
    w.wijk.contact_official = w.users["official"]
    w.wijk.save(update_fields=["contact_official"])
    plan = submitted_plan(w, w.wijk, "2811AD")
    official = w.users["official"]
    initiative_transition(actor=official, initiative=plan, to=S.CHECKED)
    initiative_transition(
        actor=official,
        initiative=plan,
        to=S.REJECTED,
        reason_code=ReasonCode.RULE_BREACH,
        motivation="Past niet in de regels.",
    )
    return {"slug": w.wijk.slug, "initiative_uuid": plan.uuid}


def _submitted_plan(w: World) -> dict[str, Any]:
    w.wijk.contact_official = w.users["official"]
    w.wijk.save(update_fields=["contact_official"])
    plan = submitted_plan(w, w.wijk, "2811AD")
    return {"slug": w.wijk.slug, "initiative_uuid": plan.uuid}


def _meeting(w: World, *, published: bool) -> dict[str, Any]:
    now = timezone.now()
    held_on = timezone.localdate(now) - dt.timedelta(days=7)
    meeting = Meeting.objects.create(
        neighbourhood=w.wijk,
        held_on=held_on,
        cutoff_on=held_on - dt.timedelta(days=14),
        status=MeetingStatus.CLOSED,
        minutes_published_at=now if published else None,
    )
    return {"slug": w.wijk.slug, "meeting_uuid": meeting.uuid}


def _published_meeting(w: World) -> dict[str, Any]:
    return _meeting(w, published=True)


def _unpublished_meeting(w: World) -> dict[str, Any]:
    return _meeting(w, published=False)


def _quarter(w: World) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "slug": w.wijk.slug,
        "year": today.year,
        "quarter": (today.month - 1) // 3 + 1,
    }


def _future_quarter(w: World) -> dict[str, Any]:
    return {"slug": w.wijk.slug, "year": timezone.localdate().year + 1, "quarter": 1}


PUBLIC = everyone("ok")
NOBODY = everyone("missing")

ROUTES: dict[str, Route] = {
    "transparency:plans": Route(expect={"wijk": PUBLIC}, kwargs={"wijk": _wijk}),
    "transparency:plan": Route(
        expect={"decided": PUBLIC, "undecided": NOBODY},
        kwargs={"decided": _rejected_plan, "undecided": _submitted_plan},
    ),
    "transparency:meetings": Route(expect={"wijk": PUBLIC}, kwargs={"wijk": _wijk}),
    "transparency:decision_list": Route(
        expect={"published": PUBLIC, "unpublished": NOBODY},
        kwargs={"published": _published_meeting, "unpublished": _unpublished_meeting},
    ),
    "transparency:quarters": Route(expect={"wijk": PUBLIC}, kwargs={"wijk": _wijk}),
    "transparency:quarter": Route(
        expect={"current": PUBLIC, "future": NOBODY},
        kwargs={"current": _quarter, "future": _future_quarter},
    ),
    "transparency:quarter_csv": Route(
        expect={"current": PUBLIC, "future": NOBODY},
        kwargs={"current": _quarter, "future": _future_quarter},
    ),
}
