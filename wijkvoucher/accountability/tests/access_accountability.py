"""Access-matrix rows for the execution and accountability pages (merged into
tests/test_access_matrix.py).

"own": a plan with vouchers in the world's wijk by the world's resident, the world's
official as contact; "other": the same in the other wijk by someone else, the
municipality-wide coordinator as contact (``vouchers.tests.access_resident``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from PIL import Image

from tests.access_world import World
from tests.test_access_matrix import OFFICIALS_ONLY, Route, everyone
from wijkvoucher.accountability.services import (
    plan_change_request,
    progress_update_post,
    recovery_open,
)
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.vouchers.tests.access_resident import OTHER_VOUCHER, OWN_VOUCHER


def _plan(make: Callable[[World], Any]) -> Callable[[World], Initiative]:
    def build(w: World) -> Initiative:
        plan: Initiative = make(w).initiative
        plan.refresh_from_db()
        return plan

    return build


OWN, OTHER = _plan(OWN_VOUCHER), _plan(OTHER_VOUCHER)


def _plans(make: Callable[[World], Initiative]) -> Any:
    return lambda w: {"initiative_uuid": make(w).uuid}


def _change(make: Callable[[World], Initiative]) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        plan = make(w)
        change = plan_change_request(
            actor=plan.initiator,
            initiative=plan,
            lines=[{"description": "Alles anders", "amount_cents": 450_00}],
            ends_on=None,
            explanation="Anders",
        )
        return {"change_uuid": change.uuid}

    return kwargs


def _recovery(make: Callable[[World], Initiative]) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        plan = make(w)
        contact = plan.contact_official
        assert contact is not None
        recovery = recovery_open(
            actor=contact,
            initiative=plan,
            reason="not_carried_out",
            amount_cents=100,
            motivation="Niet gedaan.",
        )
        return {"recovery_uuid": recovery.uuid}

    return kwargs


def _photo(make: Callable[[World], Initiative]) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        plan = make(w)
        picture = io.BytesIO()
        Image.new("RGB", (8, 8), "blue").save(picture, format="PNG")
        picture.seek(0)
        update = progress_update_post(
            actor=plan.initiator,
            initiative=plan,
            text="Alleen voor ons",
            public=False,
            photos=[(picture, "Blauw")],
        )
        return {"photo_id": update.photos.get().pk}

    return kwargs


PLANS = {"own": _plans(OWN), "other": _plans(OTHER)}


def _initiator_only(outcome: str) -> dict[str, dict[str, str]]:
    return {
        "own": everyone("missing", anonymous="login", resident=outcome),
        "other": everyone("missing", anonymous="login"),
    }


# The wijk's officials (the world's coordinator works for the whole municipality).
OFFICIALS = {"own": OFFICIALS_ONLY, "other": {**OFFICIALS_ONLY, "official": "missing"}}
# Who may decide a change (route: the contact official): the wijk's officials only.
_DECIDERS = everyone(
    "missing",
    anonymous="login",
    official_unverified="otp",
    official="ok",
    coordinator="ok",
)
# Who may record a payment back: the wijk's officials and cash managers.
_PAYMENT = everyone(
    "missing",
    anonymous="login",
    official_unverified="otp",
    official="redirect",
    coordinator="redirect",
    cash_manager="redirect",
)
# A photo that is not public: the plan's people and the wijk's officials.
_PHOTO = everyone(
    "missing",
    resident="ok",
    official_unverified="otp",
    official="ok",
    coordinator="ok",
)

ROUTES: dict[str, Route] = {
    "accountability:execution": Route(expect=_initiator_only("ok"), kwargs=PLANS),
    "accountability:update_post": Route(
        method="post",
        expect=_initiator_only("redirect"),
        kwargs=PLANS,
        data={"text": "Het gaat goed."},
    ),
    "accountability:change_request": Route(
        method="post", expect=_initiator_only("ok"), kwargs=PLANS
    ),
    "accountability:report": Route(expect=_initiator_only("ok"), kwargs=PLANS),
    "accountability:overview": Route(expect={"-": OFFICIALS_ONLY}),
    "accountability:official_execution": Route(expect=OFFICIALS, kwargs=PLANS),
    "accountability:settle": Route(method="post", expect=OFFICIALS, kwargs=PLANS),
    "accountability:recover": Route(method="post", expect=OFFICIALS, kwargs=PLANS),
    "accountability:change_decide": Route(
        expect={
            "own": _DECIDERS,
            "other": {
                **_DECIDERS,
                "official": "missing",
                "official_unverified": "missing",
            },
        },
        kwargs={"own": _change(OWN), "other": _change(OTHER)},
    ),
    "accountability:recovery_payment": Route(
        method="post",
        expect={
            "own": _PAYMENT,
            "other": {
                **_PAYMENT,
                "official": "missing",
                "official_unverified": "missing",
            },
        },
        kwargs={"own": _recovery(OWN), "other": _recovery(OTHER)},
    ),
    # Waiving is deciding: the wijk's officials, not the cash manager (an empty
    # reason comes back on the page).
    "accountability:recovery_waive": Route(
        method="post",
        expect={
            "own": _DECIDERS,
            "other": {
                **_DECIDERS,
                "official": "missing",
                "official_unverified": "missing",
            },
        },
        kwargs={"own": _recovery(OWN), "other": _recovery(OTHER)},
    ),
    "accountability:photo": Route(
        expect={
            "own": _PHOTO,
            "other": {
                **_PHOTO,
                "resident": "missing",
                "official": "missing",
                "official_unverified": "missing",
            },
        },
        kwargs={"own": _photo(OWN), "other": _photo(OTHER)},
    ),
}
