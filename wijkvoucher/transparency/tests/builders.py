"""Test set-up for the public pages: state reached through the services."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import complete_draft, resident, step
from wijkvoucher.initiatives.workflow import REASON_REQUIRED
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.services import ledger_account_open, ledger_transaction_post
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.services.budgets import budget_period_publish
from wijkvoucher.neighbourhoods.tests.factories import BudgetPeriodFactory
from wijkvoucher.neighbourhoods.tests.helpers import on_day

COORDINATOR_EMAIL = "coordinator@dijkstad.example.nl"


def coordinator() -> User:
    """The official who configures budgets and the regeling (one per test)."""
    existing = User.objects.filter(email=COORDINATOR_EMAIL).first()
    return existing or UserFactory.create(email=COORDINATOR_EMAIL)


def published_period(
    *, neighbourhood: Neighbourhood, ceiling_cents: int, awarded_cents: int = 0
) -> BudgetPeriod:
    """The 2026 budget period, published, of which ``awarded_cents`` has gone to
    initiatives."""
    period = BudgetPeriodFactory.create(
        neighbourhood=neighbourhood, ceiling_cents=ceiling_cents
    )
    period = budget_period_publish(actor=coordinator(), budget_period=period)
    if awarded_cents:
        award(period=period, cents=awarded_cents)
    period.refresh_from_db()
    return period


def award(*, period: BudgetPeriod, cents: int) -> None:
    """Money leaves the budget for an initiative's voucher (a stand-in for the award
    service, which does not exist yet)."""
    assert period.account is not None
    voucher = ledger_account_open(
        actor=None,
        code=f"voucher:test:{period.uuid}:{Account.objects.count()}",
        kind=AccountKind.VOUCHER,
        name="voucher",
    )
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.ADJUSTMENT,
        entries=[(period.account, -cents), (voucher, cents)],
    )


# --- Plans in every public state, reached through the workflow services ---------------

S = InitiativeStatus

# Which steps lead from "submitted" to each state, after the submission itself.
_DELIBERATED = [S.CHECKED, S.ON_AGENDA, S.IN_DELIBERATION]
ROUTES: dict[S, list[S]] = {
    S.SUBMITTED: [],
    S.CHECKED: [S.CHECKED],
    S.DEFERRED: [*_DELIBERATED, S.DEFERRED],
    S.AWARDED: [*_DELIBERATED, S.AWARDED],
    S.PARTLY_AWARDED: [*_DELIBERATED, S.PARTLY_AWARDED],
    S.REJECTED: [*_DELIBERATED, S.REJECTED],
    S.IN_EXECUTION: [*_DELIBERATED, S.AWARDED, S.IN_EXECUTION],
    S.SETTLED: [*_DELIBERATED, S.AWARDED, S.IN_EXECUTION, S.SETTLED],
    S.CANCELLED: [*_DELIBERATED, S.AWARDED, S.CANCELLED],
    S.NOT_PROCESSED: [S.INFORMATION_REQUESTED, S.NOT_PROCESSED],
}
# The steps that happen on the "decided" day; the rest happen on the day of
# submission, and a cancellation on its own day.
_ON_DECISION_DAY = {S.AWARDED, S.PARTLY_AWARDED, S.REJECTED, S.NOT_PROCESSED}
_AFTER_DECISION = {S.IN_EXECUTION, S.SETTLED, S.CANCELLED}

MOTIVATION = "Vertrouwelijk: mevrouw Jansen van nummer 12 is ertegen."


def plan_in(
    wijk: Neighbourhood,
    status: S,
    *,
    title: str = "Geveltuinen in de Dijkstraat",
    submitted_on: dt.date = dt.date(2026, 2, 2),
    decided_on: dt.date = dt.date(2026, 3, 2),
    cancelled_on: dt.date | None = None,
    reason_code: str = ReasonCode.RULE_BREACH,
    initiator_name: str = "Jan de Vries",
    publish_initiator_name: bool = False,
    **fields: Any,
) -> Initiative:
    """A plan of € 450 in ``wijk`` (a wijk from ``neighbourhood_ready``), submitted on
    ``submitted_on`` and taken to ``status`` through ``initiative_transition``: the
    decision steps on ``decided_on``, execution and cancellation afterwards. Every
    step that needs a reason gets ``reason_code`` and the private ``MOTIVATION``."""
    initiator = resident(
        wijk, full_name=initiator_name, email=f"{uuid.uuid4().hex[:8]}@example.nl"
    )
    initiative = complete_draft(
        neighbourhood=wijk,
        initiator=initiator,
        title=title,
        publish_initiator_name=publish_initiator_name,
        **fields,
    )
    with on_day(submitted_on):
        initiative = step(initiative, S.SUBMITTED)
    for to in ROUTES[status]:
        if to in _ON_DECISION_DAY:
            day = decided_on
        elif to == S.CANCELLED:
            day = cancelled_on or decided_on + dt.timedelta(days=30)
        elif to in _AFTER_DECISION:
            day = decided_on + dt.timedelta(days=7)
        else:
            day = submitted_on
        kwargs = {}
        if to in REASON_REQUIRED:
            kwargs = {"reason_code": reason_code, "motivation": MOTIVATION}
        with on_day(day):
            initiative = step(initiative, to, **kwargs)
    assert initiative.status == status
    return initiative
