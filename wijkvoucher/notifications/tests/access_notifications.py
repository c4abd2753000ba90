"""Access-matrix rows for the inbox and the officials' deadline pages (merged into
tests/test_access_matrix.py). The inbox is for everyone signed in; people holding a
role must have passed the second factor. A message of someone else answers 404."""

from __future__ import annotations

from typing import Any

from tests.access_world import World
from tests.test_access_matrix import OFFICIALS_ONLY, Kwargs, Route, everyone, page
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.tests.access_official import ELSEWHERE, PLANS
from wijkvoucher.notifications.models import Notification

OWN_AND_OTHER_PLAN: dict[str, Kwargs] = {**PLANS}
INBOX = everyone("ok", anonymous="login", official_unverified="otp")


def _someone_elses_message(w: World) -> dict[str, Any]:
    stranger = UserFactory.create()
    message = Notification.objects.create(
        recipient=stranger, kind="test", subject="Hallo", body="Tekst", url="/"
    )
    return {"pk": message.pk}


ROUTES: dict[str, Route] = {
    "notifications:inbox": page(INBOX),
    "notifications:mark_all_read": Route(
        method="post",
        expect={
            "-": everyone("redirect", anonymous="login", official_unverified="otp")
        },
    ),
    "notifications:open": Route(
        expect={
            "other": everyone("missing", anonymous="login", official_unverified="otp")
        },
        kwargs={"other": _someone_elses_message},
    ),
    # The extension page shows its form to the wijk's officials.
    "notifications:deadlines:extend_decision_term": Route(
        expect={"own": OFFICIALS_ONLY, "other": ELSEWHERE},
        kwargs=OWN_AND_OTHER_PLAN,
    ),
}
