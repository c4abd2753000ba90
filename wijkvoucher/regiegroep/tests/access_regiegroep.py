"""Access-matrix rows for the regiegroep workspace (merged into
tests/test_access_matrix.py). "own" objects are in the world's wijk, where the
steering member and the official work; "other" ones are in the other wijk, where only
the municipality-wide coordinator works. The world has no chair or secretary, so the
actions only they may take are refused to every persona."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from django.utils import timezone

from tests.access_world import World
from tests.test_access_matrix import Route, everyone
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.initiatives.tests.access_official import submitted_plan
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import RegulationVersionFactory
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.services import agenda_item_add, meeting_plan

# Reading: regiegroep members and the wijk's officials, after the second factor.
READ = everyone(
    "forbidden",
    anonymous="login",
    official_unverified="otp",
    steering_member="ok",
    official="ok",
    coordinator="ok",
)
# In the other wijk only the municipality-wide coordinator works.
READ_ELSEWHERE = {**READ, "steering_member": "missing", "official": "missing"}


def _only(ok: dict[str, str], base: dict[str, str] = READ) -> dict[str, str]:
    """``base`` with every reader refused (403) except the ones in ``ok``."""
    readers = ("steering_member", "official", "coordinator")
    return {
        **base,
        **{p: "forbidden" for p in readers if base[p] == "ok"},
        **ok,
    }


def _slug_own(w: World) -> dict[str, Any]:
    return {"slug": w.wijk.slug}


def _slug_other(w: World) -> dict[str, Any]:
    return {"slug": w.other_wijk.slug}


SLUGS = {"own": _slug_own, "other": _slug_other}


def _meeting(w: World, wijk: Neighbourhood) -> Meeting:
    if not wijk.regulation.versions.exists():
        RegulationVersionFactory(
            regulation=wijk.regulation, valid_from=start_of_day(dt.date(2020, 1, 1))
        )
    return meeting_plan(
        actor=w.users["coordinator"],
        neighbourhood=wijk,
        held_on=timezone.localdate() + dt.timedelta(days=30),
    )


def _item(w: World, wijk: Neighbourhood, postcode: str, contact: str) -> AgendaItem:
    wijk.contact_official = w.users[contact]
    wijk.save(update_fields=["contact_official"])
    plan = submitted_plan(w, wijk, postcode)
    initiative_transition(
        actor=w.users[contact], initiative=plan, to=InitiativeStatus.CHECKED
    )
    return agenda_item_add(
        actor=w.users["coordinator"], meeting=_meeting(w, wijk), initiative=plan
    )


def _own_meeting(w: World) -> dict[str, Any]:
    _item(w, w.wijk, "2811AD", "official")
    return {"meeting_uuid": Meeting.objects.get(neighbourhood=w.wijk).uuid}


def _other_meeting(w: World) -> dict[str, Any]:
    return {"meeting_uuid": _meeting(w, w.other_wijk).uuid}


def _own_item(w: World) -> dict[str, Any]:
    return {"item_uuid": _item(w, w.wijk, "2811AD", "official").uuid}


def _other_item(w: World) -> dict[str, Any]:
    return {"item_uuid": _item(w, w.other_wijk, "2812AD", "coordinator").uuid}


MEETINGS = {"own": _own_meeting, "other": _other_meeting}
ITEMS = {"own": _own_item, "other": _other_item}


def _route(
    own: dict[str, str], other: dict[str, str], kwargs: Any, method: str = "get"
) -> Route:
    return Route(method=method, expect={"own": own, "other": other}, kwargs=kwargs)


# Chair and secretary only (nobody in the world): 403 for readers, 404 elsewhere.
LEAD = _only({})
LEAD_ELSEWHERE = _only({}, READ_ELSEWHERE)
# Members only: the steering member's empty form comes back with errors.
MEMBER = _only({"steering_member": "ok"})
MEMBER_ELSEWHERE = _only({}, READ_ELSEWHERE)

ROUTES: dict[str, Route] = {
    "regiegroep:home": Route(expect={"-": READ}),
    "regiegroep:composition": _route(READ, READ_ELSEWHERE, SLUGS),
    # Chair, secretary or coordinator.
    "regiegroep:meeting_create": _route(
        _only({"coordinator": "ok"}),
        _only({"coordinator": "ok"}, READ_ELSEWHERE),
        SLUGS,
    ),
    "regiegroep:meeting": _route(READ, READ_ELSEWHERE, MEETINGS),
    "regiegroep:minutes": _route(READ, READ_ELSEWHERE, MEETINGS),
    # Chair, secretary or a wijk official; the empty form comes back with an error.
    "regiegroep:agenda_add": _route(
        _only({"official": "ok", "coordinator": "ok"}),
        _only({"coordinator": "ok"}, READ_ELSEWHERE),
        MEETINGS,
        "post",
    ),
    "regiegroep:attendance": _route(LEAD, LEAD_ELSEWHERE, MEETINGS, "post"),
    "regiegroep:meeting_open": _route(LEAD, LEAD_ELSEWHERE, MEETINGS, "post"),
    "regiegroep:meeting_close": _route(LEAD, LEAD_ELSEWHERE, MEETINGS, "post"),
    "regiegroep:minutes_publish": _route(LEAD, LEAD_ELSEWHERE, MEETINGS, "post"),
    "regiegroep:item_declare": _route(MEMBER, MEMBER_ELSEWHERE, ITEMS, "post"),
    "regiegroep:item_assess": _route(MEMBER, MEMBER_ELSEWHERE, ITEMS, "post"),
    "regiegroep:item_vote": _route(MEMBER, MEMBER_ELSEWHERE, ITEMS, "post"),
    "regiegroep:item_open": _route(LEAD, LEAD_ELSEWHERE, ITEMS, "post"),
    "regiegroep:item_advice": _route(LEAD, LEAD_ELSEWHERE, ITEMS, "post"),
    "regiegroep:item_defer": _route(LEAD, LEAD_ELSEWHERE, ITEMS, "post"),
}
