"""Writes of the decisions app: the beschikking, the budget reservation, the start of
execution, cancellation and objections (issue #3 points 6-9; docs/workflow.md#steps,
docs/awb.md).

Every service runs in one transaction and locks what it decides on: first the
initiative, then (through the ledger) the budget accounts, last the decision counter.
That fixed order keeps concurrent decisions free of deadlocks. Money moves only through
``ledger_transaction_post``: an award moves its amount from the wijk's budget account
to a reservation account of the initiative (``reserved:<initiative uuid>``); the
budget account may not go below zero, so an award beyond the plafond is refused
(Awb 4:25) and, because the whole service is one transaction, nothing changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import add_months, message_day
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.refusals import Refusals
from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.constants import (
    AWARDING,
    OBJECTION_DECISION_WEEKS,
    OBJECTION_DECISION_WEEKS_COMMITTEE,
    OBJECTION_EXTENSION_WEEKS,
    OBJECTION_MOTIVATED,
    PUBLICLY_EXPLAINED,
    REASONED,
    DecisionOutcome,
    ObjectionStatus,
)
from wijkvoucher.decisions.links import decision_url
from wijkvoucher.decisions.models import Decision, DecisionCounter, Objection
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.decisions.transitions import (
    objection_may_step,
    objection_refusal,
    objection_transition,
)
from wijkvoucher.decisions.workflow import OBJECTION, OUTCOME_STATUS, OUTCOMES_FROM
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.initiatives.workflow import CANCELLABLE
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.services import (
    InsufficientBalance,
    ledger_account_open,
    ledger_transaction_post,
)
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.neighbourhoods.models import BudgetPeriod, RegulationVersion
from wijkvoucher.neighbourhoods.selectors.budgets import budget_period_current
from wijkvoucher.neighbourhoods.selectors.documents import signatory_for
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.regiegroep.models import Advice
from wijkvoucher.regiegroep.selectors import advice_latest

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

S = InitiativeStatus
DO = DecisionOutcome

BINDING_MODES = frozenset({AuthorityMode.BINDING_ADVICE, AuthorityMode.MANDATE})


# --- Small helpers ---------------------------------------------------------------------


def _lock_initiative(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related(
            "neighbourhood__municipality", "regulation_version", "initiator"
        )
        .get(pk=initiative.pk)
    )


def _require_official(actor: User, initiative: Initiative) -> None:
    """A wijk official, and never on their own plan."""
    if actor.pk == initiative.initiator_id or not is_wijk_official(
        user=actor, initiative=initiative
    ):
        raise PermissionDenied


def _initiators(initiative: Initiative) -> list[User]:
    """The initiator and the co-initiators who accepted (and were not revoked)."""
    people: list[User] = [initiative.initiator]
    co_initiators = getattr(initiative, "co_initiators", None)
    if co_initiators is not None:
        for co in co_initiators.filter(
            accepted_at__isnull=False, revoked_at__isnull=True, user__isnull=False
        ).select_related("user"):
            people.append(co.user)
    return people


def _text(value: str) -> str:
    return value.strip()


def _reason(reason_code: str, motivation: str) -> tuple[str, str]:
    if not reason_code or not motivation:
        raise ValidationError(
            _("Give a reason and explain it in plain words."), code="reason_required"
        )
    if reason_code not in ReasonCode.values:
        raise ValidationError(
            _("Choose a reason from the list."), code="unknown_reason"
        )
    return reason_code, motivation


# --- The beschikking ----------------------------------------------------------------


def _check_outcome(initiative: Initiative, outcome: str) -> DO:
    if outcome not in DO.values:
        raise ValidationError(_("Choose a decision."), code="unknown_outcome")
    chosen = DO(outcome)
    allowed = OUTCOMES_FROM.get(S(initiative.status), frozenset())
    if chosen not in allowed:
        raise ValidationError(
            _(
                "A decision to %(outcome)s is not possible while the plan is %(status)s."
            ),
            code="invalid_status",
            params={"outcome": chosen.label, "status": initiative.get_status_display()},
        )
    return chosen


def _check_amount(initiative: Initiative, outcome: DO, amount_cents: int) -> int:
    if outcome not in AWARDING:
        return 0
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
        raise ValidationError(_("Amounts are whole cents."), code="amount_invalid")
    requested = initiative.requested_amount_cents
    if outcome == DO.AWARD and amount_cents != requested:
        raise ValidationError(
            _(
                "A full award is the requested amount (%(requested)s). For a lower "
                "amount, choose a partial award."
            ),
            code="award_not_full",
            params={"requested": format_euro(requested)},
        )
    if outcome == DO.PARTLY_AWARD and not 0 < amount_cents < requested:
        raise ValidationError(
            _(
                "A partial award is more than nothing and less than the requested "
                "amount (%(requested)s)."
            ),
            code="amount_invalid",
            params={"requested": format_euro(requested)},
        )
    version = initiative.regulation_version
    maximum = version.max_amount_per_initiative_per_year_cents if version else 0
    if amount_cents > maximum:
        raise ValidationError(
            _("The regeling allows at most %(maximum)s per initiative."),
            code="amount_above_maximum",
            params={"maximum": format_euro(maximum)},
        )
    return amount_cents


def _budget_account(
    initiative: Initiative, on: dt.date
) -> tuple[BudgetPeriod, Account]:
    period = budget_period_current(neighbourhood=initiative.neighbourhood, on=on)
    if period is None or period.published_at is None or period.account is None:
        raise ValidationError(
            _("This wijk has no published budget for today. Nothing can be awarded."),
            code="no_budget",
        )
    return period, period.account


def _budget_exhausted(available: int) -> ValidationError:
    return ValidationError(
        _(
            "The budget ceiling (plafond) of this wijk is reached: only %(available)s "
            "is left. An award above the plafond is not allowed (Awb 4:25). Award "
            "less, or reject the plan with the reason that the budget is used up."
        ),
        code="budget_exhausted",
        params={"available": format_euro(available)},
    )


def _available(account: Account) -> int:
    locked = Account.objects.select_for_update().get(pk=account.pk)
    return int(locked.balance_cents)


def _check_advice(
    *,
    mode: str,
    advice: Advice | None,
    outcome: DO,
    amount_cents: int,
    reason_code: str,
    deviation_motivation: str,
    initiative: Initiative,
    lock: bool = True,
) -> bool:
    """Whether the decision deviates from the advice; refuses a deviation that the
    authority mode does not allow or that has no reasons (Awb 3:50)."""
    if advice is None:
        return False
    deviates = outcome != advice.outcome or (
        outcome in AWARDING and amount_cents != advice.amount_cents
    )
    if not deviates:
        return False
    if mode in BINDING_MODES:
        # Binding advice and mandate bind the municipality, but not beyond the plafond:
        # an award that no longer fits is rejected for that reason (Awb 4:25).
        fits = True
        if advice.outcome in AWARDING:
            _period, account = _budget_account(initiative, timezone.localdate())
            available = _available(account) if lock else int(account.balance_cents)
            fits = available >= advice.amount_cents
        if not (
            outcome == DO.REJECT
            and reason_code == ReasonCode.BUDGET_EXHAUSTED
            and not fits
        ):
            raise ValidationError(
                _(
                    "Under this regeling the regiegroep's advice binds the "
                    "municipality (%(mode)s): the decision must follow its outcome and "
                    "amount. Only when the budget is used up may the plan be rejected "
                    "for that reason."
                ),
                code="must_follow_advice",
                params={"mode": AuthorityMode(mode).label},
            )
    if not deviation_motivation:
        raise ValidationError(
            _(
                "This decision differs from the regiegroep's advice. Explain why "
                "(Awb 3:50)."
            ),
            code="deviation_unmotivated",
        )
    return True


def _reserve(
    *, actor: User, initiative: Initiative, amount_cents: int, on: dt.date
) -> tuple[BudgetPeriod, Account, LedgerTransaction]:
    period, budget = _budget_account(initiative, on)
    code = f"reserved:{initiative.uuid}"
    reserved = Account.objects.filter(code=code).first()
    if reserved is None:
        reserved = ledger_account_open(
            actor=actor,
            code=code,
            kind=AccountKind.RESERVED,
            name=f"{initiative.neighbourhood.name}: {initiative.title}"[:200],
        )
    try:
        posted = ledger_transaction_post(
            actor=actor,
            kind=TransactionKind.DECISION_RESERVE,
            entries=[(budget, -amount_cents), (reserved, amount_cents)],
            memo=f"award {initiative.uuid}",
        )
    except InsufficientBalance:
        raise _budget_exhausted(_available(budget)) from None
    return period, reserved, posted


def _next_number(initiative: Initiative, on: dt.date) -> tuple[str, int]:
    """The next number of the municipality for the year of ``on``, taken under a row
    lock on the counter (created on first use; a concurrent creation loses the unique
    constraint race and then waits on the lock)."""
    municipality = initiative.neighbourhood.municipality
    counter, _created = DecisionCounter.objects.select_for_update().get_or_create(
        municipality=municipality, year=on.year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    number = f"{municipality.slug.upper()}-{on.year}-{counter.last_number:04d}"
    return number, counter.last_number


def _notify_decision(decision: Decision, initiative: Initiative) -> None:
    notification_send(
        recipients=_initiators(initiative),
        kind="decisions.decision_issued",
        subject=_("Decision on your plan %(title)s"),
        body=_(
            "The municipality has decided on your plan %(title)s: %(outcome)s. "
            "Read the decision %(number)s, with the reasons and how to object, on "
            "the website. You can object until %(deadline)s."
        ),
        params={
            "title": initiative.title,
            "outcome": DO(decision.outcome).label,
            "number": decision.number,
            "deadline": message_day(decision.objection_deadline),
        },
        url=decision_url(decision),
    )


@dataclass(frozen=True)
class _Checked:
    """A beschikking that passed every check, in the form the services store it."""

    outcome: DO
    advice: Advice | None
    mode: str
    version: RegulationVersion
    amount_cents: int
    reason_code: str
    motivation: str
    public_explanation: str
    conditions: str
    deviation_motivation: str
    deviates: bool


def _check_budget(initiative: Initiative, amount_cents: int, *, lock: bool) -> None:
    """The award fits in what is left of the wijk's published budget (Awb 4:25)."""
    _period, account = _budget_account(initiative, timezone.localdate())
    available = _available(account) if lock else int(account.balance_cents)
    if available < amount_cents:
        raise _budget_exhausted(available)


