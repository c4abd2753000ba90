"""The answer page in the access matrix: only the initiator of a plan that waits for
information; anyone else gets 404."""

from __future__ import annotations

# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from typing import Any

from tests.access_world import World
from tests.test_access_matrix import Route, everyone
from wijkvoucher.initiatives.services import initiative_request_information
from wijkvoucher.initiatives.tests.access_official import submitted_plan


def _asked(w: World, initiative: Any) -> dict[str, Any]:
    contact = initiative.contact_official
    initiative_request_information(
        actor=contact, initiative=initiative, message="Welke hovenier?"
    )
    return {"initiative_uuid": initiative.uuid}


def _own(w: World) -> dict[str, Any]:
    w.wijk.contact_official = w.users["official"]
    w.wijk.save(update_fields=["contact_official"])
    plan = submitted_plan(w, w.wijk, "2811AD")
    plan.initiator = w.users["resident"]
    plan.save(update_fields=["initiator"])
    return _asked(w, plan)


def _other(w: World) -> dict[str, Any]:
    w.other_wijk.contact_official = w.users["coordinator"]
    w.other_wijk.save(update_fields=["contact_official"])
    return _asked(w, submitted_plan(w, w.other_wijk, "2812AD"))


ROUTES: dict[str, Route] = {
    "initiatives:plan_answer": Route(
        expect={
            "own": everyone("missing", anonymous="login", resident="ok"),
            "other": everyone("missing", anonymous="login"),
        },
        kwargs={"own": _own, "other": _other},
    ),
}
