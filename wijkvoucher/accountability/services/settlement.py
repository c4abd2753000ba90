"""The vaststelling: the random sample of a wijk's reports, and settling a plan (the
final amount, its beschikking, the unspent money back to the wijk budget and the plan
to ``settled``)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.models import (
    AccountabilityReport,
    SampleDraw,
    Settlement,
)
from wijkvoucher.accountability.selectors import (
    claims_waiting,
    sample_candidates,
    sample_draw_for,
    sample_pick,
    sample_size,
    spending_for,
)
from wijkvoucher.accountability.services.guards import (
    lock_plan,
    require_in_execution,
    require_official,
)
from wijkvoucher.core.money import format_euro
from wijkvoucher.core.services import audit_record
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.decisions.services import (
    decision_issue_follow_up,
    reservation_release,
)
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.services import initiative_transition
from wijkvoucher.neighbourhoods.constants import VaststellingMode
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.selectors.regulations import regulation_version_in_force
from wijkvoucher.regiegroep.permissions import is_wijk_official
from wijkvoucher.vouchers.constants import VoucherStatus
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.returns import voucher_close
from wijkvoucher.vouchers.workflow import VOUCHER

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User
    from wijkvoucher.initiatives.models import Initiative


@transaction.atomic
def sample_draw_make(*, actor: User, neighbourhood: Neighbourhood) -> SampleDraw:
    """Draw the plans of the wijk whose report came in and that no earlier draw
    could pick: the regeling's share (``random_sample_percent``), rounded up. The
    seed, the candidates and the plans drawn are stored, so the draw can be re-run
    and checked (``sample_pick``). Refusals: ``nothing_to_draw``."""
    neighbourhood = Neighbourhood.objects.select_for_update().get(pk=neighbourhood.pk)
    if not is_wijk_official(user=actor, neighbourhood=neighbourhood):
        raise PermissionDenied
    population = sample_candidates(neighbourhood=neighbourhood)
    if not population:
        raise ValidationError(
            _("There are no reports to draw from."), code="nothing_to_draw"
        )
    version = regulation_version_in_force(
        regulation=neighbourhood.regulation, at=timezone.now()
    )
    percent = version.random_sample_percent
    seed = secrets.token_hex(16)
    drawn = sample_pick(population, seed, sample_size(len(population), percent))
    draw = SampleDraw.objects.create(
        neighbourhood=neighbourhood,
        seed=seed,
        percent=percent,
        population=population,
        drawn=drawn,
        drawn_by=actor,
    )
    audit_record(
        actor=actor,
        action="accountability.sample_draw",
        subject=neighbourhood,
        data={
            "draw": str(draw.uuid),
            "seed": seed,
            "percent": percent,
            "population": population,
            "drawn": drawn,
        },
    )
    return draw


def _close_vouchers(*, actor: User, initiative: Initiative) -> int:
    """Void every voucher of the plan that is still open; their balances go back
    to the wijk budget (``voucher_close``)."""
    returned = 0
    open_states = sorted(VOUCHER.sources("vouchers.void"))
    for voucher in Voucher.objects.filter(
        initiative=initiative, status__in=open_states
    ).order_by("pk"):
        returned += voucher_close(
            actor=actor,
            voucher=voucher,
            status=VoucherStatus.VOIDED,
            reason="plan settled",
        )
    return returned


@transaction.atomic
def settlement_make(
    *, actor: User, initiative: Initiative, motivation: str = "", sample_check: str = ""
) -> Settlement:
    """Settle a plan that is being carried out, by the mode its beschikking named.
    The final amount is what the vouchers spent; what is left on them and on the
    reservation goes back to the wijk budget; a plan drawn in a sample needs the
    finding of its closer check; a mode other than direct issues a beschikking
    (vaststelling). The plan goes to ``settled``.

    Refusals: ``invalid_status``, ``no_award``, ``report_required`` (ambtshalve and
    on application), ``sample_check_required``, ``claims_waiting``,
    ``motivation_required``. ``PermissionDenied`` unless a wijk official other
    than the initiator. A refusal changes nothing."""
    initiative = lock_plan(initiative)
    require_official(actor, initiative)
    require_in_execution(initiative)
    award = decision_award_latest(initiative=initiative)
    if award is None:
        raise ValidationError(_("This plan has no award to settle."), code="no_award")
    mode = award.settlement_mode or VaststellingMode.AMBTSHALVE
    report = AccountabilityReport.objects.filter(initiative=initiative).first()
    if report is None and mode != VaststellingMode.DIRECT:
        raise ValidationError(
            _("The initiator has not sent the report yet."), code="report_required"
        )
    draw = sample_draw_for(initiative=initiative)
    sample_check = sample_check.strip()
    if draw is not None and not sample_check:
        raise ValidationError(
            _(
                "This plan was drawn for a closer check. Write down what you "
                "checked and found."
            ),
            code="sample_check_required",
        )
    if claims_waiting(initiative=initiative):
        raise ValidationError(
            _(
                "A reimbursement or advance still waits for the cash manager. "
                "Settle the plan once it is decided."
            ),
            code="claims_waiting",
        )
    spending = spending_for(initiative=initiative)
    established = min(spending.spent_cents, int(award.amount_cents))
    motivation = motivation.strip()
    decision = None
    if mode != VaststellingMode.DIRECT:
        if not motivation:
            motivation = str(
                _(
                    "You carried out the plan and accounted for it. The vouchers "
                    "spent %(spent)s."
                )
                % {"spent": format_euro(established)}
            )
        decision = decision_issue_follow_up(
            actor=actor,
            initiative=initiative,
            outcome=DecisionOutcome.SETTLE,
            amount_cents=established,
            motivation=motivation,
        )
    returned = _close_vouchers(actor=actor, initiative=initiative)
    returned += reservation_release(actor=actor, initiative=initiative)
    settlement = Settlement.objects.create(
        initiative=initiative,
        mode=mode,
        report=report,
        sample_draw=draw,
        sample_check=sample_check if draw is not None else "",
        awarded_cents=int(award.amount_cents),
        established_cents=established,
        returned_cents=returned,
        decision=decision,
        settled_by=actor,
    )
    initiative_transition(
        actor=actor,
        initiative=initiative,
        to=InitiativeStatus.SETTLED,
        motivation=decision.number if decision else "",
    )
    audit_record(
        actor=actor,
        action="accountability.settlement_make",
        subject=initiative,
        data={
            "settlement": str(settlement.uuid),
            "mode": mode,
            "established_cents": established,
            "returned_cents": returned,
            "decision": decision.number if decision else None,
            "sample_draw": str(draw.uuid) if draw else None,
        },
    )
    return settlement