def _public_explanation(outcome: DO | None, text: str) -> str:
    if outcome in PUBLICLY_EXPLAINED and not text:
        raise ValidationError(
            _(
                "Write a short explanation for the public page, without names or "
                "other personal data."
            ),
            code="public_explanation_required",
        )
    return text


def _decision_check(
    *,
    initiative: Initiative,
    outcome: str,
    amount_cents: int,
    reason_code: str,
    motivation: str,
    public_explanation: str,
    conditions: str,
    deviation_motivation: str,
    lock: bool,
) -> _Checked:
    """Every check of a beschikking at once (``core.refusals``): the official hears
    about all problems of the form in one go. With ``lock`` (issuing) the budget
    account is locked before it is read; without (the preview) nothing is locked."""
    refusals = Refusals()
    chosen: DO | None = refusals.check(
        lambda: _check_outcome(initiative, outcome), None
    )
    advice: Advice | None = None
    if initiative.status == S.ADVISED:
        advice = advice_latest(initiative=initiative)
        if advice is None:
            refusals.add(
                ValidationError(
                    _("There is no advice of the regiegroep on this plan yet."),
                    code="no_advice",
                )
            )
    amount = (
        refusals.check(lambda: _check_amount(initiative, chosen, amount_cents), 0)
        if chosen is not None
        else 0
    )
    motivation = _text(motivation)
    if chosen in REASONED:
        reason_code, motivation = refusals.check(
            lambda: _reason(reason_code, motivation), (reason_code, motivation)
        )
    else:
        reason_code = ""
    public_explanation = refusals.check(
        lambda: _public_explanation(chosen, _text(public_explanation)), ""
    )
    version = initiative.regulation_version
    if version is None:  # submitted plans always have one
        raise ValidationError(
            _("This plan has not been submitted."), code="invalid_status"
        )
    mode = advice.authority_mode if advice is not None else version.authority_mode
    deviation_motivation = _text(deviation_motivation)
    deviates = False
    if chosen is not None and not refusals:
        deviates = refusals.check(
            lambda: _check_advice(
                mode=mode,
                advice=advice,
                outcome=chosen,
                amount_cents=amount,
                reason_code=reason_code,
                deviation_motivation=deviation_motivation,
                initiative=initiative,
                lock=lock,
            ),
            False,
        )
    if chosen in AWARDING and amount:
        refusals.check(lambda: _check_budget(initiative, amount, lock=lock), None)
    refusals.raise_all()
    if chosen is None:  # its refusal was raised just above; for the type checker
        raise ValidationError(_("Choose a decision."), code="unknown_outcome")
    return _Checked(
        outcome=chosen,
        advice=advice,
        mode=mode,
        version=version,
        amount_cents=amount,
        reason_code=reason_code,
        motivation=motivation,
        public_explanation=public_explanation,
        conditions=_text(conditions) if chosen in AWARDING else "",
        deviation_motivation=deviation_motivation if deviates else "",
        deviates=deviates,
    )


