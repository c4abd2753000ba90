"""The initiator gives the municipality notice of default (ingebrekestelling, Awb
4:17): the decision term has ended without a decision. The day the notice is received
fixes the first day of the penalty payment (docs/awb.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import format_day
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.deadlines import (
    AWAITING_DECISION,
    DeadlineFacts,
    decision_due_on,
    penalty_starts_on,
    term_ended,
)
from wijkvoucher.initiatives.models import Initiative, NoticeOfDefault
from wijkvoucher.initiatives.notify.deadlines import notice_of_default_notify
from wijkvoucher.initiatives.services.guards import _lock

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

NOTICE_MESSAGE_MAX_LENGTH = 2000


def _refuse(initiative: Initiative) -> None:
    """The notice is possible once, while the plan waits for a decision whose date has
    passed (a notice sent before that date has no effect in law)."""
    if initiative.status not in AWAITING_DECISION:
        raise ValidationError(
            _(
                "We have already decided on your plan, or it is no longer being "
                "handled. A notice of default is no longer possible."
            ),
            code="not_awaiting",
        )
    earlier = NoticeOfDefault.objects.filter(initiative=initiative).first()
    if earlier is not None:
        raise ValidationError(
            _(
                "You already sent a notice of default on %(date)s. You do not need "
                "to send it again."
            ),
            code="already_sent",
            params={"date": format_day(timezone.localdate(earlier.received_at))},
        )
    today = timezone.localdate()
    facts = DeadlineFacts.of(initiative)
    if not term_ended(facts, today):
        due = decision_due_on(facts, today)
        if due is None:
            raise ValidationError(
                _(
                    "The time for our decision stands still while we wait for your "
                    "answer. A notice of default is not possible now."
                ),
                code="term_paused",
            )
        raise ValidationError(
            _(
                "We still have until %(date)s to decide. You can send a notice of "
                "default after that date."
            ),
            code="term_running",
            params={"date": format_day(due)},
        )


@transaction.atomic
def initiative_notice_of_default_send(
    *, actor: User, initiative: Initiative, message: str = ""
) -> NoticeOfDefault:
    """The initiator's notice of default, received now: recorded once (append-only),
    with the decision date that had passed and the first day of the penalty payment;
    the residents get the receipt, the contact official and the wijk's coordinators
    the alarm."""
    initiative = _lock(initiative)
    if actor.pk != initiative.initiator_id:
        raise PermissionDenied
    text = message.strip()
    if len(text) > NOTICE_MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("Your message is too long: at most %(max)s characters."),
            code="message_too_long",
            params={"max": NOTICE_MESSAGE_MAX_LENGTH},
        )
    _refuse(initiative)
    now = timezone.now()
    today = timezone.localdate(now)
    due = decision_due_on(DeadlineFacts.of(initiative), today)
    if due is None:  # excluded by _refuse
        raise ValidationError(
            _("A notice of default is not possible now."), code="term_paused"
        )
    notice = NoticeOfDefault.objects.create(
        initiative=initiative,
        sender=actor,
        received_at=now,
        decision_due_on=due,
        penalty_starts_on=penalty_starts_on(today),
        message=text,
    )
    audit_record(
        actor=actor,
        action="initiatives.initiative_notice_of_default_send",
        subject=initiative,
        data={
            "decision_due_on": due.isoformat(),
            "penalty_starts_on": notice.penalty_starts_on.isoformat(),
        },
    )
    notice_of_default_notify(notice=notice)
    return notice
