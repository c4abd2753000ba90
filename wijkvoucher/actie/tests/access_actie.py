"""Access-matrix rows for the ACTIE pages (merged into tests/test_access_matrix.py).
"own" is a plan (or assessment) in the world's wijk, where the world's official
works; "other" one in the other wijk, where only the municipality-wide
coordinator and council work. The council reads the wijk forms and the overview,
never a plan's form."""

from __future__ import annotations

from typing import Any

from tests.access_world import World
from tests.test_access_matrix import OFFICIALS_ONLY, Kwargs, Route, everyone, page
from wijkvoucher.actie.tests.helpers import plan_assessed, wijk_assessed
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.access_official import _other_plan, _own_plan

# The overview and the wijk forms: officials, coordinators and the council.
READERS = everyone(
    "forbidden",
    anonymous="login",
    official_unverified="otp",
    official="ok",
    coordinator="ok",
    council="ok",
)
READERS_ELSEWHERE = {**READERS, "official": "missing"}
PLAN_ELSEWHERE = {**OFFICIALS_ONLY, "official": "missing"}
# A plan's assessment: the wijk's officials; the council has no plan forms (404).
ASSESSMENT = {**OFFICIALS_ONLY, "council": "missing"}
ASSESSMENT_ELSEWHERE = {**ASSESSMENT, "official": "missing"}
# Filling in the wijk form: its coordinators only.
WIJK_WRITE = {**READERS, "official": "forbidden", "council": "forbidden"}
WIJK_WRITE_ELSEWHERE = {**WIJK_WRITE, "official": "missing"}


def _slug_own(w: World) -> dict[str, Any]:
    return {"slug": w.wijk.slug}


def _slug_other(w: World) -> dict[str, Any]:
    return {"slug": w.other_wijk.slug}


def _plan_assessment(w: World, plan: dict[str, Any], actor: str) -> dict[str, Any]:
    initiative = Initiative.objects.get(uuid=plan["initiative_uuid"])
    return {"assessment_uuid": plan_assessed(initiative, actor=w.users[actor]).uuid}


def _own_assessment(w: World) -> dict[str, Any]:
    return _plan_assessment(w, _own_plan(w), "official")


def _other_assessment(w: World) -> dict[str, Any]:
    return _plan_assessment(w, _other_plan(w), "coordinator")


def _wijk_assessment(w: World) -> dict[str, Any]:
    return {"assessment_uuid": wijk_assessed(w.wijk, w.users["coordinator"]).uuid}


PLANS: dict[str, Kwargs] = {"own": _own_plan, "other": _other_plan}
SLUGS: dict[str, Kwargs] = {"own": _slug_own, "other": _slug_other}
ASSESSMENTS: dict[str, Kwargs] = {
    "own": _own_assessment,
    "other": _other_assessment,
    "wijk": _wijk_assessment,
}
ASSESSMENT_EXPECT = {
    "own": ASSESSMENT,
    "other": ASSESSMENT_ELSEWHERE,
    "wijk": READERS,
}

ROUTES: dict[str, Route] = {
    "actie:report": page(READERS),
    "actie:initiative": Route(
        expect={"own": OFFICIALS_ONLY, "other": PLAN_ELSEWHERE}, kwargs=PLANS
    ),
    "actie:initiative_new": Route(
        expect={"own": OFFICIALS_ONLY, "other": PLAN_ELSEWHERE}, kwargs=PLANS
    ),
    "actie:wijk": Route(
        expect={"own": READERS, "other": READERS_ELSEWHERE}, kwargs=SLUGS
    ),
    "actie:wijk_new": Route(
        expect={"own": WIJK_WRITE, "other": WIJK_WRITE_ELSEWHERE}, kwargs=SLUGS
    ),
    "actie:assessment": Route(expect=ASSESSMENT_EXPECT, kwargs=ASSESSMENTS),
    "actie:assessment_pdf": Route(expect=ASSESSMENT_EXPECT, kwargs=ASSESSMENTS),
}
