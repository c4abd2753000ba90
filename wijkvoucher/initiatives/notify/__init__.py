"""What the people around an initiative are told, in plain language, at each step
(issue #3, point 10; docs/workflow.md#messages). Called inside the services' transactions:
``notification_send`` writes the in-app messages in the same transaction and e-mails
them only after it commits.

Residents (the initiator and accepted co-initiators) get one message per status
change, linking to their plan page. The contact official hears about what residents
do (a new plan, an answer, a withdrawal or cancellation); the regiegroep's chair and
secretary hear when a plan is ready for their agenda. Nobody is told about their own
step, except the initiator, who always gets the acknowledgement of receipt.

The messages about the Awb terms (extension, reminders, notice of default) are in
``notify.deadlines``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import format_day, message_day
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.deadlines import (
    DeadlineFacts,
    term_ended,
)
from wijkvoucher.initiatives.links import official_url, regiegroep_url, resident_url
from wijkvoucher.initiatives.models import (
    Initiative,
    StatusChange,
)
from wijkvoucher.initiatives.selectors.participation import initiators_of
from wijkvoucher.neighbourhoods.roles import LEADER_ROLES
from wijkvoucher.neighbourhoods.selectors.roles import (
    steering_group_members,
)
from wijkvoucher.notifications.services import notification_send

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

S = InitiativeStatus


@dataclass(frozen=True)
class Message:
    subject: Promise
    body: Promise


# --- To the initiator and co-initiators, one per status -----------------------------

RESIDENT_MESSAGES: dict[S, Message] = {
    S.SUBMITTED: Message(
        _("We have received your plan “%(title)s”"),
        _(
            "Thank you for your plan “%(title)s”. We received it on %(received)s.\n\n"
            "What happens now: your contact person at the municipality, "
            "%(contact)s, checks whether the plan fits the rules. Then the "
            "regiegroep of your wijk discusses it.\n\n"
            "You will hear from us by %(due)s at the latest. If we need more "
            "information from you, that date moves by the days we wait for your "
            "answer."
        ),
    ),
    S.INFORMATION_REQUESTED: Message(
        _("We need more information about “%(title)s”"),
        _(
            "Before we can handle your plan “%(title)s”, we need more information "
            "from you. This is the question:\n\n%(motivation)s\n\n"
            "Please send your answer by %(information_due)s. You can answer on the "
            "page of your plan. While we wait for your answer, the time for our "
            "decision stands still. If we do not receive an answer in time, we may "
            "stop handling your plan."
        ),
    ),
    S.CHECKED: Message(
        _("Your plan “%(title)s” has been checked"),
        _(
            "Your contact person has checked your plan “%(title)s” against the "
            "rules. The next step: the regiegroep of your wijk puts it on the "
            "agenda of a meeting. You will hear from us by %(due)s at the latest."
        ),
    ),
    S.IN_CONSULTATION: Message(
        _("Your neighbours can give their opinion on “%(title)s”"),
        _(
            "The regiegroep asks the people in your wijk what they think of your "
            "plan “%(title)s”. After that, the regiegroep discusses it."
        ),
    ),
    S.IN_DELIBERATION: Message(
        _("The regiegroep is discussing “%(title)s”"),
        _(
            "The regiegroep of your wijk is now discussing your plan “%(title)s”. "
            "You will hear the outcome from us by %(due)s at the latest."
        ),
    ),
    S.IN_EXECUTION: Message(
        _("You can start with “%(title)s”"),
        _(
            "Your plan “%(title)s” is now being carried out. On the page of your "
            "plan you see what you can spend and how."
        ),
    ),
    S.CANCELLED: Message(
        _("Your plan “%(title)s” has been cancelled"),
        _(
            "Your plan “%(title)s” has been cancelled.\n\nReason: %(reason)s.\n"
            "%(motivation)s\n\nMoney that was not spent goes back to the budget of "
            "the wijk."
        ),
    ),
    S.SETTLED: Message(
        _("Your plan “%(title)s” has been settled"),
        _(
            "The municipality has settled your plan “%(title)s”: the final amount "
            "is fixed. Thank you for what you did for your wijk."
        ),
    ),
    S.WITHDRAWN: Message(
        _("Your plan “%(title)s” has been withdrawn"),
        _(
            "Your plan “%(title)s” has been withdrawn. We will not handle it any "
            "further. You can always start a new plan."
        ),
    ),
}

# After an answer to an information request the plan is "submitted" again: this is
# not a new receipt, so the residents get this instead of the acknowledgement.
ANSWER_RECEIVED = Message(
    _("We have received your answer about “%(title)s”"),
    _(
        "Thank you for your answer about your plan “%(title)s”. We continue "
        "handling it. You will hear from us by %(due)s at the latest."
    ),
)

# When the decision date has already passed, a message must not promise it: these
# replace the ones above that say "by %(due)s at the latest".
LATE_RESIDENT_MESSAGES: dict[S, Message] = {
    S.CHECKED: Message(
        _("Your plan “%(title)s” has been checked"),
        _(
            "Your contact person has checked your plan “%(title)s” against the "
            "rules. The next step: the regiegroep of your wijk puts it on the "
            "agenda of a meeting.\n\n%(late)s"
        ),
    ),
    S.IN_DELIBERATION: Message(
        _("The regiegroep is discussing “%(title)s”"),
        _(
            "The regiegroep of your wijk is now discussing your plan “%(title)s”."
            "\n\n%(late)s"
        ),
    ),
}
ANSWER_RECEIVED_LATE = Message(
    _("We have received your answer about “%(title)s”"),
    _(
        "Thank you for your answer about your plan “%(title)s”. We continue "
        "handling it.\n\n%(late)s"
    ),
)
LATE_SENTENCE = _(
    "We should have decided by %(due)s. We are late, and we are sorry. We will "
    "decide as soon as possible. On the page of your plan you can see what you can "
    "do now."
)

# --- To the contact official ----------------------------------------------------------

OFFICIAL_NEW = Message(
    _("New plan to handle: “%(title)s”"),
    _(
        "%(initiator)s has sent in the plan “%(title)s” in %(wijk)s. You are the "
        "contact official. The decision is due by %(due)s."
    ),
)
OFFICIAL_ANSWERED = Message(
    _("Answer received for “%(title)s”"),
    _(
        "%(initiator)s has answered your question about the plan “%(title)s”. "
        "The decision term runs again; the decision is due by %(due)s."
    ),
)
OFFICIAL_ANSWERED_LATE = Message(
    _("Answer received for “%(title)s”"),
    _(
        "%(initiator)s has answered your question about the plan “%(title)s”. "
        "The decision term ended on %(due)s: decide as soon as possible."
    ),
)
OFFICIAL_WITHDRAWN = Message(
    _("Plan withdrawn: “%(title)s”"),
    _(
        "%(initiator)s has withdrawn the plan “%(title)s”. You do not need to do "
        "anything more with it."
    ),
)
OFFICIAL_CANCELLED = Message(
    _("Plan cancelled: “%(title)s”"),
    _("%(initiator)s has cancelled the plan “%(title)s”.\n\n%(motivation)s"),
)

# --- To the regiegroep's chair and secretary --------------------------------------

REGIEGROEP_READY = Message(
    _("Plan ready for the agenda: “%(title)s”"),
    _(
        "The plan “%(title)s” in %(wijk)s has been checked by the municipality. "
        "You can put it on the agenda of a regiegroep meeting."
    ),
)


def _params(initiative: Initiative, change: StatusChange) -> dict[str, Any]:
    reason: Promise | str = ""
    if change.reason_code in ReasonCode.values:
        reason = ReasonCode(change.reason_code).label
    contact = initiative.contact_official
    return {
        "title": initiative.title,
        "wijk": initiative.neighbourhood.name,
        "initiator": initiative.initiator.display_name,
        "contact": contact.display_name if contact is not None else "–",
        "received": message_day(
            timezone.localdate(initiative.submitted_at)
            if initiative.submitted_at
            else None
        ),
        "due": message_day(initiative.decision_due_on),
        "information_due": message_day(initiative.information_due_on),
        "reason": reason,
        "motivation": change.motivation,
        "late": lazy(_late_sentence, str)(initiative.decision_due_on),
    }


def _late_sentence(due: dt.date | None) -> str:
    return str(LATE_SENTENCE) % {"due": format_day(due)}


def _is_late(initiative: Initiative) -> bool:
    """The decision date has passed while the plan waits for a decision."""
    return term_ended(DeadlineFacts.of(initiative), timezone.localdate())


def send(
    *,
    recipients: Iterable[User | None],
    kind: str,
    message: Message,
    params: dict[str, Any],
    url: str,
) -> None:
    notification_send(
        recipients=recipients,
        kind=kind,
        subject=message.subject,
        body=message.body,
        params=params,
        url=url,
    )


def _regiegroep_leads(initiative: Initiative) -> list[User]:
    rows = steering_group_members(neighbourhood=initiative.neighbourhood).filter(
        role__in=sorted(LEADER_ROLES)
    )
    return [row.user for row in rows]


# These steps are taken only by issuing a beschikking (decisions.decision_issue), whose
# own message gives its number, a link to it and the objection deadline: one message,
# not two. RESIDENT_MESSAGES has no text for them.
TOLD_BY_THE_BESCHIKKING: frozenset[S] = frozenset(
    {S.AWARDED, S.PARTLY_AWARDED, S.REJECTED, S.NOT_PROCESSED}
)
# Likewise the regiegroep's services tell the residents the meeting date of these
# steps themselves (regiegroep.agenda_date, .deferred, .advice).
TOLD_BY_THE_REGIEGROEP: frozenset[S] = frozenset({S.ON_AGENDA, S.DEFERRED, S.ADVISED})
TOLD_ELSEWHERE = TOLD_BY_THE_BESCHIKKING | TOLD_BY_THE_REGIEGROEP


def transition_notify(change: StatusChange) -> None:
    """Tell the people around the initiative about ``change`` (see the module
    docstring for who hears what)."""
    initiative = change.initiative
    target = S(change.to_status)
    source = S(change.from_status)
    params = _params(initiative, change)
    kind = f"initiative.{target.value}"
    actor_id = change.actor_id
    answered = source == S.INFORMATION_REQUESTED and target == S.SUBMITTED
    late = _is_late(initiative)
    message = ANSWER_RECEIVED if answered else RESIDENT_MESSAGES.get(target)
    if late:
        message = (
            ANSWER_RECEIVED_LATE if answered else LATE_RESIDENT_MESSAGES.get(target)
        ) or message
    if message is not None:
        send(
            recipients=initiators_of(initiative),
            kind=kind,
            message=message,
            params=params,
            url=resident_url(initiative),
        )
    official: Message | None = None
    if source == S.DRAFT and target == S.SUBMITTED:
        official = OFFICIAL_NEW
    elif answered:
        official = OFFICIAL_ANSWERED_LATE if late else OFFICIAL_ANSWERED
    elif target == S.WITHDRAWN and source != S.DRAFT:
        official = OFFICIAL_WITHDRAWN
    elif target == S.CANCELLED and actor_id == initiative.initiator_id:
        official = OFFICIAL_CANCELLED
    contact = initiative.contact_official
    if official is not None and contact is not None and contact.pk != actor_id:
        send(
            recipients=[contact],
            kind=f"{kind}.official",
            message=official,
            params=params,
            url=official_url(initiative),
        )
    if target == S.CHECKED:
        send(
            recipients=[u for u in _regiegroep_leads(initiative) if u.pk != actor_id],
            kind=f"{kind}.regiegroep",
            message=REGIEGROEP_READY,
            params=params,
            url=regiegroep_url(),
        )


# --- Hand-overs between contact officials ---------------------------------------------


HANDOVER_TO_RESIDENTS = Message(
    _("New contact person for “%(title)s”"),
    _(
        "From now on %(official)s is your contact person at the municipality for "
        "your plan “%(title)s”. The note your previous contact person left:\n\n"
        "%(note)s"
    ),
)
HANDOVER_TO_OFFICIAL = Message(
    _("Handed over to you: “%(title)s”"),
    _(
        "You are now the contact official for the plan “%(title)s” in %(wijk)s. "
        "The note of your colleague:\n\n%(note)s"
    ),
)


def handover_notify(*, initiative: Initiative, note: str) -> None:
    """Tell the residents who their new contact is, and the new contact what the
    previous one wrote, so that nobody has to tell the story twice."""
    official = initiative.contact_official
    params = {
        "title": initiative.title,
        "wijk": initiative.neighbourhood.name,
        "official": official.display_name if official is not None else "",
        "note": note,
    }
    send(
        recipients=initiators_of(initiative),
        kind="initiative.contact_changed",
        message=HANDOVER_TO_RESIDENTS,
        params=params,
        url=resident_url(initiative),
    )
    send(
        recipients=[official],
        kind="initiative.handed_over",
        message=HANDOVER_TO_OFFICIAL,
        params=params,
        url=official_url(initiative),
    )
