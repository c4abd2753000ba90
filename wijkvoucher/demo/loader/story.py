"""The story, replayed on a moved clock: plans sent and checked, regiegroep meetings, beschikkingen and what follows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from unittest import mock

from django.utils import timezone

from wijkvoucher.accounts.models import User
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.services import (
    decision_issue,
    initiative_cancel,
    objection_register,
)
from wijkvoucher.demo import content as c
from wijkvoucher.demo.loader.setup import (
    _draft,
    _person,
    _Setup,
)
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import (
    co_initiator_accept,
    co_initiator_invite,
    initiative_request_information,
    initiative_send,
    initiative_transition,
    initiative_withdraw,
    support_sign,
)
from wijkvoucher.initiatives.services import participation as participation_services
from wijkvoucher.initiatives.services.sending import SendAnswers
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.selectors import (
    members_on,
    voting_member_ids,
)
from wijkvoucher.regiegroep.selectors_conflicts import conflicts_for
from wijkvoucher.regiegroep.services import (
    advice_record,
    agenda_item_add,
    agenda_item_defer,
    agenda_item_open,
    assessment_record,
    attendance_record,
    conflict_declare,
    meeting_close,
    meeting_open,
    meeting_plan,
    minutes_publish,
    minutes_save,
    vote_cast,
)
from wijkvoucher.vouchers.models import Redemption, Voucher

Step = tuple[int, int, Callable[[], None]]


# Drafts are written this many days before the demo day.
DRAFT_DAYS_AGO = 3


@dataclass
class _Story:
    """What the replay has made so far, by the keys used in the content."""

    setup: _Setup
    neighbourhoods: dict[str, Neighbourhood]
    plans: dict[str, Initiative] = field(default_factory=dict)
    meetings: dict[tuple[str, int], Meeting] = field(default_factory=dict)
    items: dict[str, AgendaItem] = field(default_factory=dict)
    vouchers: dict[str, list[Voucher]] = field(default_factory=dict)
    # By their index in ``REDEMPTIONS`` (the replay runs them in time order).
    redemptions: dict[int, Redemption] = field(default_factory=dict)

    def plan(self, key: str) -> Initiative:
        return Initiative.objects.get(pk=self.plans[key].pk)

    def official(self, slug: str) -> User:
        contact = self.neighbourhoods[slug].contact_official
        if contact is None:  # every demo wijk has one
            raise LookupError(slug)
        return contact

    def leader(self, slug: str, role: Role) -> User:
        wijk = next(w for w in c.WIJKEN if w.slug == slug)
        seat = next(s for s in wijk.steering if s.role == role)
        return _person(seat.person)

    def moment(self, days_ago: int, order: int) -> dt.datetime:
        """10:00 local time ``days_ago`` days before the demo day, plus ``order``
        minutes. Today's steps end about now."""
        day = self.setup.today - dt.timedelta(days=days_ago)
        base = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        if days_ago > 0:
            return base + dt.timedelta(minutes=order)
        now = timezone.now()
        midnight = timezone.make_aware(dt.datetime.combine(day, dt.time(0, 1)))
        moment = max(midnight, now - dt.timedelta(minutes=120))
        return min(moment + dt.timedelta(minutes=order), now)


def _submit_steps(story: _Story, spec: c.InitiativeSpec) -> list[Step]:
    slug = spec.wijk_slug
    key = spec.key

    def write() -> None:
        story.plans[key] = _draft(story.setup, spec, story.neighbourhoods[slug])

    if spec.status == InitiativeStatus.DRAFT:
        return [(DRAFT_DAYS_AGO, 10, write)]

    def submit() -> None:
        write()
        initiator = _person(spec.initiator)
        initiative_send(
            actor=initiator,
            initiative=story.plan(key),
            answers=SendAnswers(
                full_name=initiator.full_name,
                of_age=True,
                publish_initiator_name=initiator.consent_publish_name,
            ),
        )
        for person in spec.co_initiators:
            _co_initiator(story.plan(key), _person(spec.initiator), _person(person))

    def sign() -> None:
        for person in spec.supporters:
            support_sign(
                actor=_person(person), initiative=story.plan(key), stance="for"
            )

    steps: list[Step] = [(spec.submitted_days_ago, 10, submit)]
    if spec.supporters:
        steps.append((spec.submitted_days_ago - 1, 5, sign))
    return steps + _official_steps(story, spec)


