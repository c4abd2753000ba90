"""The messages about the Awb terms of a plan: the extension of the decision term (Awb 4:14), the reminders and escalations of the periodic scan, and the notice of default (ingebrekestelling, Awb 4:17)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import format_day, message_day
from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.deadlines import (
    PENALTY_MAX_CENTS,
    penalty_rates_lazy,
)
from wijkvoucher.initiatives.links import official_url, resident_url
from wijkvoucher.initiatives.models import (
    Initiative,
    NoticeOfDefault,
)
from wijkvoucher.initiatives.notify import (
    Message,
    send,
)
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.selectors.roles import (
    role_holders,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


# --- The extension of the decision term (Awb 4:14) ----------------------------------


EXTENSION_NOTICE = Message(
    _("The decision on “%(title)s” will take longer"),
    _(
        "We need more time to decide on your plan “%(title)s”. We will decide by "
        "%(due)s at the latest, instead of %(old_due)s. The law allows us to do "
        "this once (article 4:14 of the Algemene wet bestuursrecht).\n\n"
        "Why we need more time: %(motivation)s"
    ),
)


def extension_notify(
    *, initiative: Initiative, old_due: dt.date, motivation: str
) -> None:
    """The Awb 4:14 notice to the residents: the new date and the reason."""
    send(
        recipients=initiators_of(initiative),
        kind="initiative.decision_term_extended",
        message=EXTENSION_NOTICE,
        params={
            "title": initiative.title,
            "due": message_day(initiative.decision_due_on),
            "old_due": message_day(old_due),
            "motivation": motivation,
        },
        url=resident_url(initiative),
    )


# --- Reminders and escalations from the periodic scan -------------------------------


REMINDERS: dict[str, Message] = {
    # Day 21 of a four-week term: a week left.
    "decision_due_soon": Message(
        _("Decision due on %(due)s: “%(title)s”"),
        _(
            "The decision on the plan “%(title)s” in %(wijk)s is due by %(due)s, "
            "in %(days)s days.\n\n%(extension)s"
        ),
    ),
    # Day 28: the last day of the term (or it has passed).
    "decision_due": Message(
        _("Decision due today or overdue: “%(title)s”"),
        _(
            "The decision term for the plan “%(title)s” in %(wijk)s runs until %(due)s."
            "\n\n%(extension)s\n\nThe hard limit for the decision is %(hard_limit)s."
        ),
    ),
    # The hard limit: escalate to the coordinators.
    "decision_hard_limit": Message(
        _("Hard limit reached: “%(title)s”"),
        _(
            "The plan “%(title)s” in %(wijk)s has reached the hard limit for a "
            "decision (%(hard_limit)s). Contact official: %(contact)s.\n\n"
            "If no decision is taken now, the initiator can give the municipality "
            "notice of default and the municipality may owe a penalty payment "
            "(dwangsom, Algemene wet bestuursrecht article 4:17). Please make sure "
            "a decision is taken today."
        ),
    ),
    # To the initiator: the hersteltermijn ends soon.
    "information_due_soon": Message(
        _("Reminder: we are waiting for your answer about “%(title)s”"),
        _(
            "We asked you for more information about your plan “%(title)s”. "
            "Please send your answer by %(information_due)s. You can answer on the "
            "page of your plan. If we do not receive an answer in time, we may stop "
            "handling your plan."
        ),
    ),
    # To the contact official: the hersteltermijn has passed without an answer.
    "information_expired": Message(
        _("No answer in time: “%(title)s”"),
        _(
            "The initiator of the plan “%(title)s” in %(wijk)s has not answered "
            "your question by %(information_due)s. You can now decide to stop "
            "handling the plan (not processed), or give more time by waiting."
        ),
    ),
}


EXTENSION_HINT = _(
    "If the decision cannot be taken in time, you can extend the term once, to "
    "%(extended)s at the latest. The initiator must receive that notice before the "
    "term ends (Algemene wet bestuursrecht article 4:14)."
)


EXTENSION_USED = _(
    "The term has already been extended once; it cannot be extended again."
)


TERM_PASSED = _(
    "The term has passed without a decision. Please decide as soon as possible."
)


def _reminder_extension_text(
    *, possible: bool, extended: dt.date | None, overdue: bool
) -> Promise | str:
    if possible and extended is not None:
        return _lazy_hint(extended)
    if overdue:
        return TERM_PASSED
    return EXTENSION_USED


def _hint(extended: dt.date) -> str:
    return str(EXTENSION_HINT) % {"extended": format_day(extended)}


# Rendered when the message is written, so in the recipient's language.
_lazy_hint = lazy(_hint, str)


def reminder_notify(
    *,
    kind: str,
    initiative: Initiative,
    recipients: Iterable[User | None],
    days_left: int | None = None,
    extension_possible: bool = False,
    extended_due_on: dt.date | None = None,
    hard_limit_on: dt.date | None = None,
    due_on: dt.date | None = None,
) -> None:
    """One reminder or escalation of ``kind`` (a key of ``REMINDERS``); ``due_on``:
    the decision date in force, when it is not the stored one."""
    contact = initiative.contact_official
    to_residents = kind == "information_due_soon"
    params: dict[str, Any] = {
        "title": initiative.title,
        "wijk": initiative.neighbourhood.name,
        "contact": contact.display_name if contact is not None else "–",
        "due": message_day(due_on or initiative.decision_due_on),
        "days": days_left if days_left is not None else "–",
        "information_due": message_day(initiative.information_due_on),
        "hard_limit": message_day(hard_limit_on),
        "extension": _reminder_extension_text(
            possible=extension_possible,
            extended=extended_due_on,
            overdue=days_left is not None and days_left < 0,
        ),
    }
    send(
        recipients=recipients,
        kind=f"reminder.{kind}",
        message=REMINDERS[kind],
        params=params,
        url=resident_url(initiative) if to_residents else official_url(initiative),
    )


# --- The notice of default (ingebrekestelling, Awb 4:17) ------------------------------


NOTICE_RECEIVED = Message(
    _("We have received your notice of default for “%(title)s”"),
    _(
        "We received your notice of default for your plan “%(title)s” on "
        "%(received)s. You are right: we should have decided by %(due)s.\n\n"
        "If we have still not decided on %(starts)s, from that day we owe you a "
        "penalty payment for each day without a decision: %(rates)s You do not need "
        "to do anything for this. After our decision we tell you in a separate "
        "decision how much we owe you."
    ),
)


NOTICE_TO_OFFICIALS = Message(
    _("Notice of default: “%(title)s”"),
    _(
        "%(initiator)s has given the municipality notice of default for the plan "
        "“%(title)s” in %(wijk)s on %(received)s. The decision was due on %(due)s. "
        "Contact official: %(contact)s.\n\n"
        "Decide before %(starts)s. From that day the municipality owes a penalty "
        "payment for each day without a decision, at most %(max)s (Algemene wet "
        "bestuursrecht article 4:17)."
    ),
)


def notice_of_default_notify(*, notice: NoticeOfDefault) -> None:
    """The receipt to the residents (with the date the penalty payment would start)
    and the alarm to the contact official and the wijk's coordinators."""
    initiative = notice.initiative
    contact = initiative.contact_official
    params = {
        "title": initiative.title,
        "wijk": initiative.neighbourhood.name,
        "initiator": initiative.initiator.display_name,
        "contact": contact.display_name if contact is not None else "–",
        "received": message_day(timezone.localdate(notice.received_at)),
        "due": message_day(notice.decision_due_on),
        "starts": message_day(notice.penalty_starts_on),
        "rates": penalty_rates_lazy(),
        "max": format_euro(PENALTY_MAX_CENTS),
    }
    send(
        recipients=initiators_of(initiative),
        kind="initiative.notice_of_default_received",
        message=NOTICE_RECEIVED,
        params=params,
        url=resident_url(initiative),
    )
    coordinators = role_holders(
        neighbourhood=initiative.neighbourhood, roles=[Role.COORDINATOR]
    )
    send(
        recipients=[contact, *coordinators],
        kind="initiative.notice_of_default",
        message=NOTICE_TO_OFFICIALS,
        params=params,
        url=official_url(initiative),
    )
