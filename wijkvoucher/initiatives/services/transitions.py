"""The workflow: every status change goes through ``initiative_transition``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.checks import plan_checks
from wijkvoucher.initiatives.constants import (
    InitiativeStatus,
    ReasonCode,
)
from wijkvoucher.initiatives.deadlines import (
    DeadlineFacts,
    decision_due_on,
    pause_days,
    pause_refusal,
)
from wijkvoucher.initiatives.models import (
    Initiative,
    StatusChange,
)
from wijkvoucher.initiatives.notify import transition_notify
from wijkvoucher.initiatives.requirements import requirements_missing
from wijkvoucher.initiatives.rules import submission_blockers
from wijkvoucher.initiatives.workflow import (
    ALLOWED_TRANSITIONS,
    CLOCK_PAUSED,
    REASON_REQUIRED,
)
from wijkvoucher.neighbourhoods.selectors.regulations import (
    regulation_version_in_force,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

from wijkvoucher.initiatives.services.guards import (
    S,
    _lock,
    _may_take_step,
    _require_text,
)

# --- The workflow ---------------------------------------------------------------------


def _check_reason(
    to: InitiativeStatus, reason_code: str, motivation: str
) -> tuple[str, str]:
    motivation = motivation.strip()
    if to not in REASON_REQUIRED:
        if reason_code:
            raise ValidationError(
                _("This step takes no reason code."), code="reason_not_applicable"
            )
        return "", motivation
    if not reason_code or not motivation:
        raise ValidationError(
            _("Give a reason and explain it for the step to %(status)s."),
            code="reason_required",
            params={"status": to.label},
        )
    if reason_code not in ReasonCode.values:
        raise ValidationError(
            _("Choose a reason from the list."), code="unknown_reason"
        )
    return reason_code, motivation


def _refuse_rule_breaches(initiative: Initiative, at: dt.datetime) -> None:
    """Hard rule breaches block submission (soft ones are for the regiegroep to
    weigh); the message lists each breach in the words the resident saw while
    writing."""
    blockers = submission_blockers(plan_checks(initiative=initiative, at=at))
    if blockers:
        raise ValidationError(
            _("Your plan does not fit the rules yet: %(breaches)s"),
            code="rule_breach",
            params={
                "breaches": " ".join(str(b.message) for b in blockers),
                "rules": [b.code for b in blockers],
            },
        )


def _submit_effects(initiative: Initiative, at: dt.datetime) -> dict[str, Any]:
    """Set what submission fixes: regeling version, receipt time, amount, contact
    official and the Awb decision date. Returns the audit data."""
    neighbourhood = initiative.neighbourhood
    version = regulation_version_in_force(regulation=neighbourhood.regulation, at=at)
    missing = requirements_missing(initiative=initiative, version=version)
    if missing:
        raise ValidationError(
            _("Your application is not complete yet. Still missing: %(missing)s."),
            code="incomplete",
            params={
                "missing": ", ".join(str(m.label) for m in missing),
                "fields": [m.key for m in missing],
            },
        )
    _refuse_rule_breaches(initiative, at)
    if neighbourhood.contact_official_id is None:
        raise ValidationError(
            _("This wijk has no contact official yet. Please try again later."),
            code="no_contact_official",
        )
    total = initiative.budget_lines.aggregate(total=Sum("amount_cents"))["total"]
    initiative.regulation_version = version
    initiative.submitted_at = at
    initiative.requested_amount_cents = total or 0
    initiative.contact_official_id = neighbourhood.contact_official_id
    initiative.decision_due_on = timezone.localdate(at) + dt.timedelta(
        weeks=version.decision_term_weeks
    )
    return {
        "regulation_version": version.pk,
        "requested_amount_cents": initiative.requested_amount_cents,
        "contact_official": initiative.contact_official_id,
        "decision_due_on": initiative.decision_due_on,
    }


def pause_refusal_error(
    initiative: Initiative, today: dt.date
) -> ValidationError | None:
    """Why the clock of ``initiative`` cannot be stopped today, or None when it can.
    A decision term that has ended cannot be paused (Awb 4:15 suspends a running
    term, docs/awb.md): whichever step would stop the clock is refused, and the plan
    stays overdue."""
    facts = DeadlineFacts.of(initiative)
    if not pause_refusal(facts, today):
        return None
    due = decision_due_on(facts, today)
    return ValidationError(
        _(
            "The decision term ended on %(date)s. You can no longer stop the clock "
            "with a question to the initiator. Decide on the plan as soon as "
            "possible: it stays marked as overdue."
        ),
        code="term_ended",
        params={"date": date_format(due, "DATE_FORMAT") if due else "–"},
    )


def _clock_effects(
    initiative: Initiative, to: InitiativeStatus, today: dt.date
) -> dict[str, Any]:
    """Awb 4:15: the hersteltermijn pauses the decision clock, but only while the
    decision term runs. Leaving the pause moves the decision date later by the days it
    stood still, counted up to the last day of the hersteltermijn at most: a late
    answer does not buy the municipality extra time."""
    if to in CLOCK_PAUSED:
        refusal = pause_refusal_error(initiative, today)
        if refusal is not None:
            raise refusal
        initiative.clock_paused_on = today
        initiative.information_due_on = _information_due(initiative, today)
        return {
            "clock_paused_on": today,
            "information_due_on": initiative.information_due_on,
        }
    information_due = initiative.information_due_on
    initiative.information_due_on = None
    if initiative.status in CLOCK_PAUSED and initiative.clock_paused_on is not None:
        paused = pause_days(initiative.clock_paused_on, information_due, today)
        initiative.clock_paused_on = None
        initiative.clock_paused_days += paused
        if initiative.decision_due_on is not None:
            initiative.decision_due_on += dt.timedelta(days=paused)
        return {"paused_days": paused, "decision_due_on": initiative.decision_due_on}
    return {}


def _information_due(initiative: Initiative, today: dt.date) -> dt.date:
    """The last day of the hersteltermijn that starts ``today``."""
    version = initiative.regulation_version
    days = version.information_request_days if version is not None else 0
    return today + dt.timedelta(days=days)


def _refuse_while_term_runs(
    initiative: Initiative, target: InitiativeStatus, today: dt.date
) -> None:
    """Not processing a plan is only possible once the hersteltermijn has ended
    without an answer (Awb 4:5)."""
    if target != S.NOT_PROCESSED or initiative.status != S.INFORMATION_REQUESTED:
        return
    due = initiative.information_due_on
    if due is None and initiative.clock_paused_on is not None:
        due = _information_due(initiative, initiative.clock_paused_on)
    if due is not None and today <= due:
        raise ValidationError(
            _(
                "The initiator still has until %(date)s to send the information. "
                "You can stop handling the plan after that date."
            ),
            code="hersteltermijn_running",
            params={"date": date_format(due)},
        )


@transaction.atomic
def initiative_transition(
    *,
    actor: User,
    initiative: Initiative,
    to: InitiativeStatus | str,
    reason_code: str = "",
    motivation: str = "",
    at: dt.datetime | None = None,
) -> StatusChange:
    """The one way a status changes: checks the workflow table, who may take the step
    and the reasons; keeps the Awb clock; writes the timeline row and the audit event.
    ``at`` (default now) only matters for submission: it picks the regeling version."""
    initiative = _lock(initiative)
    target = InitiativeStatus(to)
    current = InitiativeStatus(initiative.status)
    if target not in ALLOWED_TRANSITIONS[current]:
        raise ValidationError(
            _("An initiative cannot go from %(old)s to %(new)s."),
            code="invalid_transition",
            params={"old": current.label, "new": target.label},
        )
    if not _may_take_step(actor=actor, initiative=initiative, to=target):
        raise PermissionDenied
    reason_code, motivation = _check_reason(target, reason_code, motivation)
    today = timezone.localdate()
    _refuse_while_term_runs(initiative, target, today)
    moment = at or timezone.now()
    data: dict[str, Any] = {"from": current.value, "to": target.value}
    if current == S.DRAFT and target == S.SUBMITTED:
        data.update(_submit_effects(initiative, moment))
    data.update(_clock_effects(initiative, target, today))
    change = StatusChange.objects.create(
        initiative=initiative,
        from_status=current,
        to_status=target,
        actor=actor,
        reason_code=reason_code,
        motivation=motivation,
    )
    initiative.status = target
    initiative.save()
    if reason_code:
        data["reason_code"] = reason_code
    public_pages_changed(neighbourhood=initiative.neighbourhood)
    audit_record(
        actor=actor,
        action="initiatives.initiative_transition",
        subject=initiative,
        data=data,
    )
    transition_notify(change)
    return change


def initiative_submit(
    *, actor: User, initiative: Initiative, at: dt.datetime | None = None
) -> Initiative:
    """Draft → submitted by the initiator. Needs a title, description, dates and at
    least one cost line (code ``incomplete``). Fixes the regeling version in force at
    ``at`` (default now), the amount, the contact official and the decision date."""
    change = initiative_transition(
        actor=actor, initiative=initiative, to=S.SUBMITTED, at=at
    )
    return change.initiative


def initiative_withdraw(
    *, actor: User, initiative: Initiative, motivation: str
) -> Initiative:
    """The initiator withdraws, any time before the decision. The motivation may be
    empty: an applicant owes no reasons."""
    change = initiative_transition(
        actor=actor, initiative=initiative, to=S.WITHDRAWN, motivation=motivation
    )
    return change.initiative


def initiative_request_information(
    *, actor: User, initiative: Initiative, message: str
) -> StatusChange:
    """Submitted → information requested by a wijk official (Awb 4:5, the
    hersteltermijn). The message to the initiator is required; the term (today plus
    the regeling's ``information_request_days``) is added to it in the initiator's
    language, so the timeline says what was asked and by when."""
    text = _require_text(message, str(_("message")))
    due = _information_due(initiative, timezone.localdate())
    with translation.override(initiative.initiator.preferred_language or None):
        term = gettext("Please send the information by %(date)s.") % {
            "date": date_format(due)
        }
    return initiative_transition(
        actor=actor,
        initiative=initiative,
        to=S.INFORMATION_REQUESTED,
        motivation=f"{text}\n\n{term}",
    )
