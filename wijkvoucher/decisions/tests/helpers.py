"""Setup for decision tests: a wijk with a published budget, plans walked to "advice
given" through the services, and the regiegroep's advice on them."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.decisions.models import Decision, DecisionCounter, Objection
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.models import BudgetLine, Initiative, StatusChange
from wijkvoucher.initiatives.tests.factories import complete_draft, step
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction
from wijkvoucher.neighbourhoods.constants import AuthorityMode, Role
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.services.budgets import budget_period_publish
from wijkvoucher.neighbourhoods.tests.factories import BudgetPeriodFactory
from wijkvoucher.neighbourhoods.tests.helpers import official
from wijkvoucher.regiegroep.constants import AdviceOutcome, AgendaItemStatus
from wijkvoucher.regiegroep.models import Advice, AgendaItem, Meeting

S = InitiativeStatus
EUR = 100
# What complete_draft asks for: one cost line of € 450.
REQUESTED = 450 * EUR


def funded(wijk: Neighbourhood, ceiling_cents: int = 50_000 * EUR) -> BudgetPeriod:
    """A published budget period for 2026 in ``wijk``."""
    period = BudgetPeriodFactory(neighbourhood=wijk, ceiling_cents=ceiling_cents)
    coordinator = official(
        municipality=wijk.municipality, role=Role.COORDINATOR, full_name="Coördinator"
    )
    return budget_period_publish(actor=coordinator, budget_period=period)


def plan_in(
    status: S,
    *,
    neighbourhood: Neighbourhood,
    requested_cents: int = REQUESTED,
    **fields: Any,
) -> Initiative:
    """A plan asking for ``requested_cents`` walked to ``status`` through the
    services (submitted, checked, on the agenda, under discussion, advice given)."""
    initiative = complete_draft(neighbourhood=neighbourhood, **fields)
    if requested_cents != REQUESTED:
        BudgetLine.objects.filter(initiative=initiative).update(
            amount_cents=requested_cents
        )
    path = {
        S.SUBMITTED: [S.SUBMITTED],
        S.INFORMATION_REQUESTED: [S.SUBMITTED, S.INFORMATION_REQUESTED],
        S.CHECKED: [S.SUBMITTED, S.CHECKED],
        S.ADVISED: [
            S.SUBMITTED,
            S.CHECKED,
            S.ON_AGENDA,
            S.IN_DELIBERATION,
            S.ADVISED,
        ],
    }[status]
    for to in path:
        initiative = step(initiative, to)
    return initiative


def advise(
    initiative: Initiative,
    *,
    outcome: str = AdviceOutcome.AWARD,
    amount_cents: int | None = None,
    mode: str = AuthorityMode.ADVICE,
    reason_code: str = "",
    conditions: str = "",
) -> Advice:
    """The regiegroep's advice, written directly (the regiegroep app records it
    through its own services)."""
    meeting = Meeting.objects.create(
        neighbourhood=initiative.neighbourhood,
        held_on=dt.date(2026, 6, 1) + dt.timedelta(days=Meeting.objects.count()),
        cutoff_on=dt.date(2026, 5, 18),
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        initiative=initiative,
        position=1,
        status=AgendaItemStatus.ADVISED,
        opened_at=dt.datetime(2026, 6, 1, 19, tzinfo=dt.UTC),
    )
    if amount_cents is None:
        amount_cents = 0 if outcome == AdviceOutcome.REJECT else REQUESTED
    if outcome != AdviceOutcome.AWARD and not reason_code:
        reason_code = ReasonCode.NOT_FEASIBLE
    contact = initiative.contact_official
    assert contact is not None
    return Advice.objects.create(
        initiative=initiative,
        agenda_item=item,
        outcome=outcome,
        amount_cents=amount_cents,
        reason_code=reason_code,
        motivation="Het plan past goed bij de wijk.",
        conditions=conditions,
        votes_for=4,
        votes_against=1,
        authority_mode=mode,
        recorded_by=contact,
    )


def advised_plan(
    wijk: Neighbourhood, *, requested_cents: int = REQUESTED, **advice: Any
) -> Initiative:
    """A plan asking ``requested_cents`` with the regiegroep's advice (``advice``
    are the arguments of ``advise``; a full award by default)."""
    initiative = plan_in(S.ADVISED, neighbourhood=wijk, requested_cents=requested_cents)
    if advice.get("outcome", AdviceOutcome.AWARD) == AdviceOutcome.AWARD:
        advice.setdefault("amount_cents", requested_cents)
    advise(initiative, **advice)
    return initiative


def contact_of(initiative: Initiative) -> User:
    contact = initiative.contact_official
    assert contact is not None
    return contact


def world_state() -> tuple[Any, ...]:
    """Everything a refused decision, cancellation or objection must leave alone:
    counts of decisions, counters, objections, status changes, ledger rows and audit
    events, every account balance, and every initiative's status."""
    return (
        Decision.objects.count(),
        list(DecisionCounter.objects.order_by("pk").values_list("last_number")),
        list(
            Objection.objects.order_by("pk").values_list(
                "status", "decision_due_on", "extended", "decided_on"
            )
        ),
        StatusChange.objects.count(),
        LedgerTransaction.objects.count(),
        Entry.objects.count(),
        AuditEvent.objects.count(),
        list(Account.objects.order_by("pk").values_list("code", "balance_cents")),
        list(Initiative.objects.order_by("pk").values_list("status", flat=True)),
    )