def _decision_fields(
    *, actor: User, initiative: Initiative, checked: _Checked, today: dt.date
) -> dict[str, Any]:
    """The beschikking's fields, the same for the preview and the issued one (all
    but its number and, for an award, the reservation)."""
    version = checked.version
    municipality = initiative.neighbourhood.municipality
    # Who signs is fixed on the beschikking itself, so that a later download still
    # names who signed it.
    signatory = signatory_for(municipality=municipality, authority_mode=checked.mode)
    fields: dict[str, Any] = {
        "initiative": initiative,
        "municipality": municipality,
        "signatory_name": signatory.name,
        "signatory_function": signatory.function,
        "signatory_mandate": signatory.mandate,
        "outcome": checked.outcome,
        "requested_amount_cents": initiative.requested_amount_cents,
        "amount_cents": checked.amount_cents,
        "reason_code": checked.reason_code,
        "motivation": checked.motivation,
        "public_explanation": checked.public_explanation,
        "advice": checked.advice,
        "deviates_from_advice": checked.deviates,
        "deviation_motivation": checked.deviation_motivation,
        "authority_mode": checked.mode,
        "decided_by": actor,
        "issued_on": today,
        "objection_deadline": today + dt.timedelta(weeks=version.objection_term_weeks),
    }
    if checked.outcome in AWARDING:
        fields.update(
            {
                "execution_deadline": add_months(
                    today, version.execution_window_months
                ),
                "settlement_mode": version.vaststelling_mode,
                "settlement_term_weeks": version.vaststelling_term_weeks,
                "conditions": checked.conditions,
            }
        )
    return fields


