"""Deadlines (issue #3, point 8): extending the decision term once (Awb 4:14), and the
periodic scan that sends each reminder and escalation once (docs/workflow.md#deadlines-and-reminders). The flags
themselves are computed by the pure functions in ``initiatives/deadlines.py``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.deadlines import (
    DUE_SOON_DAYS,
    INFORMATION_REMINDER_DAYS,
    DeadlineFacts,
    DeadlineState,
    deadline_state,
    extended_due_on,
    extension_refusal,
)
from wijkvoucher.initiatives.models import DecisionTermExtension, Initiative
from wijkvoucher.initiatives.notify.deadlines import extension_notify, reminder_notify
from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.initiatives.selectors.initiatives import wijk_coordinators
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.initiatives.services.guards import (
    _lock,
    _require_text,
)
from wijkvoucher.initiatives.workflow import DECISION_PENDING
from wijkvoucher.notifications.services import deadline_reminder_claim

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def _extension_error(code: str, facts: DeadlineFacts) -> ValidationError:
    if code == "already_extended":
        return ValidationError(
            _("The decision term has already been extended. This is possible once."),
            code=code,
        )
    if code == "term_ended":
        return ValidationError(
            _(
                "The decision term ended on %(date)s. It can only be extended "
                "before it ends."
            ),
            code=code,
            params={
                "date": date_format(facts.decision_due_on)
                if facts.decision_due_on
                else "–"
            },
        )
    if code == "hard_limit":
        return ValidationError(
            _(
                "The decision term cannot be extended: it already reaches the hard "
                "limit of %(weeks)s weeks."
            ),
            code=code,
            params={"weeks": facts.hard_limit_weeks},
        )
    return ValidationError(
        _("Only a plan that is waiting for a decision can get more time."),
        code=code,
    )


@transaction.atomic
def initiative_extend_decision_term(
    *, actor: User, initiative: Initiative, motivation: str
) -> Initiative:
    """Extend the decision term once (Awb 4:14), by the regeling's
    ``decision_extension_weeks`` but never beyond the hard limit, before the term
    has ended. A wijk official does it, with a reason; the residents get the notice
    with the new date and the reason; the plan's timeline shows it."""
    initiative = _lock(initiative)
    if actor.pk == initiative.initiator_id or not is_wijk_official(
        user=actor, initiative=initiative
    ):
        raise PermissionDenied
    text = _require_text(motivation, str(_("reason")))
    today = timezone.localdate()
    facts = DeadlineFacts.of(initiative)
    refusal = extension_refusal(facts, today)
    if refusal:
        raise _extension_error(refusal, facts)
    old_due = initiative.decision_due_on
    new_due = extended_due_on(facts, today)
    if old_due is None or new_due is None:  # excluded by extension_refusal
        raise _extension_error("not_pending", facts)
    initiative.decision_due_on = new_due
    initiative.extension_used = True
    initiative.save(update_fields=["decision_due_on", "extension_used", "updated_at"])
    DecisionTermExtension.objects.create(
        initiative=initiative,
        from_due_on=old_due,
        to_due_on=new_due,
        motivation=text,
        actor=actor,
    )
    audit_record(
        actor=actor,
        action="initiatives.initiative_extend_decision_term",
        subject=initiative,
        data={
            "from": old_due.isoformat(),
            "to": new_due.isoformat(),
            "motivation": text,
        },
    )
    extension_notify(initiative=initiative, old_due=old_due, motivation=text)
    return initiative


# --- The periodic scan ------------------------------------------------------------------


