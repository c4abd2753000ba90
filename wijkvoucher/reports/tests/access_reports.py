"""Access-matrix rows for the report pages (merged into tests/test_access_matrix.py):
the council and the officials of the wijk read them, after the second factor;
residents, regiegroep members, cash managers and providers are refused."""

from __future__ import annotations

from typing import Any

from tests.access_world import World
from tests.test_access_matrix import Route, everyone

READERS = everyone(
    "forbidden",
    anonymous="login",
    official_unverified="otp",
    official="ok",
    coordinator="ok",
    council="ok",
)


def _budget(w: World) -> dict[str, Any]:
    return {"key": "budget"}


def _download(w: World) -> dict[str, Any]:
    """The downloads take no URL arguments; their variant is not "-", because the
    report page links them, not the menu (wijkvoucher/work/tests/test_work_menu.py)."""
    return {}


ROUTES: dict[str, Route] = {
    "reports:overview": Route(expect={"-": READERS}),
    "reports:xlsx": Route(expect={"file": READERS}, kwargs={"file": _download}),
    "reports:annual_pdf": Route(expect={"file": READERS}, kwargs={"file": _download}),
    "reports:section_csv": Route(expect={"key": READERS}, kwargs={"key": _budget}),
}