def _prepared(
    *, actor: User, initiative: Initiative, lock: bool, **entered: Any
) -> tuple[_Checked, dict[str, Any], dt.date]:
    """The checks and the fields of a beschikking, as the preview and the issue
    share them: (what passed the checks, the Decision's fields, today)."""
    checked = _decision_check(initiative=initiative, lock=lock, **entered)
    today = timezone.localdate()
    fields = _decision_fields(
        actor=actor, initiative=initiative, checked=checked, today=today
    )
    return checked, fields, today


def decision_preview(
    *,
    actor: User,
    initiative: Initiative,
    outcome: str,
    amount_cents: int = 0,
    reason_code: str = "",
    motivation: str = "",
    public_explanation: str = "",
    conditions: str = "",
    deviation_motivation: str = "",
) -> Decision:
    """The beschikking as ``decision_issue`` would issue it today, as an unsaved
    ``Decision`` to show (HTML and PDF) before it is sent: the same checks and the
    same text, but it writes nothing, takes no number (``PREVIEW_NUMBER`` stands in)
    and reserves no budget. Refuses exactly as ``decision_issue`` would."""
    _require_official(actor, initiative)
    checked, fields, today = _prepared(
        actor=actor,
        initiative=initiative,
        lock=False,
        outcome=outcome,
        amount_cents=amount_cents,
        reason_code=reason_code,
        motivation=motivation,
        public_explanation=public_explanation,
        conditions=conditions,
        deviation_motivation=deviation_motivation,
    )
    if checked.outcome in AWARDING:
        fields["budget_period"] = budget_period_current(
            neighbourhood=initiative.neighbourhood, on=today
        )
    return Decision(number=str(PREVIEW_NUMBER), year=today.year, sequence=0, **fields)


