"""The write services: drafting, submitting, reasons, the Awb clock, withdrawal and
hand-overs between contact officials."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import ContributionKind, Goal, ReasonCode
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import ContactHandover, Initiative, StatusChange
from wijkvoucher.initiatives.services import (
    budget_line_add,
    budget_line_remove,
    initiative_contact_change,
    initiative_create,
    initiative_submit,
    initiative_transition,
    initiative_update_draft,
    initiative_withdraw,
    own_contribution_add,
)
from wijkvoucher.initiatives.tests.factories import (
    BudgetLineFactory,
    InitiativeFactory,
    complete_draft,
    initiative_in,
    neighbourhood_ready,
    resident,
    step,
)
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.neighbourhoods.constants import CostCategory, Role
from wijkvoucher.neighbourhoods.services.regulations import (
    regulation_version_create,
    start_of_day,
)
from wijkvoucher.neighbourhoods.tests.factories import AddressFactory
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, official, on_day
from wijkvoucher.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _code(refused: pytest.ExceptionInfo[ValidationError]) -> str | None:
    return refused.value.code


# --- Drafting -------------------------------------------------------------------------


def test_a_resident_starts_a_draft_in_their_own_wijk() -> None:
    wijk = neighbourhood_ready()
    anna = resident(wijk)
    initiative = initiative_create(actor=anna, neighbourhood=wijk, title=" Buurtfeest ")
    assert (initiative.status, initiative.title) == (S.DRAFT, "Buurtfeest")
    assert initiative.initiator == anna
    assert AuditEvent.objects.latest("id").action == ("initiatives.initiative_create")


def test_someone_from_another_wijk_cannot_start_a_draft_here() -> None:
    wijk = neighbourhood_ready()
    elsewhere = neighbourhood_ready(start="2000AA", end="2000ZZ")
    bert = resident(elsewhere)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        initiative_create(actor=bert, neighbourhood=wijk, title="Buurtfeest")
    assert _code(refused) == "not_resident"
    assert (Initiative.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_a_draft_needs_a_title() -> None:
    wijk = neighbourhood_ready()
    with pytest.raises(ValidationError) as refused:
        initiative_create(actor=resident(wijk), neighbourhood=wijk, title="  ")
    assert _code(refused) == "required"


def test_the_initiator_edits_their_draft() -> None:
    initiative = InitiativeFactory.create()
    initiative_update_draft(
        actor=initiative.initiator,
        initiative=initiative,
        title="Nieuwe titel",
        goals=[Goal.SAFETY, Goal.SAFETY],
        ends_on=dt.date(2026, 10, 1),
    )
    initiative.refresh_from_db()
    assert (initiative.title, initiative.goals) == ("Nieuwe titel", [Goal.SAFETY])
    event = AuditEvent.objects.latest("id")
    assert event.data["diff"]["ends_on"] == ["2026-09-30", "2026-10-01"]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"status": S.AWARDED}, "unknown_field"),
        ({"goals": ["world_peace"]}, "unknown_goal"),
        ({"ends_on": dt.date(2026, 8, 1)}, "period_order"),
        ({"title": ""}, "required"),
    ],
)
def test_draft_edits_that_are_refused(fields: dict[str, object], code: str) -> None:
    initiative = InitiativeFactory.create()
    before = snapshot(initiative)
    with pytest.raises(ValidationError) as refused:
        initiative_update_draft(
            actor=initiative.initiator, initiative=initiative, **fields
        )
    assert _code(refused) == code
    assert snapshot(initiative) == before


def test_only_the_initiator_edits_and_only_a_draft() -> None:
    initiative = initiative_in(S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        initiative_update_draft(
            actor=UserFactory.create(), initiative=initiative, title="Overgenomen"
        )
    with pytest.raises(ValidationError) as refused:
        initiative_update_draft(
            actor=initiative.initiator, initiative=initiative, title="Te laat"
        )
    assert _code(refused) == "not_draft"


def test_budget_lines_and_own_contributions_on_a_draft() -> None:
    initiative = InitiativeFactory.create()
    me = initiative.initiator
    line = budget_line_add(
        actor=me,
        initiative=initiative,
        description="Workshopleider",
        category=CostCategory.FEES,
        amount_cents=20_000,
        hours=Decimal("4"),
    )
    own_contribution_add(
        actor=me, initiative=initiative, kind=ContributionKind.HOURS, hours=Decimal(10)
    )
    own_contribution_add(
        actor=me,
        initiative=initiative,
        kind=ContributionKind.IN_KIND,
        description="Tafels",
    )
    assert initiative.budget_lines.get() == line
    assert initiative.own_contributions.count() == 2
    budget_line_remove(actor=me, budget_line=line)
    assert not initiative.budget_lines.exists()
    assert AuditEvent.objects.latest("id").action == ("initiatives.budget_line_remove")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"category": "plants", "amount_cents": 0}, "amount_not_positive"),
        ({"category": "lottery", "amount_cents": 100}, "unknown_category"),
    ],
)
def test_budget_lines_that_are_refused(kwargs: dict[str, object], code: str) -> None:
    initiative = InitiativeFactory.create()
    with pytest.raises(ValidationError) as refused:
        budget_line_add(
            actor=initiative.initiator,
            initiative=initiative,
            description="Iets",
            **kwargs,  # type: ignore[arg-type]
        )
    assert _code(refused) == code


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (ContributionKind.MONEY, "amount_required"),
        (ContributionKind.HOURS, "hours_required"),
        (ContributionKind.IN_KIND, "description_required"),
    ],
)
def test_own_contributions_need_their_value(kind: str, code: str) -> None:
    initiative = InitiativeFactory.create()
    with pytest.raises(ValidationError) as refused:
        own_contribution_add(
            actor=initiative.initiator, initiative=initiative, kind=kind
        )
    assert _code(refused) == code


def test_cost_lines_cannot_change_after_submission() -> None:
    initiative = initiative_in(S.SUBMITTED)
    line = initiative.budget_lines.get()
    with pytest.raises(ValidationError) as refused:
        budget_line_remove(actor=initiative.initiator, budget_line=line)
    assert _code(refused) == "not_draft"


# --- Submitting -----------------------------------------------------------------------


def test_submitting_fixes_version_amount_contact_and_decision_date() -> None:
    wijk = neighbourhood_ready()
    initiative = complete_draft(neighbourhood=wijk)
    BudgetLineFactory(initiative=initiative, amount_cents=5_050)
    initiative = initiative_submit(actor=initiative.initiator, initiative=initiative)
    assert initiative.status == S.SUBMITTED
    assert initiative.regulation_version == wijk.regulation.versions.get()
    assert initiative.requested_amount_cents == 45_000 + 5_050
    assert initiative.contact_official == wijk.contact_official
    assert initiative.submitted_at is not None
    assert initiative.submitted_at.date() == TODAY
    # the default decision term is 4 weeks
    assert initiative.decision_due_on == TODAY + dt.timedelta(weeks=4)
    change = StatusChange.objects.get()
    assert (change.from_status, change.to_status) == (S.DRAFT, S.SUBMITTED)


def test_an_incomplete_application_is_refused_and_nothing_changes() -> None:
    initiative = InitiativeFactory.create(
        neighbourhood=neighbourhood_ready(), description="", starts_on=None
    )
    before = snapshot(initiative)
    with pytest.raises(ValidationError) as refused:
        initiative_submit(actor=initiative.initiator, initiative=initiative)
    assert _code(refused) == "incomplete"
    assert refused.value.params is not None
    assert refused.value.params["fields"] == [
        "description",
        "starts_on",
        "budget_lines",
    ]
    assert "ten minste één kostenpost" in str(refused.value.messages[0])
    assert snapshot(initiative) == before


def test_submitting_needs_a_contact_official_for_the_wijk() -> None:
    wijk = neighbourhood_ready()
    wijk.contact_official = None
    wijk.save(update_fields=["contact_official"])
    initiative = complete_draft(neighbourhood=wijk)
    before = snapshot(initiative)
    with pytest.raises(ValidationError) as refused:
        initiative_submit(actor=initiative.initiator, initiative=initiative)
    assert _code(refused) == "no_contact_official"
    assert snapshot(initiative) == before


def test_only_the_initiator_submits() -> None:
    initiative = complete_draft()
    contact = initiative.neighbourhood.contact_official
    assert contact is not None
    with pytest.raises(PermissionDenied):
        initiative_submit(actor=contact, initiative=initiative)


def test_the_version_in_force_at_submission_counts() -> None:
    # given a second version, from 1 July, with a 6-week decision term
    wijk = neighbourhood_ready()
    v1 = wijk.regulation.versions.get()
    v2 = regulation_version_create(
        actor=official(neighbourhood=wijk, role=Role.COORDINATOR),
        regulation=wijk.regulation,
        change_note="Langere beslistermijn",
        valid_from=start_of_day(dt.date(2026, 7, 1)),
        decision_term_weeks=6,
    )
    before = complete_draft(neighbourhood=wijk)
    after = complete_draft(neighbourhood=wijk)
    # when one is submitted in June and one in July
    before = initiative_submit(actor=before.initiator, initiative=before)
    with on_day(dt.date(2026, 7, 2)):
        after = initiative_submit(actor=after.initiator, initiative=after)
    # then each keeps the version in force at its submission
    assert (before.regulation_version, after.regulation_version) == (v1, v2)
    assert before.decision_due_on == TODAY + dt.timedelta(weeks=4)
    assert after.decision_due_on == dt.date(2026, 7, 2) + dt.timedelta(weeks=6)


def test_the_at_argument_picks_the_version() -> None:
    wijk = neighbourhood_ready()
    initiative = complete_draft(neighbourhood=wijk)
    with pytest.raises(ValidationError) as refused:
        initiative_submit(
            actor=initiative.initiator,
            initiative=initiative,
            at=start_of_day(dt.date(2025, 12, 31)),
        )
    assert _code(refused) == "no_version_in_force"


# --- Reasons --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason_code", "motivation", "code"),
    [
        ("", "", "reason_required"),
        (ReasonCode.RULE_BREACH, "   ", "reason_required"),
        ("", "Past niet in de regeling.", "reason_required"),
        ("because", "Past niet in de regeling.", "unknown_reason"),
    ],
)
def test_a_rejection_needs_a_coded_reason_and_motivation(
    reason_code: str, motivation: str, code: str
) -> None:
    initiative = initiative_in(S.CHECKED)
    before = snapshot(initiative)
    with pytest.raises(ValidationError) as refused:
        initiative_transition(
            actor=initiative.contact_official,  # type: ignore[arg-type]
            initiative=initiative,
            to=S.REJECTED,
            reason_code=reason_code,
            motivation=motivation,
        )
    assert _code(refused) == code
    assert snapshot(initiative) == before


def test_a_rejection_with_reasons_is_on_the_timeline() -> None:
    initiative = initiative_in(S.CHECKED)
    change = initiative_transition(
        actor=initiative.contact_official,  # type: ignore[arg-type]
        initiative=initiative,
        to=S.REJECTED,
        reason_code=ReasonCode.RULE_BREACH,
        motivation=" Alcohol valt buiten de regeling. ",
    )
    change.refresh_from_db()
    assert (change.reason_code, change.motivation) == (
        ReasonCode.RULE_BREACH,
        "Alcohol valt buiten de regeling.",
    )


def test_a_step_that_needs_no_reason_refuses_a_reason_code() -> None:
    initiative = initiative_in(S.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        initiative_transition(
            actor=initiative.contact_official,  # type: ignore[arg-type]
            initiative=initiative,
            to=S.CHECKED,
            reason_code=ReasonCode.OTHER,
        )
    assert _code(refused) == "reason_not_applicable"


# --- Who takes the steps --------------------------------------------------------------


def test_a_resident_cannot_take_the_officials_steps() -> None:
    initiative = initiative_in(S.SUBMITTED)
    for actor in (initiative.initiator, UserFactory.create()):
        with pytest.raises(PermissionDenied):
            initiative_transition(actor=actor, initiative=initiative, to=S.CHECKED)


def test_a_coordinator_of_the_municipality_may_check() -> None:
    initiative = initiative_in(S.SUBMITTED)
    coordinator = official(
        municipality=initiative.neighbourhood.municipality, role=Role.COORDINATOR
    )
    initiative_transition(actor=coordinator, initiative=initiative, to=S.CHECKED)
    assert Initiative.objects.get(pk=initiative.pk).status == S.CHECKED


def test_an_official_does_not_check_their_own_initiative() -> None:
    wijk = neighbourhood_ready()
    colleague = official(neighbourhood=wijk)
    AddressFactory(user=colleague, postcode="1000AC", neighbourhood=wijk)
    initiative = initiative_in(S.SUBMITTED, neighbourhood=wijk, initiator=colleague)
    with pytest.raises(PermissionDenied):
        initiative_transition(actor=colleague, initiative=initiative, to=S.CHECKED)


# --- The Awb clock --------------------------------------------------------------------


def test_an_information_request_pauses_the_decision_clock() -> None:
    # given an application submitted on day 0, decision due in 4 weeks
    initiative = initiative_in(S.SUBMITTED)
    due = TODAY + dt.timedelta(weeks=4)
    assert initiative.decision_due_on == due
    # when information is requested on day 5 and given on day 12
    with on_day(TODAY + dt.timedelta(days=5)):
        initiative = step(initiative, S.INFORMATION_REQUESTED)
    assert initiative.clock_paused_on == TODAY + dt.timedelta(days=5)
    with on_day(TODAY + dt.timedelta(days=12)):
        initiative = step(initiative, S.SUBMITTED)
    # then the decision date moves 7 days
    assert initiative.decision_due_on == due + dt.timedelta(days=7)
    assert (initiative.clock_paused_days, initiative.clock_paused_on) == (7, None)
    event = AuditEvent.objects.latest("id")
    assert event.data["paused_days"] == 7
    # and a second pause adds up
    with on_day(TODAY + dt.timedelta(days=20)):
        initiative = step(initiative, S.INFORMATION_REQUESTED)
    with on_day(TODAY + dt.timedelta(days=23)):
        initiative = step(initiative, S.SUBMITTED)
    assert initiative.clock_paused_days == 10
    assert initiative.decision_due_on == due + dt.timedelta(days=10)


def test_no_answer_in_time_means_not_processed_and_ends_the_pause() -> None:
    initiative = initiative_in(S.INFORMATION_REQUESTED)
    with on_day(TODAY + dt.timedelta(days=15)):
        initiative = step(
            initiative,
            S.NOT_PROCESSED,
            reason_code=ReasonCode.OTHER,
            motivation="Geen aanvulling ontvangen binnen de hersteltermijn.",
        )
    assert initiative.status == S.NOT_PROCESSED
    # the pause ended with the 14-day hersteltermijn, not on day 15 (Awb 4:15)
    assert (initiative.clock_paused_days, initiative.clock_paused_on) == (14, None)


# --- Withdrawal -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [S.DRAFT, S.SUBMITTED, S.INFORMATION_REQUESTED, S.ADVISED]
)
def test_the_initiator_withdraws_before_the_decision(status: S) -> None:
    initiative = initiative_in(status)
    initiative = initiative_withdraw(
        actor=initiative.initiator, initiative=initiative, motivation="Verhuisd."
    )
    assert initiative.status == S.WITHDRAWN
    assert initiative.clock_paused_on is None
    change = StatusChange.objects.filter(initiative=initiative).latest("pk")
    assert (change.to_status, change.motivation) == (S.WITHDRAWN, "Verhuisd.")


@pytest.mark.parametrize("status", [S.AWARDED, S.REJECTED, S.IN_EXECUTION])
def test_no_withdrawal_after_the_decision(status: S) -> None:
    initiative = initiative_in(status)
    before = snapshot(initiative)
    with pytest.raises(ValidationError) as refused:
        initiative_withdraw(
            actor=initiative.initiator, initiative=initiative, motivation=""
        )
    assert _code(refused) == "invalid_transition"
    assert snapshot(initiative) == before


def test_only_the_initiator_withdraws() -> None:
    initiative = initiative_in(S.SUBMITTED)
    for actor in (initiative.contact_official, UserFactory.create()):
        with pytest.raises(PermissionDenied):
            initiative_withdraw(actor=actor, initiative=initiative, motivation="")  # type: ignore[arg-type]


# --- Hand-over between contact officials ----------------------------------------------


def test_the_contact_official_hands_over_with_a_note() -> None:
    initiative = initiative_in(S.SUBMITTED)
    old = initiative.contact_official
    assert old is not None
    new = official(neighbourhood=initiative.neighbourhood)
    handover = initiative_contact_change(
        actor=old, initiative=initiative, to_official=new, note="Zie gesprek 3 juni."
    )
    initiative.refresh_from_db()
    assert initiative.contact_official == new
    assert (handover.from_official, handover.to_official) == (old, new)
    assert ContactHandover.objects.get().note == "Zie gesprek 3 juni."
    assert AuditEvent.objects.latest("id").action == (
        "initiatives.initiative_contact_change"
    )
    # the initiator learns who the new contact is, the new contact gets the note
    to_initiator = Notification.objects.get(
        recipient=initiative.initiator, kind="initiative.contact_changed"
    )
    assert new.display_name in to_initiator.body
    assert "Zie gesprek 3 juni." in to_initiator.body
    to_new = Notification.objects.get(recipient=new, kind="initiative.handed_over")
    assert "Zie gesprek 3 juni." in to_new.body
    assert not Notification.objects.filter(
        recipient=old, kind__startswith="initiative.hand"
    ).exists()


def test_hand_overs_that_are_refused() -> None:
    initiative = initiative_in(S.SUBMITTED)
    old = initiative.contact_official
    assert old is not None
    new = official(neighbourhood=initiative.neighbourhood)
    cases = [
        (new, "  ", "required"),
        (old, "Terug naar mij", "same_official"),
        (UserFactory.create(), "Een buurman", "not_an_official"),
    ]
    for to_official, note, code in cases:
        with pytest.raises(ValidationError) as refused:
            initiative_contact_change(
                actor=old, initiative=initiative, to_official=to_official, note=note
            )
        assert _code(refused) == code
    with pytest.raises(PermissionDenied):
        initiative_contact_change(
            actor=initiative.initiator, initiative=initiative, to_official=new, note="x"
        )
    assert not ContactHandover.objects.exists()
