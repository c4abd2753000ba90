"""The resident's plan pages in the access matrix (tests/test_access_matrix.py): only
the initiator opens their own plan; anyone else gets 404, as if it did not exist."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from tests.access_world import World
from tests.test_access_matrix import Route, everyone, page, signed_in
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import InitiativeFactory
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import RegulationVersionFactory


def _draft_of(w: World, initiator: Any) -> Initiative:
    if not w.wijk.regulation.versions.exists():
        RegulationVersionFactory(
            regulation=w.wijk.regulation, valid_from=start_of_day(dt.date(2020, 1, 1))
        )
    return InitiativeFactory(neighbourhood=w.wijk, initiator=initiator)


def _own_plan(w: World) -> dict[str, Any]:
    return {"initiative_uuid": _draft_of(w, w.users["resident"]).uuid}


def _other_plan(w: World) -> dict[str, Any]:
    assert w.other_address is not None
    return {"initiative_uuid": _draft_of(w, w.other_address.user).uuid}


def _own_step(w: World) -> dict[str, Any]:
    return {**_own_plan(w), "step": 1}


def _other_step(w: World) -> dict[str, Any]:
    return {**_other_plan(w), "step": 1}


# Only the initiator; everybody else gets 404 and the anonymous visitor signs in first.
INITIATOR_ONLY = everyone("missing", anonymous="login", resident="ok")
NOBODY = everyone("missing", anonymous="login")
PLAN = {"own": _own_plan, "other": _other_plan}

ROUTES: dict[str, Route] = {
    "initiatives:my_plans": page(signed_in("ok")),
    # Someone without an address in a wijk gives it on the start screen itself.
    "initiatives:plan_start": page(signed_in("ok")),
    "initiatives:plan_detail": Route(
        expect={"own": INITIATOR_ONLY, "other": NOBODY}, kwargs=PLAN
    ),
    "initiatives:plan_step": Route(
        expect={"own": INITIATOR_ONLY, "other": NOBODY},
        kwargs={"own": _own_step, "other": _other_step},
    ),
    "initiatives:plan_submit": Route(
        expect={"own": INITIATOR_ONLY, "other": NOBODY}, kwargs=PLAN
    ),
    # The notice of default (Awb 4:17): the page says whether it is possible.
    "initiatives:plan_notice_of_default": Route(
        expect={"own": INITIATOR_ONLY, "other": NOBODY}, kwargs=PLAN
    ),
    "initiatives:plan_withdraw": Route(
        method="post",
        expect={
            "own": everyone("missing", anonymous="login", resident="redirect"),
            "other": NOBODY,
        },
        kwargs=PLAN,
    ),
}