# Stands in for the number of a beschikking that has not been sent yet.
PREVIEW_NUMBER = _("number follows when sent")


@transaction.atomic
def decision_issue(
    *,
    actor: User,
    initiative: Initiative,
    outcome: str,
    amount_cents: int = 0,
    reason_code: str = "",
    motivation: str = "",
    public_explanation: str = "",
    conditions: str = "",
    deviation_motivation: str = "",
) -> Decision:
    """Issue the beschikking (docs/workflow.md#steps) and move the initiative to
    awarded, partly awarded, rejected or not processed.

    Refusals (``ValidationError`` codes, several at once when several apply):
    ``unknown_outcome``, ``invalid_status`` (from "advice given" any outcome; from
    "checked" only a rejection; from "information requested" only "not processed"),
    ``no_advice``, ``award_not_full``, ``amount_invalid``, ``amount_above_maximum``,
    ``reason_required``, ``unknown_reason``, ``public_explanation_required``,
    ``must_follow_advice`` (binding advice and mandate), ``deviation_unmotivated``
    (advice mode, Awb 3:50), ``no_budget`` and ``budget_exhausted`` (Awb 4:25).
    ``PermissionDenied`` unless the actor is a wijk official other than the
    initiator. A refusal changes nothing."""
    initiative = _lock_initiative(initiative)
    _require_official(actor, initiative)
    checked, fields, today = _prepared(
        actor=actor,
        initiative=initiative,
        lock=True,
        outcome=outcome,
        amount_cents=amount_cents,
        reason_code=reason_code,
        motivation=motivation,
        public_explanation=public_explanation,
        conditions=conditions,
        deviation_motivation=deviation_motivation,
    )
    if checked.outcome in AWARDING:
        period, reserved, posted = _reserve(
            actor=actor,
            initiative=initiative,
            amount_cents=checked.amount_cents,
            on=today,
        )
        fields.update(
            {
                "budget_period": period,
                "reservation_account": reserved,
                "reservation": posted,
            }
        )
    number, sequence = _next_number(initiative, today)
    initiative_transition(
        actor=actor,
        initiative=initiative,
        to=OUTCOME_STATUS[checked.outcome],
        reason_code=checked.reason_code,
        motivation=checked.motivation if checked.outcome in REASONED else number,
    )
    decision = Decision.objects.create(
        number=number, year=today.year, sequence=sequence, **fields
    )
    audit_record(
        actor=actor,
        action="decisions.decision_issue",
        subject=decision,
        data={
            "number": number,
            "initiative": str(initiative.uuid),
            "outcome": checked.outcome.value,
            "amount_cents": checked.amount_cents,
            "reason_code": checked.reason_code,
            "advice": checked.advice.pk if checked.advice else None,
            "deviates_from_advice": checked.deviates,
            "authority_mode": checked.mode,
            "reservation": str(posted.uuid) if checked.outcome in AWARDING else None,
        },
    )
    _notify_decision(decision, initiative)
    return decision


# --- After the award ---------------------------------------------------------------


@transaction.atomic
def execution_start(*, actor: User, initiative: Initiative) -> Initiative:
    """Awarded → being carried out, by a wijk official (issue #4 will take this step
    when the vouchers are issued)."""
    initiative = _lock_initiative(initiative)
    _require_official(actor, initiative)
    if initiative.status not in (S.AWARDED, S.PARTLY_AWARDED):
        raise ValidationError(
            _("Only an awarded plan can start."), code="invalid_status"
        )
    initiative_transition(actor=actor, initiative=initiative, to=S.IN_EXECUTION)
    audit_record(
        actor=actor,
        action="decisions.execution_start",
        subject=initiative,
        data={"initiative": str(initiative.uuid)},
    )
    initiative.refresh_from_db()
    return initiative


def _release(
    *, actor: User, initiative: Initiative, decision: Decision | None
) -> tuple[int, LedgerTransaction | None]:
    """Move what is left of the reservation back to the budget account it came
    from. Both accounts are locked (in primary-key order) before the balance is read."""
    if decision is None or decision.reservation_account is None:
        return 0, None
    period = decision.budget_period
    if period is None or period.account is None:
        return 0, None
    ids = sorted({decision.reservation_account.pk, period.account.pk})
    locked = {
        a.pk: a
        for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    reserved = locked[decision.reservation_account.pk]
    left = int(reserved.balance_cents)
    if left <= 0:
        return 0, None
    posted = ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.DECISION_RELEASE,
        entries=[(reserved, -left), (locked[period.account.pk], left)],
        memo=f"cancel {initiative.uuid}",
    )
    return left, posted