def _candidates(today: dt.date) -> list[Initiative]:
    """Initiatives with a decision date within a week (or passed), or a
    hersteltermijn ending within the reminder days (or passed), locked in pk order."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    info_soon = today + dt.timedelta(days=INFORMATION_REMINDER_DAYS)
    return list(
        Initiative.objects.select_for_update(of=("self",))
        .filter(
            Q(status__in=sorted(DECISION_PENDING), decision_due_on__lte=soon)
            | Q(
                status=InitiativeStatus.INFORMATION_REQUESTED,
                information_due_on__lte=info_soon,
            )
        )
        .select_related(
            "neighbourhood", "initiator", "contact_official", "regulation_version"
        )
        .order_by("pk")
    )


def _decision_reminders(
    initiative: Initiative, state: DeadlineState, sent: list[dict[str, Any]]
) -> None:
    """The decision date in force (for a plan whose hersteltermijn passed unused, the
    date the running clock has reached again) a week ahead, on the day or after it,
    and the hard limit."""
    due = state.due_on
    if due is None or state.days_left is None:
        return
    contact = initiative.contact_official
    officials = [contact] if contact is not None else []
    if not officials:
        officials = list(wijk_coordinators(neighbourhood=initiative.neighbourhood))
    kind = "decision_due_soon" if state.days_left > 0 else "decision_due"
    if state.days_left <= DUE_SOON_DAYS and deadline_reminder_claim(
        subject=initiative, kind=kind, due_on=due
    ):
        reminder_notify(
            kind=kind,
            initiative=initiative,
            recipients=officials,
            days_left=state.days_left,
            extension_possible=state.extension_possible,
            extended_due_on=state.extended_due_on,
            hard_limit_on=state.hard_limit_on,
            due_on=due,
        )
        sent.append({"initiative": initiative.pk, "kind": kind, "due_on": due})
    limit = state.hard_limit_on
    if (
        state.hard_limit_reached
        and limit is not None
        and deadline_reminder_claim(
            subject=initiative, kind="decision_hard_limit", due_on=limit
        )
    ):
        coordinators = list(wijk_coordinators(neighbourhood=initiative.neighbourhood))
        reminder_notify(
            kind="decision_hard_limit",
            initiative=initiative,
            recipients=[*coordinators, contact],
            days_left=state.days_left,
            hard_limit_on=limit,
            due_on=due,
        )
        sent.append(
            {
                "initiative": initiative.pk,
                "kind": "decision_hard_limit",
                "due_on": limit,
            }
        )


def _information_reminders(
    initiative: Initiative, state: DeadlineState, sent: list[dict[str, Any]]
) -> None:
    due = state.information_due_on
    left = state.information_days_left
    if due is None or left is None:
        return
    if left < 0:
        kind = "information_expired"
        recipients = [initiative.contact_official]
    elif left <= INFORMATION_REMINDER_DAYS:
        kind = "information_due_soon"
        recipients = list(initiators_of(initiative))
    else:
        return
    if deadline_reminder_claim(subject=initiative, kind=kind, due_on=due):
        reminder_notify(kind=kind, initiative=initiative, recipients=recipients)
        sent.append({"initiative": initiative.pk, "kind": kind, "due_on": due})


@transaction.atomic
def initiative_deadline_reminders_send(
    *, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """Send every reminder and escalation that is due on ``today`` (default: today)
    and was not sent before: to the contact official a week before the decision date
    (day 21) and on it (day 28), with the extension prompt while an extension is
    possible; to the wijk's coordinators at the hard limit; to the initiator two days
    before the hersteltermijn ends; to the contact official when it has passed. Once
    the hersteltermijn has passed unused the decision clock runs again, so such a plan
    gets the decision reminders too. Each is recorded once (``DeadlineReminder``), so
    running it twice sends nothing new. A system action: one audit event when
    something was sent."""
    day = today or timezone.localdate()
    sent: list[dict[str, Any]] = []
    for initiative in _candidates(day):
        state = deadline_state(DeadlineFacts.of(initiative), day)
        _decision_reminders(initiative, state, sent)
        if state.paused:
            _information_reminders(initiative, state, sent)
    if sent:
        audit_record(
            actor=None,
            action="initiatives.initiative_deadline_reminders_send",
            data={
                "day": day.isoformat(),
                "sent": [{**row, "due_on": row["due_on"].isoformat()} for row in sent],
            },
        )
    return sent
