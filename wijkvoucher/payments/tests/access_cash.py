"""Access-matrix rows for the cash manager's pages (merged into
tests/test_access_matrix.py).

The world's cash manager and coordinator hold their role for the whole municipality,
so "own" (the world's wijk) and "other" (the other wijk) are both theirs; the contact
official reads only the budget of the own wijk; the council reads every budget. The
claims and the dispute are made through the services in a wijk given a regeling, a
contact official and a published budget."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from tests.access_world import World
from tests.test_access_matrix import Route, everyone
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import RegulationVersionFactory
from wijkvoucher.neighbourhoods.tests.helpers import official, on_day
from wijkvoucher.payments.constants import ClaimKind
from wijkvoucher.payments.models import Claim, Dispute
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)


def _ready(wijk: Neighbourhood) -> None:
    if not wijk.regulation.versions.exists():
        RegulationVersionFactory(
            regulation=wijk.regulation, valid_from=start_of_day(dt.date(2020, 1, 1))
        )
    if wijk.contact_official_id is None:
        wijk.contact_official = official(neighbourhood=wijk)
        wijk.save(update_fields=["contact_official"])
    if not wijk.budget_periods.exists():
        funded(wijk)


def _money(w: World, wijk: Neighbourhood) -> tuple[Claim, Dispute]:
    key = f"_cash_{wijk.pk}"
    cached: tuple[Claim, Dispute] | None = getattr(w, key, None)
    if cached is not None:
        return cached
    # The factories' plans fit the rules on the helpers' fixed day.
    with on_day():
        return _make_money(w, wijk, key)


def _make_money(w: World, wijk: Neighbourhood, key: str) -> tuple[Claim, Dispute]:
    _ready(wijk)
    initiative, vouchers = plan_with_vouchers(wijk, 300 * EUR)
    provider, user = approved_provider(wijk, name=f"Bouwmarkt {wijk.pk}")
    redemption = redemption_create(
        actor=user,
        provider=provider,
        code=vouchers[0].code,
        amount_cents=50 * EUR,
        description="Verf",
        channel=Channel.PORTAL,
    )
    dispute = Dispute.objects.create(
        redemption=redemption, raised_by=initiative.initiator, reason="Niet gekocht."
    )
    claim = Claim.objects.create(
        initiative=initiative,
        kind=ClaimKind.ADVANCE,
        amount_cents=20 * EUR,
        description="Voorschot",
        payee_name="J. de Vries",
        iban="NL91ABNA0417164300",
        submitted_by=initiative.initiator,
    )
    setattr(w, key, (claim, dispute))
    return claim, dispute


def _claim(other: bool) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        claim, _dispute = _money(w, w.other_wijk if other else w.wijk)
        return {"claim_uuid": claim.uuid}

    return kwargs


def _dispute(other: bool) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        _claim, dispute = _money(w, w.other_wijk if other else w.wijk)
        return {"dispute_uuid": dispute.uuid}

    return kwargs


def _budget(other: bool) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        return {"neighbourhood_slug": (w.other_wijk if other else w.wijk).slug}

    return kwargs


# Cash pages: the municipality's cash manager and coordinator (after the second
# factor); anyone else has no cash role and is refused.
CASH = everyone("forbidden", anonymous="login", cash_manager="ok", coordinator="ok")
BUDGET_OWN = {**CASH, "official": "ok", "official_unverified": "otp", "council": "ok"}
BUDGET_OTHER = {**BUDGET_OWN, "official": "missing"}

ROUTES: dict[str, Route] = {
    "payments:cash_home": Route(expect={"-": CASH}),
    "payments:cash_claims": Route(expect={"-": CASH}),
    "payments:cash_disputes": Route(expect={"-": CASH}),
    "payments:cash_budget": Route(
        expect={"own": BUDGET_OWN, "other": BUDGET_OTHER},
        kwargs={"own": _budget(False), "other": _budget(True)},
    ),
    "payments:cash_claim": Route(
        expect={"own": CASH, "other": CASH},
        kwargs={"own": _claim(False), "other": _claim(True)},
    ),
    "payments:cash_dispute": Route(
        expect={"own": CASH, "other": CASH},
        kwargs={"own": _dispute(False), "other": _dispute(True)},
    ),
}
