"""Access-matrix rows for the officials' work list and plan file (merged into
tests/test_access_matrix.py). "own" is a submitted plan in the world's wijk with the
world's official as contact; "other" is one in the other wijk, where that official has
no role (404) but the municipality-wide coordinator does."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from django.utils import timezone

from tests.access_world import World
from tests.test_access_matrix import OFFICIALS_ONLY, Route, page
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import initiative_submit
from wijkvoucher.initiatives.tests.factories import complete_draft
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    RegulationVersionFactory,
)


def submitted_plan(w: World, neighbourhood: Neighbourhood, postcode: str) -> Initiative:
    """A plan that fits the rules, submitted today by someone living in
    ``neighbourhood``; its contact official is the wijk's default."""
    regulation = neighbourhood.regulation
    if not regulation.versions.exists():
        RegulationVersionFactory(
            regulation=regulation, valid_from=start_of_day(dt.date(2020, 1, 1))
        )
    initiator = UserFactory()
    AddressFactory(user=initiator, postcode=postcode, neighbourhood=neighbourhood)
    today = timezone.localdate()
    draft = complete_draft(
        neighbourhood=neighbourhood,
        initiator=initiator,
        starts_on=today + dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=90),
    )
    return initiative_submit(actor=initiator, initiative=draft)


def _own_plan(w: World) -> dict[str, Any]:
    w.wijk.contact_official = w.users["official"]
    w.wijk.save(update_fields=["contact_official"])
    return {"initiative_uuid": submitted_plan(w, w.wijk, "2811AD").uuid}


def _other_plan(w: World) -> dict[str, Any]:
    w.other_wijk.contact_official = w.users["coordinator"]
    w.other_wijk.save(update_fields=["contact_official"])
    return {"initiative_uuid": submitted_plan(w, w.other_wijk, "2812AD").uuid}


PLANS = {"own": _own_plan, "other": _other_plan}
# The world's official works only in w.wijk; elsewhere the plan does not exist for them.
ELSEWHERE = {**OFFICIALS_ONLY, "official": "missing"}


def _post(ok: str) -> Route:
    """A POST action with no data. ``ok`` is what a permitted official gets: "ok" when
    the form is re-rendered with errors, "redirect" when the step is taken (or refused
    because the status does not allow it)."""
    allowed = {**OFFICIALS_ONLY, "official": ok, "coordinator": ok}
    return Route(
        method="post",
        expect={"own": allowed, "other": {**allowed, "official": "missing"}},
        kwargs=PLANS,
    )


ROUTES: dict[str, Route] = {
    "initiatives:worklist": page(OFFICIALS_ONLY),
    "initiatives:official_plan": Route(
        expect={"own": OFFICIALS_ONLY, "other": ELSEWHERE}, kwargs=PLANS
    ),
    # The message is required: the empty form comes back with an error.
    "initiatives:official_request_information": _post("ok"),
    # The note is optional: the step is taken.
    "initiatives:official_mark_checked": _post("redirect"),
    # Not possible from "submitted": back to the plan file with a message.
    # Colleague and note are required: the empty form comes back with errors.
    "initiatives:official_hand_over": _post("ok"),
}