@transaction.atomic
def initiative_cancel(
    *, actor: User, initiative: Initiative, reason_code: str, motivation: str
) -> Initiative:
    """Cancel an awarded plan (docs/workflow.md#steps): by the initiator or a wijk
    official, with a coded reason and a motivation (why it was not carried out). What
    is left of the reservation goes back to the wijk's budget."""
    initiative = _lock_initiative(initiative)
    is_initiator = actor.pk == initiative.initiator_id
    if not is_initiator and not is_wijk_official(user=actor, initiative=initiative):
        raise PermissionDenied
    if initiative.status not in CANCELLABLE:
        raise ValidationError(
            _("Only an awarded plan can be cancelled."), code="invalid_status"
        )
    reason_code, motivation = _reason(reason_code, _text(motivation))
    decision = decision_award_latest(initiative=initiative)
    released, posted = _release(actor=actor, initiative=initiative, decision=decision)
    initiative_transition(
        actor=actor,
        initiative=initiative,
        to=S.CANCELLED,
        reason_code=reason_code,
        motivation=motivation,
    )
    audit_record(
        actor=actor,
        action="decisions.initiative_cancel",
        subject=initiative,
        data={
            "decision": decision.number if decision else None,
            "reason_code": reason_code,
            "released_cents": released,
            "release": str(posted.uuid) if posted else None,
        },
    )
    # The workflow step tells the residents (and the contact official when the
    # initiator cancels): initiatives.notify.transition_notify.
    initiative.refresh_from_db()
    return initiative


# --- Objections (bezwaar) ------------------------------------------------------------


def _lock_decision(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("initiative__neighbourhood", "initiative__initiator")
        .get(pk=decision.pk)
    )


def _lock_objection(objection: Objection) -> Objection:
    return (
        Objection.objects.select_for_update(of=("self",))
        .select_related("decision__initiative__neighbourhood")
        .get(pk=objection.pk)
    )


def objection_due_on(
    *, decision: Decision, received_on: dt.date, advisory_committee: bool
) -> dt.date:
    """Awb 7:10: 6 weeks (12 with an advisory committee), counted from the day after
    the objection term ended; for a late objection, from its receipt."""
    weeks = (
        OBJECTION_DECISION_WEEKS_COMMITTEE
        if advisory_committee
        else OBJECTION_DECISION_WEEKS
    )
    start = max(received_on, decision.objection_deadline)
    return start + dt.timedelta(weeks=weeks)


@transaction.atomic
def objection_register(
    *,
    actor: User,
    decision: Decision,
    received_on: dt.date,
    objector_name: str,
    grounds: str,
    advisory_committee: bool = False,
) -> Objection:
    """Register a received objection (docs/awb.md#article-67-the-objection-term). One that came in after
    the objection term is registered too, marked late (Awb 6:11 lets the
    municipality still weigh it)."""
    decision = _lock_decision(decision)
    initiative = decision.initiative
    _require_official(actor, initiative)
    objector_name, grounds = _text(objector_name), _text(grounds)
    if not objector_name or not grounds:
        raise ValidationError(
            _("Fill in who objects and on what grounds."), code="required"
        )
    if received_on > timezone.localdate():
        raise ValidationError(
            _("The date of receipt cannot be in the future."), code="received_in_future"
        )
    if received_on < decision.issued_on:
        raise ValidationError(
            _("The date of receipt cannot be before the decision."),
            code="received_before_decision",
        )
    objection = Objection.objects.create(
        decision=decision,
        received_on=received_on,
        objector_name=objector_name,
        grounds=grounds,
        late=received_on > decision.objection_deadline,
        advisory_committee=advisory_committee,
        decision_due_on=objection_due_on(
            decision=decision,
            received_on=received_on,
            advisory_committee=advisory_committee,
        ),
        registered_by=actor,
    )
    audit_record(
        actor=actor,
        action="decisions.objection_register",
        subject=objection,
        data={
            "decision": decision.number,
            "received_on": received_on.isoformat(),
            "late": objection.late,
            "advisory_committee": advisory_committee,
            "decision_due_on": objection.decision_due_on.isoformat(),
        },
    )
    notification_send(
        recipients=_initiators(initiative),
        kind="decisions.objection_received",
        subject=_("Objection against decision %(number)s"),
        body=_(
            "The municipality has received an objection against decision %(number)s "
            "on the plan %(title)s. It will decide on it by %(due)s."
        ),
        params={
            "number": decision.number,
            "title": initiative.title,
            "due": message_day(objection.decision_due_on),
        },
        url=decision_url(decision),
    )
    return objection


