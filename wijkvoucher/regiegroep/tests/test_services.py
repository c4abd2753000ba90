"""The regiegroep's write services: every guard, and the way from a checked plan to
an advice."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="misc"
import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import StatusChange, SupportSignature
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready, step
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.neighbourhoods.tests.factories import AddressFactory
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day
from wijkvoucher.notifications.models import Notification
from wijkvoucher.regiegroep.constants import (
    AdviceOutcome,
    AgendaItemStatus,
    MeetingStatus,
    VoteChoice,
)
from wijkvoucher.regiegroep.models import (
    Advice,
    AgendaItem,
    ConflictDeclaration,
    MemberVote,
)
from wijkvoucher.regiegroep.selectors import advice_latest, meeting_quorum
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
from wijkvoucher.regiegroep.tests.factories import (
    MEETING_DAY,
    Group,
    checked_plan,
    counts,
    declare_all,
    item_on_agenda,
    item_under_discussion,
    open_meeting,
    planned_meeting,
    regiegroep,
    state,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def group() -> Group:
    return regiegroep()


def award_by_consensus(group: Group, item: AgendaItem) -> Advice:
    """The chair records a consensus advice to award, the common step before a refusal."""
    return advice_record(
        actor=group.chair,
        agenda_item=item,
        outcome=AdviceOutcome.AWARD,
        motivation="Goed.",
        by_consensus=True,
    )


def _code(refused: pytest.ExceptionInfo[ValidationError]) -> str | None:
    return refused.value.code


# --- Planning a meeting ------------------------------------------------------------


def test_the_secretary_plans_a_meeting_with_the_cutoff_from_the_regeling(
    group: Group,
) -> None:
    meeting = planned_meeting(group)
    assert meeting.cutoff_on == MEETING_DAY - dt.timedelta(days=14)
    assert meeting.status == MeetingStatus.PLANNED
    assert AuditEvent.objects.latest("id").action == "regiegroep.meeting_plan"
    # every member hears about it
    assert Notification.objects.filter(kind="regiegroep.meeting_planned").count() == 6


@pytest.mark.parametrize("who", ["members", "adviser", "official"])
def test_only_chair_secretary_or_coordinator_plan_meetings(
    group: Group, who: str
) -> None:
    actor = getattr(group, who)
    actor = actor[0] if isinstance(actor, list) else actor
    before = counts()
    with pytest.raises(PermissionDenied):
        meeting_plan(actor=actor, neighbourhood=group.wijk, held_on=MEETING_DAY)
    assert counts() == before


def test_a_chair_of_another_wijk_cannot_plan_here(group: Group) -> None:
    other = regiegroep(neighbourhood_ready(start="2000AA", end="2000ZZ"))
    before = counts()
    with pytest.raises(PermissionDenied):
        meeting_plan(actor=other.chair, neighbourhood=group.wijk, held_on=MEETING_DAY)
    assert counts() == before


@pytest.mark.parametrize(
    ("day", "code"),
    [(TODAY - dt.timedelta(days=1), "in_past"), (MEETING_DAY, "duplicate")],
)
def test_no_meeting_in_the_past_or_twice_a_day(
    group: Group, day: dt.date, code: str
) -> None:
    planned_meeting(group)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        meeting_plan(actor=group.chair, neighbourhood=group.wijk, held_on=day)
    assert _code(refused) == code
    assert counts() == before


# --- The agenda --------------------------------------------------------------------


def test_a_checked_plan_goes_on_the_agenda_and_the_initiator_hears_the_date(
    group: Group,
) -> None:
    item = item_on_agenda(group)
    item.initiative.refresh_from_db()
    assert item.initiative.status == S.ON_AGENDA
    assert item.position == 1
    assert StatusChange.objects.filter(
        initiative=item.initiative, to_status=S.ON_AGENDA
    ).exists()
    note = Notification.objects.get(kind="regiegroep.agenda_date")
    assert note.recipient == item.initiative.initiator
    # in the initiator's language, as every other date in a message
    assert f"{MEETING_DAY.day} juli {MEETING_DAY.year}" in note.body
    # the members are asked to read it and declare their interests
    prompted = set(
        Notification.objects.filter(kind="regiegroep.agenda_item").values_list(
            "recipient_id", flat=True
        )
    )
    assert prompted == {u.pk for u in [*group.voters, group.adviser]}


def test_a_plan_checked_after_the_cutoff_is_refused(group: Group) -> None:
    meeting = planned_meeting(group, held_on=TODAY + dt.timedelta(days=10))
    plan = checked_plan(group.wijk)
    before = (counts(), plan.status)
    with pytest.raises(ValidationError) as refused:
        agenda_item_add(actor=group.secretary, meeting=meeting, initiative=plan)
    assert _code(refused) == "after_cutoff"
    plan.refresh_from_db()
    assert (counts(), plan.status) == before


def test_only_checked_or_deferred_plans_go_on_the_agenda(group: Group) -> None:
    meeting = planned_meeting(group)
    plan = checked_plan(group.wijk)
    plan = step(plan, S.REJECTED)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        agenda_item_add(actor=group.secretary, meeting=meeting, initiative=plan)
    assert _code(refused) == "wrong_status"
    assert counts() == before


def test_a_plan_of_another_wijk_stays_off_the_agenda(group: Group) -> None:
    meeting = planned_meeting(group)
    other = neighbourhood_ready(start="2000AA", end="2000ZZ")
    plan = checked_plan(other)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        agenda_item_add(actor=group.secretary, meeting=meeting, initiative=plan)
    assert _code(refused) == "other_wijk"
    assert counts() == before


def test_a_plan_is_not_put_on_an_agenda_twice(group: Group) -> None:
    item = item_on_agenda(group)
    later = planned_meeting(group, held_on=MEETING_DAY + dt.timedelta(days=7))
    before = counts()
    with pytest.raises(ValidationError) as refused:
        agenda_item_add(actor=group.chair, meeting=later, initiative=item.initiative)
    assert _code(refused) == "wrong_status"
    assert counts() == before


def test_the_contact_official_may_schedule_but_an_ordinary_member_may_not(
    group: Group,
) -> None:
    meeting = planned_meeting(group)
    plan = checked_plan(group.wijk)
    before = counts()
    with pytest.raises(PermissionDenied):
        agenda_item_add(actor=group.members[0], meeting=meeting, initiative=plan)
    assert counts() == before
    item = agenda_item_add(actor=group.official, meeting=meeting, initiative=plan)
    assert item.status == AgendaItemStatus.WAITING


# --- Attendance, opening, quorum ---------------------------------------------------


def test_the_meeting_opens_on_its_day_not_before(group: Group) -> None:
    meeting = planned_meeting(group)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        meeting_open(actor=group.chair, meeting=meeting)
    assert _code(refused) == "too_early"
    assert counts() == before
    with on_day(MEETING_DAY):
        meeting_open(actor=group.chair, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.OPEN


def test_attendance_counts_the_quorum_of_members_with_a_vote(group: Group) -> None:
    meeting = planned_meeting(group)
    attendance_record(
        actor=group.secretary,
        meeting=meeting,
        present=[group.chair, group.secretary, group.adviser],
    )
    quorum = meeting_quorum(meeting=meeting)
    # five with a vote: three are needed; the adviser does not count
    assert (quorum.voting_members, quorum.present, quorum.needed) == (5, 2, 3)
    assert not quorum.reached
    attendance_record(
        actor=group.secretary,
        meeting=meeting,
        present=[group.chair, group.secretary, group.members[0]],
    )
    assert meeting_quorum(meeting=meeting).reached


def test_only_members_can_be_present_and_only_leaders_record_it(
    group: Group,
) -> None:
    meeting = planned_meeting(group)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        attendance_record(
            actor=group.secretary, meeting=meeting, present=[group.official]
        )
    assert _code(refused) == "not_member"
    with pytest.raises(PermissionDenied):
        attendance_record(
            actor=group.members[0], meeting=meeting, present=[group.members[0]]
        )
    assert counts() == before


def test_an_item_opens_only_with_quorum(group: Group) -> None:
    item = item_on_agenda(group)
    with on_day(MEETING_DAY):
        open_meeting(group, item, [group.chair, group.secretary])
        declare_all(group, item, [group.chair, group.secretary])
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            agenda_item_open(actor=group.chair, agenda_item=item)
        assert _code(refused) == "no_quorum"
        assert state(item) == before


def test_an_item_opens_only_after_every_present_voter_declared(group: Group) -> None:
    item = item_on_agenda(group)
    with on_day(MEETING_DAY):
        open_meeting(group, item, group.voters)
        declare_all(group, item, group.voters[:-1])
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            agenda_item_open(actor=group.chair, agenda_item=item)
        assert _code(refused) == "declarations_missing"
        assert state(item) == before


def test_an_item_does_not_open_before_the_meeting(group: Group) -> None:
    item = item_on_agenda(group)
    attendance_record(actor=group.secretary, meeting=item.meeting, present=group.voters)
    declare_all(group, item, group.voters)
    before = state(item)
    with pytest.raises(ValidationError) as refused:
        agenda_item_open(actor=group.chair, agenda_item=item)
    assert _code(refused) == "meeting_status"
    assert state(item) == before


def test_an_ordinary_member_cannot_open_an_item(group: Group) -> None:
    item = item_on_agenda(group)
    with on_day(MEETING_DAY):
        open_meeting(group, item, group.voters)
        declare_all(group, item, group.voters)
        before = state(item)
        with pytest.raises(PermissionDenied):
            agenda_item_open(actor=group.members[0], agenda_item=item)
        assert state(item) == before


# --- Conflicts of interest ---------------------------------------------------------


def test_the_initiator_in_the_regiegroep_cannot_declare_the_conflict_away(
    group: Group,
) -> None:
    meeting = planned_meeting(group)
    AddressFactory(user=group.members[0], neighbourhood=group.wijk)
    plan = checked_plan(group.wijk, initiator=group.members[0])
    item = agenda_item_add(actor=group.secretary, meeting=meeting, initiative=plan)
    before = state(item)
    with pytest.raises(ValidationError) as refused:
        conflict_declare(
            actor=group.members[0],
            agenda_item=item,
            member=group.members[0],
            has_conflict=False,
        )
    assert _code(refused) == "conflict_detected"
    assert state(item) == before
    declaration = conflict_declare(
        actor=group.members[0],
        agenda_item=item,
        member=group.members[0],
        has_conflict=True,
        kind="other",
    )
    assert (declaration.kind, declaration.detected) == ("initiator", True)


def test_a_member_declares_their_own_interest_with_a_kind(group: Group) -> None:
    item = item_on_agenda(group)
    before = state(item)
    with pytest.raises(ValidationError) as refused:
        conflict_declare(
            actor=group.members[1],
            agenda_item=item,
            member=group.members[1],
            has_conflict=True,
        )
    assert _code(refused) == "kind_required"
    assert state(item) == before
    declaration = conflict_declare(
        actor=group.members[1],
        agenda_item=item,
        member=group.members[1],
        has_conflict=True,
        kind="other",
        note="Mijn zus doet mee.",
    )
    assert (declaration.has_conflict, declaration.detected) == (True, False)


def test_a_member_cannot_declare_for_someone_else_but_the_secretary_can(
    group: Group,
) -> None:
    item = item_on_agenda(group)
    before = state(item)
    with pytest.raises(PermissionDenied):
        conflict_declare(
            actor=group.members[0],
            agenda_item=item,
            member=group.members[1],
            has_conflict=False,
        )
    assert state(item) == before
    conflict_declare(
        actor=group.secretary,
        agenda_item=item,
        member=group.members[1],
        has_conflict=False,
    )
    assert ConflictDeclaration.objects.get(member=group.members[1]).recorded_by == (
        group.secretary
    )


def test_someone_outside_the_regiegroep_cannot_declare(group: Group) -> None:
    item = item_on_agenda(group)
    before = state(item)
    with pytest.raises(ValidationError) as refused:
        conflict_declare(
            actor=group.official,
            agenda_item=item,
            member=group.official,
            has_conflict=False,
        )
    assert _code(refused) == "not_member"
    assert state(item) == before


# --- Assessments and votes ---------------------------------------------------------


def test_members_assess_before_the_vote_and_may_change_their_mind(
    group: Group,
) -> None:
    item = item_on_agenda(group)
    assessment_record(actor=group.adviser, agenda_item=item, opinion="partly")
    again = assessment_record(
        actor=group.adviser, agenda_item=item, opinion="for", note="Goed plan."
    )
    assert (again.opinion, again.note) == ("for", "Goed plan.")
    before = state(item)
    with pytest.raises(ValidationError) as refused:
        assessment_record(actor=group.official, agenda_item=item, opinion="for")
    assert _code(refused) == "not_member"
    with pytest.raises(ValidationError) as refused:
        assessment_record(actor=group.chair, agenda_item=item, opinion="maybe")
    assert _code(refused) == "opinion_required"
    assert state(item) == before


def test_a_conflicted_member_cannot_assess_or_vote(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        # the system finds a support signature of members[0] after the item opened
        SupportSignature.objects.create(
            initiative=item.initiative,
            signer=group.members[0],
            address=AddressFactory(user=group.members[0], neighbourhood=group.wijk),
            stance="for",
        )
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            vote_cast(actor=group.members[0], agenda_item=item, choice="for")
        assert _code(refused) == "conflict"
        with pytest.raises(ValidationError) as refused:
            assessment_record(actor=group.members[0], agenda_item=item, opinion="for")
        assert _code(refused) == "conflict"
        assert state(item) == before


def test_a_member_votes_once(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        vote_cast(actor=group.members[0], agenda_item=item, choice="for")
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            vote_cast(actor=group.members[0], agenda_item=item, choice="against")
        assert _code(refused) == "already_voted"
        assert state(item) == before


def test_the_adviser_has_no_vote(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            vote_cast(actor=group.adviser, agenda_item=item, choice="for")
        assert _code(refused) == "no_vote"
        assert state(item) == before


def test_an_absent_member_cannot_vote(group: Group) -> None:
    item = item_on_agenda(group)
    with on_day(MEETING_DAY):
        present = group.voters[:-1]
        open_meeting(group, item, present)
        declare_all(group, item, present)
        agenda_item_open(actor=group.chair, agenda_item=item)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            vote_cast(actor=group.voters[-1], agenda_item=item, choice="for")
        assert _code(refused) == "absent"
        assert state(item) == before


def test_a_member_of_another_wijk_cannot_vote(group: Group) -> None:
    other = regiegroep(neighbourhood_ready(start="2000AA", end="2000ZZ"))
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            vote_cast(actor=other.members[0], agenda_item=item, choice="for")
        assert _code(refused) == "no_vote"
        assert state(item) == before


def test_no_vote_without_quorum(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        attendance_record(
            actor=group.secretary,
            meeting=item.meeting,
            present=[group.chair, group.members[0]],
        )
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            vote_cast(actor=group.members[0], agenda_item=item, choice="for")
        assert _code(refused) == "no_quorum"
        assert state(item) == before


def test_a_member_who_voted_cannot_be_marked_absent(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        vote_cast(actor=group.members[0], agenda_item=item, choice="for")
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            attendance_record(
                actor=group.secretary, meeting=item.meeting, present=group.voters[:2]
            )
        assert _code(refused) == "already_voted"
        assert state(item) == before


# --- The advice --------------------------------------------------------------------


def test_from_checked_to_advised_with_votes(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        for voter, choice in zip(
            group.voters,
            ["for", "for", "for", "against", "abstain"],
            strict=True,
        ):
            vote_cast(actor=voter, agenda_item=item, choice=choice)
        advice = advice_record(
            actor=group.chair,
            agenda_item=item,
            outcome=AdviceOutcome.AWARD,
            motivation="Goed voor de straat en breed gedragen.",
            conditions="Foto's na afloop.",
        )
        meeting_close(actor=group.chair, meeting=item.meeting)
    assert (advice.votes_for, advice.votes_against, advice.votes_abstain) == (3, 1, 1)
    assert advice.amount_cents == 45_000
    assert advice.authority_mode == AuthorityMode.ADVICE
    assert advice_latest(initiative=item.initiative) == advice
    steps = list(
        StatusChange.objects.filter(initiative=item.initiative)
        .order_by("pk")
        .values_list("to_status", flat=True)
    )
    assert steps == [S.SUBMITTED, S.CHECKED, S.ON_AGENDA, S.IN_DELIBERATION, S.ADVISED]
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.ADVISED
    recipients = set(
        Notification.objects.filter(kind="regiegroep.advice").values_list(
            "recipient_id", flat=True
        )
    )
    assert recipients == {item.initiative.initiator_id, group.official.pk}
    # each is sent to the page they can open: the plan for the initiator, the plan
    # file (where the decision is taken) for the contact official
    urls = dict(
        Notification.objects.filter(kind="regiegroep.advice").values_list(
            "recipient_id", "url"
        )
    )
    uuid = item.initiative.uuid
    assert urls == {
        item.initiative.initiator_id: reverse(
            "initiatives:plan_detail", kwargs={"initiative_uuid": uuid}
        ),
        group.official.pk: reverse(
            "initiatives:official_plan", kwargs={"initiative_uuid": uuid}
        ),
    }


def test_a_partial_award_by_consensus_needs_a_smaller_amount_and_a_reason(
    group: Group,
) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        before = state(item)
        for amount, reason, code in [
            (45_000, ReasonCode.OTHER, "amount_invalid"),
            (0, ReasonCode.OTHER, "amount_invalid"),
            (30_000, "", "reason_required"),
        ]:
            with pytest.raises(ValidationError) as refused:
                advice_record(
                    actor=group.secretary,
                    agenda_item=item,
                    outcome=AdviceOutcome.PARTLY_AWARD,
                    amount_cents=amount,
                    reason_code=reason,
                    motivation="Alleen de planten.",
                    by_consensus=True,
                )
            assert _code(refused) == code
        assert state(item) == before
        advice = advice_record(
            actor=group.secretary,
            agenda_item=item,
            outcome=AdviceOutcome.PARTLY_AWARD,
            amount_cents=30_000,
            reason_code=ReasonCode.OTHER_BUDGET,
            motivation="De aarde komt uit een ander budget.",
            by_consensus=True,
        )
    assert (advice.amount_cents, advice.by_consensus) == (30_000, True)
    assert advice.votes_for + advice.votes_against + advice.votes_abstain == 0


@pytest.mark.parametrize(
    ("outcome", "votes", "by_consensus", "code"),
    [
        (AdviceOutcome.AWARD, [], False, "no_votes"),
        (AdviceOutcome.AWARD, ["against", "against", "for"], False, "vote_mismatch"),
        (AdviceOutcome.REJECT, ["for", "for"], False, "vote_mismatch"),
        ("maybe", [], True, "outcome_required"),
    ],
)
def test_the_advice_must_match_the_votes(
    group: Group, outcome: str, votes: list[str], by_consensus: bool, code: str
) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        for voter, choice in zip(group.voters, votes, strict=False):
            vote_cast(actor=voter, agenda_item=item, choice=choice)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            advice_record(
                actor=group.chair,
                agenda_item=item,
                outcome=outcome,
                reason_code="" if outcome == AdviceOutcome.AWARD else "other",
                motivation="Zo besloten.",
                by_consensus=by_consensus,
            )
        assert _code(refused) == code
        assert state(item) == before


def test_a_rejection_has_a_reason_and_a_motivation_and_no_amount(
    group: Group,
) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        before = state(item)
        for kwargs, code in [
            ({"reason_code": "other", "motivation": "  "}, "motivation_required"),
            ({"reason_code": "", "motivation": "Te duur."}, "reason_required"),
            (
                {"reason_code": "other", "motivation": "Te duur.", "amount_cents": 5},
                "amount_invalid",
            ),
        ]:
            with pytest.raises(ValidationError) as refused:
                advice_record(
                    actor=group.chair,
                    agenda_item=item,
                    outcome=AdviceOutcome.REJECT,
                    by_consensus=True,
                    **kwargs,  # type: ignore[arg-type]
                )
            assert _code(refused) == code
        with pytest.raises(ValidationError) as refused:
            advice_record(
                actor=group.chair,
                agenda_item=item,
                outcome=AdviceOutcome.AWARD,
                reason_code="other",
                motivation="Goed.",
                by_consensus=True,
            )
        assert _code(refused) == "reason_not_applicable"
        assert state(item) == before
        advice = advice_record(
            actor=group.chair,
            agenda_item=item,
            outcome=AdviceOutcome.REJECT,
            reason_code=ReasonCode.NOT_FEASIBLE,
            motivation="Niet haalbaar in deze tijd.",
            by_consensus=True,
        )
    assert advice.amount_cents == 0


def test_no_advice_without_quorum_or_by_an_ordinary_member(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        before = state(item)
        with pytest.raises(PermissionDenied):
            advice_record(
                actor=group.members[0],
                agenda_item=item,
                outcome=AdviceOutcome.AWARD,
                motivation="Goed.",
                by_consensus=True,
            )
        attendance_record(
            actor=group.secretary, meeting=item.meeting, present=[group.chair]
        )
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            award_by_consensus(group, item)
        assert _code(refused) == "no_quorum"
        assert state(item) == before


def test_no_advice_twice(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        award_by_consensus(group, item)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            award_by_consensus(group, item)
        assert _code(refused) == "item_status"
        assert state(item) == before
    assert Advice.objects.count() == 1


# --- Deferring, closing, minutes ---------------------------------------------------


def test_a_deferred_plan_can_go_on_a_later_agenda(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            agenda_item_defer(
                actor=group.chair, agenda_item=item, reason_code="", motivation="x"
            )
        assert _code(refused) == "reason_required"
        assert state(item) == before
        agenda_item_defer(
            actor=group.chair,
            agenda_item=item,
            reason_code=ReasonCode.OTHER,
            motivation="We willen eerst de buren horen.",
        )
        meeting_close(actor=group.chair, meeting=item.meeting)
        later = meeting_plan(
            actor=group.chair,
            neighbourhood=group.wijk,
            held_on=MEETING_DAY + dt.timedelta(days=30),
        )
        again = agenda_item_add(
            actor=group.secretary, meeting=later, initiative=item.initiative
        )
    item.initiative.refresh_from_db()
    assert item.initiative.status == S.ON_AGENDA
    assert again.meeting == later
    assert Notification.objects.filter(kind="regiegroep.deferred").exists()


def test_a_waiting_plan_can_be_deferred_so_the_meeting_can_close(
    group: Group,
) -> None:
    item = item_on_agenda(group)
    with on_day(MEETING_DAY):
        open_meeting(group, item, group.voters)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            meeting_close(actor=group.chair, meeting=item.meeting)
        assert _code(refused) == "items_pending"
        assert state(item) == before
        agenda_item_defer(
            actor=group.secretary,
            agenda_item=item,
            reason_code=ReasonCode.OTHER,
            motivation="Geen tijd meer.",
        )
        meeting_close(actor=group.chair, meeting=item.meeting)
    item.initiative.refresh_from_db()
    assert item.initiative.status == S.DEFERRED


def test_minutes_are_written_then_published_once_after_closing(
    group: Group,
) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        award_by_consensus(group, item)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            minutes_publish(actor=group.secretary, meeting=item.meeting)
        assert _code(refused) == "meeting_status"
        assert state(item) == before
        meeting_close(actor=group.chair, meeting=item.meeting)
        with pytest.raises(ValidationError) as refused:
            minutes_publish(actor=group.secretary, meeting=item.meeting)
        assert _code(refused) == "no_minutes"
        with pytest.raises(PermissionDenied):
            minutes_save(actor=group.members[0], meeting=item.meeting, minutes="x")
        minutes_save(actor=group.secretary, meeting=item.meeting, minutes=" Notulen. ")
        minutes_publish(actor=group.secretary, meeting=item.meeting)
        before = state(item)
        with pytest.raises(ValidationError) as refused:
            minutes_save(actor=group.secretary, meeting=item.meeting, minutes="Nee")
        assert _code(refused) == "published"
        with pytest.raises(ValidationError) as refused:
            minutes_publish(actor=group.secretary, meeting=item.meeting)
        assert _code(refused) == "published"
        assert state(item) == before
    item.meeting.refresh_from_db()
    assert item.meeting.minutes == "Notulen."
    assert item.meeting.minutes_published_at is not None


def test_votes_are_counted_per_item(group: Group) -> None:
    with on_day(MEETING_DAY):
        item = item_under_discussion(group)
        vote_cast(actor=group.chair, agenda_item=item, choice=VoteChoice.AGAINST)
        vote_cast(actor=group.secretary, agenda_item=item, choice=VoteChoice.AGAINST)
        advice = advice_record(
            actor=group.chair,
            agenda_item=item,
            outcome=AdviceOutcome.REJECT,
            reason_code=ReasonCode.RULE_BREACH,
            motivation="Past niet in de regels.",
        )
    assert (advice.votes_for, advice.votes_against) == (0, 2)
    assert MemberVote.objects.filter(agenda_item=item).count() == 2


# --- Who may lead ------------------------------------------------------------------

LEADER_ONLY = {
    "meeting_open": lambda actor, item: meeting_open(actor=actor, meeting=item.meeting),
    "meeting_close": lambda actor, item: meeting_close(
        actor=actor, meeting=item.meeting
    ),
    "attendance_record": lambda actor, item: attendance_record(
        actor=actor, meeting=item.meeting, present=[]
    ),
    "minutes_save": lambda actor, item: minutes_save(
        actor=actor, meeting=item.meeting, minutes="Notulen"
    ),
    "minutes_publish": lambda actor, item: minutes_publish(
        actor=actor, meeting=item.meeting
    ),
    "agenda_item_open": lambda actor, item: agenda_item_open(
        actor=actor, agenda_item=item
    ),
    "advice_record": lambda actor, item: advice_record(
        actor=actor,
        agenda_item=item,
        outcome=AdviceOutcome.AWARD,
        motivation="Goed.",
        by_consensus=True,
    ),
    "agenda_item_defer": lambda actor, item: agenda_item_defer(
        actor=actor,
        agenda_item=item,
        reason_code=ReasonCode.OTHER,
        motivation="Later.",
    ),
}


@pytest.mark.parametrize("service", sorted(LEADER_ONLY))
@pytest.mark.parametrize("who", ["member", "adviser", "official", "other_chair"])
def test_only_the_chair_or_secretary_of_the_wijk_leads(
    group: Group, service: str, who: str
) -> None:
    item = item_on_agenda(group)
    actor = {
        "member": group.members[0],
        "adviser": group.adviser,
        "official": group.official,
        "other_chair": regiegroep(
            neighbourhood_ready(start="2000AA", end="2000ZZ")
        ).chair,
    }[who]
    before = state(item)
    with on_day(MEETING_DAY), pytest.raises(PermissionDenied):
        LEADER_ONLY[service](actor, item)
    assert state(item) == before


def test_nothing_changes_on_a_closed_meeting(group: Group) -> None:
    item = item_on_agenda(group)
    with on_day(MEETING_DAY):
        open_meeting(group, item, group.voters)
        agenda_item_defer(
            actor=group.chair,
            agenda_item=item,
            reason_code=ReasonCode.OTHER,
            motivation="Later.",
        )
        meeting_close(actor=group.chair, meeting=item.meeting)
        before = state(item)
        for attempt in (
            lambda: conflict_declare(
                actor=group.chair,
                agenda_item=item,
                member=group.chair,
                has_conflict=False,
            ),
            lambda: assessment_record(
                actor=group.chair, agenda_item=item, opinion="for"
            ),
            lambda: attendance_record(
                actor=group.chair, meeting=item.meeting, present=group.voters
            ),
            lambda: meeting_open(actor=group.chair, meeting=item.meeting),
            lambda: agenda_item_add(
                actor=group.chair,
                meeting=item.meeting,
                initiative=item.initiative,
            ),
        ):
            with pytest.raises(ValidationError) as refused:
                attempt()
            assert _code(refused) == "meeting_status"
        assert state(item) == before
