"""The checks of a beschikking before it is previewed or issued: the outcome, the
amount, the regiegroep's advice and the wijk's budget, and the fields they give the
Decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.selectors_answers import FOR, wijk_answer
from wijkvoucher.core.dates import add_months
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.refusals import Refusals
from wijkvoucher.decisions.constants import (
    AWARDING,
    PUBLICLY_EXPLAINED,
    REASONED,
)
from wijkvoucher.decisions.services.guards import (
    BINDING_MODES,
    DO,
    S,
    _reason,
    _text,
)
from wijkvoucher.decisions.workflow import OUTCOMES_FROM
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.ledger.models import Account
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.neighbourhoods.models import BudgetPeriod, RegulationVersion
from wijkvoucher.neighbourhoods.selectors.budgets import budget_period_current
from wijkvoucher.neighbourhoods.selectors.documents import signatory_for
from wijkvoucher.regiegroep.models import Advice
from wijkvoucher.regiegroep.selectors import advice_latest

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


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


def _check_wijk_answer(
    *, initiative: Initiative, outcome: DO, deviation_motivation: str
) -> bool:
    """Whether the decision goes against what the wijk said about the plan in a
    certified wijkraadpleging (for or against it); refuses such a decision without
    reasons. Under ADVIES the wijk's answer is advice too (docs/voting.md)."""
    answer = wijk_answer(initiative_id=initiative.pk)
    if answer is None or answer.leaning is None:
        return False
    deviates = (answer.leaning == FOR) != (outcome in AWARDING)
    if deviates and not deviation_motivation:
        raise ValidationError(
            _(
                "This decision goes against what the wijk said in the "
                "wijkraadpleging “%(title)s”. Explain why."
            ),
            code="wijk_deviation_unmotivated",
            params={"title": answer.consultation.title},
        )
    return deviates


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
    against_wijk: bool = False


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
    against_wijk = False
    if chosen is not None and not refusals and mode == AuthorityMode.ADVICE:
        against_wijk = refusals.check(
            lambda: _check_wijk_answer(
                initiative=initiative,
                outcome=chosen,
                deviation_motivation=deviation_motivation,
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
        deviation_motivation=(deviation_motivation if deviates or against_wijk else ""),
        deviates=deviates,
        against_wijk=against_wijk,
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