def _official_steps(story: _Story, spec: c.InitiativeSpec) -> list[Step]:
    """The contact official asks for information or marks the plan as checked."""
    slug = spec.wijk_slug
    key = spec.key
    steps: list[Step] = []
    if spec.information_request:

        def ask() -> None:
            initiative_request_information(
                actor=story.official(slug),
                initiative=story.plan(key),
                message=spec.information_request,
            )

        steps.append((spec.information_requested_days_ago, 30, ask))
    if spec.checked_days_ago is not None:

        def check() -> None:
            initiative_transition(
                actor=story.official(slug),
                initiative=story.plan(key),
                to=InitiativeStatus.CHECKED,
            )

        steps.append((spec.checked_days_ago, 30, check))
    return steps


def _co_initiator(initiative: Initiative, initiator: User, person: User) -> None:
    """Invite and accept at once. The token normally exists only in the invitation
    e-mail; here the service gets a known one, so the loader can accept."""
    token = f"demo-{initiative.uuid.hex}-{person.pk}"
    fixed = SimpleNamespace(token_urlsafe=lambda _n=0: token)
    with mock.patch.object(participation_services, "secrets", fixed):
        co_initiator_invite(
            actor=initiator, initiative=initiative, email=person.email or ""
        )
    co_initiator_accept(actor=person, token=token)


def _meeting_steps(story: _Story, spec: c.MeetingSpec) -> list[Step]:
    slug = spec.wijk_slug
    ref = (slug, spec.held_days_ago)

    def plan() -> None:
        story.meetings[ref] = meeting_plan(
            actor=story.leader(slug, Role.STEERING_SECRETARY),
            neighbourhood=story.neighbourhoods[slug],
            held_on=story.setup.today - dt.timedelta(days=spec.held_days_ago),
            starts_at_time=dt.time(19, 30),
        )

    def agenda() -> None:
        for item in spec.items:
            story.items[item.key] = agenda_item_add(
                actor=story.leader(slug, Role.STEERING_SECRETARY),
                meeting=story.meetings[ref],
                initiative=story.plan(item.key),
            )

    steps: list[Step] = [(spec.planned_days_ago, 1, plan)]
    if spec.items:
        steps.append((spec.agenda_days_ago, 40, agenda))
    if spec.held_days_ago < 0:
        return steps
    return steps + _meeting_day_steps(story, spec)


def _meeting_day_steps(story: _Story, spec: c.MeetingSpec) -> list[Step]:
    """The meeting itself; for a past meeting also closing it and the minutes."""
    slug = spec.wijk_slug
    ref = (slug, spec.held_days_ago)

    def hold() -> None:
        meeting = story.meetings[ref]
        present = [
            m.user
            for m in members_on(neighbourhood=meeting.neighbourhood, on=meeting.held_on)
            if m.user.email not in spec.absent
        ]
        attendance_record(
            actor=story.leader(slug, Role.STEERING_SECRETARY),
            meeting=meeting,
            present=present,
        )
        meeting = meeting_open(
            actor=story.leader(slug, Role.STEERING_CHAIR), meeting=meeting
        )
        for item in spec.items:
            _discuss(
                story, meeting, item, present, story.leader(slug, Role.STEERING_CHAIR)
            )

    steps: list[Step] = [(spec.held_days_ago, 50, hold)]
    if not spec.minutes:
        return steps

    def close() -> None:
        meeting = meeting_close(
            actor=story.leader(slug, Role.STEERING_CHAIR), meeting=story.meetings[ref]
        )
        minutes_save(
            actor=story.leader(slug, Role.STEERING_SECRETARY),
            meeting=meeting,
            minutes=spec.minutes,
        )

    def publish() -> None:
        minutes_publish(
            actor=story.leader(slug, Role.STEERING_CHAIR), meeting=story.meetings[ref]
        )

    steps += [(spec.held_days_ago, 90, close), (spec.held_days_ago - 2, 20, publish)]
    return steps