@transaction.atomic
def objection_extend(*, actor: User, objection: Objection, reason: str) -> Objection:
    """Postpone the decision on the objection once, by 6 weeks (Awb 7:10 lid 3),
    while its term still runs: a term that has ended cannot be postponed
    (docs/awb.md)."""
    objection = _lock_objection(objection)
    _require_official(actor, objection.decision.initiative)
    if objection.status != ObjectionStatus.RECEIVED:
        raise objection_refusal(objection)
    if objection.extended:
        raise ValidationError(
            _("The term can be postponed only once."), code="already_extended"
        )
    if timezone.localdate() > objection.decision_due_on:
        raise ValidationError(
            _(
                "The term for the decision on this objection ended on %(date)s. It "
                "can no longer be postponed: decide as soon as possible."
            ),
            code="term_ended",
            params={"date": date_format(objection.decision_due_on, "DATE_FORMAT")},
        )
    reason = _text(reason)
    if not reason:
        raise ValidationError(
            _("Explain why the term is postponed."), code="reason_required"
        )
    old = objection.decision_due_on
    objection.decision_due_on = old + dt.timedelta(weeks=OBJECTION_EXTENSION_WEEKS)
    objection.extended = True
    objection.extension_reason = reason
    objection.save(
        update_fields=["decision_due_on", "extended", "extension_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="decisions.objection_extend",
        subject=objection,
        data={"from": old.isoformat(), "to": objection.decision_due_on.isoformat()},
    )
    return objection


@transaction.atomic
def objection_decide(
    *,
    actor: User,
    objection: Objection,
    status: str,
    motivation: str,
    decided_on: dt.date | None = None,
) -> Objection:
    """Record the decision on the objection: upheld, partly upheld, unfounded, not
    admissible (each with its motivation) or withdrawn by the objector. An upheld
    objection is followed by a new beschikking."""
    objection = _lock_objection(objection)
    _require_official(actor, objection.decision.initiative)
    action = "decisions.objection_decide"
    if not objection_may_step(objection, action):
        raise objection_refusal(objection)
    refusals = Refusals()
    if status not in OBJECTION.targets(objection.status, action):
        refusals.add(ValidationError(_("Choose an outcome."), code="unknown_outcome"))
    motivation = _text(motivation)
    if status in OBJECTION_MOTIVATED and not motivation:
        refusals.add(
            ValidationError(
                _("Explain the decision on the objection."), code="reason_required"
            )
        )
    today = timezone.localdate()
    day = decided_on or today
    if day > today or day < objection.received_on:
        refusals.add(
            ValidationError(
                _("The decision date must be between the receipt and today."),
                code="invalid_date",
            )
        )
    refusals.raise_all()
    decision = objection.decision
    objection_transition(
        actor=actor,
        objection=objection,
        to=status,
        action=action,
        fields={
            "outcome_motivation": motivation,
            "decided_on": day,
            "decided_by": actor,
        },
        note=motivation,
        audit_data={
            "decision": decision.number,
            "status": status,
            "decided_on": day.isoformat(),
            "on_time": day <= objection.decision_due_on,
        },
    )
    notification_send(
        recipients=_initiators(decision.initiative),
        kind="decisions.objection_decided",
        subject=_("Decision on the objection against %(number)s"),
        body=_(
            "The municipality has decided on the objection against decision "
            "%(number)s: %(outcome)s."
        ),
        params={
            "number": decision.number,
            "outcome": ObjectionStatus(status).label,
        },
        url=decision_url(decision),
    )
    return objection
