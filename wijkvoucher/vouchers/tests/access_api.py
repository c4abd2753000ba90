"""Access-matrix rows for the provider API (merged into tests/test_access_matrix.py).

The API knows only ``Authorization: Token <key>``: a browser session, however
privileged, is not signed in there (401, no CSRF surface). The schema and its
documentation page are public: they describe the API and hold no data."""

from __future__ import annotations

from typing import Any

from tests.access_world import World
from tests.test_access_matrix import Route, everyone

# Any well-formed id: the request is refused before anything is looked up.
SOME_REDEMPTION = "0b7c1c1e-5d1a-4a43-9a4f-3b0f0e1d2c3b"


def _redemption(w: World) -> dict[str, Any]:
    return {"redemption_id": SOME_REDEMPTION}


NOT_SIGNED_IN = everyone("status 401")

ROUTES: dict[str, Route] = {
    "api:voucher_lookup": Route(method="post", expect={"-": NOT_SIGNED_IN}),
    "api:redemptions": Route(expect={"-": NOT_SIGNED_IN}),
    "api:redemption_detail": Route(
        expect={"id": NOT_SIGNED_IN}, kwargs={"id": _redemption}
    ),
    "api:refunds": Route(
        method="post", expect={"id": NOT_SIGNED_IN}, kwargs={"id": _redemption}
    ),
    "api:schema": Route(expect={"-": everyone("ok")}),
    "api:docs": Route(expect={"-": everyone("ok")}),
}