def _discuss(
    story: _Story, meeting: Meeting, spec: c.Item, present: list[User], chair: User
) -> None:
    """One agenda item: interests, each member's judgement, the discussion, the
    votes and the advice (or deferral)."""
    item = AgendaItem.objects.get(pk=story.items[spec.key].pk)
    if spec.outcome == "defer":
        agenda_item_defer(
            actor=chair,
            agenda_item=item,
            reason_code=spec.reason_code,
            motivation=spec.motivation,
        )
        return
    voters = voting_member_ids(meeting=meeting)
    detected = conflicts_for(agenda_item=item)
    declared = {email: (kind, note) for email, kind, note in spec.declared}
    eligible: list[User] = []
    for member in present:
        if member.pk not in voters:
            continue
        kind, note = declared.get(member.email or "", ("", ""))
        conflict = member.pk in detected or bool(kind)
        conflict_declare(
            actor=chair,
            agenda_item=item,
            member=member,
            has_conflict=conflict,
            kind=kind,
            note=note,
        )
        if not conflict:
            eligible.append(member)
    for member in eligible:
        assessment_record(
            actor=member, agenda_item=item, opinion=_choice(spec, member, judge=True)
        )
    item = agenda_item_open(actor=chair, agenda_item=item)
    if spec.outcome == "open":
        return
    if not spec.by_consensus:
        for member in eligible:
            vote_cast(actor=member, agenda_item=item, choice=_choice(spec, member))
    advice_record(
        actor=chair,
        agenda_item=item,
        outcome=spec.outcome,
        motivation=spec.motivation,
        amount_cents=spec.amount_cents,
        reason_code=spec.reason_code,
        conditions=spec.conditions,
        by_consensus=spec.by_consensus,
    )


def _choice(spec: c.Item, member: User, *, judge: bool = False) -> str:
    """A member's vote (or, with ``judge``, their opinion beforehand)."""
    if member.email in spec.against:
        return "against"
    if member.email in spec.abstain:
        return "partly" if judge else "abstain"
    if judge and spec.outcome == "partly_award":
        return "partly"
    return "for"


def _decision_steps(story: _Story) -> list[Step]:
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = []
    for decided in c.DECISIONS:

        def issue(decided: c.DecisionSpec = decided) -> None:
            initiative = story.plan(decided.key)
            slug = specs[decided.key].wijk_slug
            if initiative.status == InitiativeStatus.INFORMATION_REQUESTED:
                decision_issue(
                    actor=story.official(slug),
                    initiative=initiative,
                    outcome="not_processed",
                    reason_code="other",
                    motivation=decided.motivation,
                )
                return
            advice = initiative.advices.order_by("-pk").first()
            if advice is None:  # the meeting gave it
                raise LookupError(decided.key)
            decision_issue(
                actor=story.official(slug),
                initiative=initiative,
                outcome=advice.outcome,
                amount_cents=advice.amount_cents,
                reason_code=advice.reason_code,
                motivation=decided.motivation or advice.motivation,
                public_explanation=decided.public_explanation,
                conditions=advice.conditions,
            )

        steps.append((decided.days_ago, 60, issue))
    return steps


def _follow_up_steps(story: _Story) -> list[Step]:
    """After the decisions: execution, a cancellation, a withdrawal, an objection."""
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = []
    for key, days_ago, reason, motivation in c.CANCELLATIONS:

        def cancel(
            key: str = key, reason: str = reason, text: str = motivation
        ) -> None:
            initiative_cancel(
                actor=_person(specs[key].initiator),
                initiative=story.plan(key),
                reason_code=reason,
                motivation=text,
            )

        steps.append((days_ago, 60, cancel))
    for key, days_ago, motivation in c.WITHDRAWALS:

        def withdraw(key: str = key, text: str = motivation) -> None:
            initiative_withdraw(
                actor=_person(specs[key].initiator),
                initiative=story.plan(key),
                motivation=text,
            )

        steps.append((days_ago, 60, withdraw))
    for key, received, registered, grounds in c.OBJECTIONS:

        def object_(
            key: str = key, received: int = received, text: str = grounds
        ) -> None:
            decision = Decision.objects.get(initiative=story.plan(key))
            objection_register(
                actor=story.official(specs[key].wijk_slug),
                decision=decision,
                received_on=story.setup.today - dt.timedelta(days=received),
                objector_name=specs[key].initiator.full_name,
                grounds=text,
            )

        steps.append((registered, 60, object_))
    return steps
