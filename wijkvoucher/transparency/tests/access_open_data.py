"""Access-matrix rows for the open data (merged into tests/test_access_matrix.py):
public for everyone, signed in or not; an unknown object is a 404."""

from __future__ import annotations

from typing import Any

from tests.access_world import World
from tests.test_access_matrix import Route, everyone

SOME_UUID = "0b7c1c1e-5d1a-4a43-9a4f-3b0f0e1d2c3b"
OPEN = everyone("ok")
UNKNOWN = everyone("missing")


def _municipality(w: World) -> dict[str, Any]:
    return {"slug": w.wijk.municipality.slug}


def _wijk(w: World) -> dict[str, Any]:
    return {"slug": w.wijk.slug}


def _unknown(name: str) -> Any:
    return lambda w: {name: SOME_UUID}


ROUTES: dict[str, Route] = {
    "transparency:open_data": Route(
        expect={"own": OPEN}, kwargs={"own": _municipality}
    ),
    "transparency:open_plans_csv": Route(
        expect={"own": OPEN}, kwargs={"own": _municipality}
    ),
    "transparency:open_plans_json": Route(
        expect={"own": OPEN}, kwargs={"own": _municipality}
    ),
    "open_api:wijken": Route(expect={"-": OPEN}),
    "open_api:wijk": Route(expect={"own": OPEN}, kwargs={"own": _wijk}),
    "open_api:budget_periods": Route(expect={"-": OPEN}),
    "open_api:budget_period": Route(
        expect={"id": UNKNOWN}, kwargs={"id": _unknown("period_uuid")}
    ),
    "open_api:initiatives": Route(expect={"-": OPEN}),
    "open_api:initiative": Route(
        expect={"id": UNKNOWN}, kwargs={"id": _unknown("initiative_uuid")}
    ),
    "open_api:consultations": Route(expect={"-": OPEN}),
    "open_api:consultation": Route(
        expect={"id": UNKNOWN}, kwargs={"id": _unknown("consultation_uuid")}
    ),
}
