"""Access-matrix rows for the participation pages (merged into
tests/test_access_matrix.py). A person's own ladder page takes no one's id: it is
always the signed-in person's own, so nobody can open another's. The report has
the ACTIE overview's readers."""

from __future__ import annotations

from tests.test_access_matrix import Route, page, signed_in
from wijkvoucher.actie.tests.access_actie import READERS

ROUTES: dict[str, Route] = {
    "participation:mine": page(signed_in("ok")),
    "participation:withdraw": Route(method="post", expect={"-": signed_in("redirect")}),
    "participation:report": page(READERS),
}
