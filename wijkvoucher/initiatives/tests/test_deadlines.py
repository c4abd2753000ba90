"""Deadlines (issue #3, point 8): the flags on fixed days, the one extension of the
decision term (Awb 4:14) and the periodic scan that sends each reminder once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.deadlines import (
    PENALTY_MAX_CENTS,
    DeadlineFacts,
    deadline_state,
    decision_due_on,
    extension_refusal,
    initiative_deadline_state,
    pause_days,
    pause_refusal,
    paused_days,
    penalty_cents,
    penalty_days,
    penalty_starts_on,
    term_ended,
)
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import initiative_extend_decision_term
from wijkvoucher.initiatives.services.deadlines import (
    initiative_deadline_reminders_send,
)
from wijkvoucher.initiatives.tests.factories import complete_draft, initiative_in, step
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import RegulationVersionFactory
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    neighbourhood_with_postcodes,
    official,
    on_day,
    sign_in_verified,
)
from wijkvoucher.notifications.models import DeadlineReminder, Notification

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
DUE = TODAY + dt.timedelta(weeks=4)  # 13 July 2026
HARD_LIMIT = TODAY + dt.timedelta(weeks=8)  # 10 August 2026


def _facts(**changes: object) -> DeadlineFacts:
    values: dict[str, object] = {
        "status": S.SUBMITTED,
        "submitted_on": TODAY,
        "decision_due_on": DUE,
        "extension_used": False,
        "clock_paused_on": None,
        "clock_paused_days": 0,
        "information_due_on": None,
        "term_weeks": 4,
        "extension_weeks": 4,
        "hard_limit_weeks": 8,
    }
    values.update(changes)
    return DeadlineFacts(**values)  # type: ignore[arg-type]


# --- The flags (pure) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "days_left", "due_soon", "overdue", "needed", "hard"),
    [
        (TODAY, 28, False, False, False, False),
        (TODAY + 20 * DAY, 8, False, False, False, False),
        (TODAY + 21 * DAY, 7, True, False, True, False),  # day 21
        (DUE, 0, True, False, True, False),  # day 28
        (DUE + DAY, -1, False, True, False, False),
        (HARD_LIMIT, -28, False, True, False, True),
    ],
)
def test_the_decision_flags_on_fixed_days(
    day: dt.date,
    days_left: int,
    due_soon: bool,
    overdue: bool,
    needed: bool,
    hard: bool,
) -> None:
    state = deadline_state(_facts(), day)
    assert state.days_left == days_left
    assert (state.due_soon, state.overdue) == (due_soon, overdue)
    assert state.extension_needed is needed
    assert state.extension_possible is (day <= DUE)
    assert state.hard_limit_on == HARD_LIMIT
    assert state.hard_limit_reached is hard
    assert state.term_day == (day - TODAY).days


def test_paused_days_move_the_hard_limit_and_the_term_day() -> None:
    facts = _facts(clock_paused_days=5, decision_due_on=DUE + 5 * DAY)
    state = deadline_state(facts, TODAY + 26 * DAY)
    assert state.hard_limit_on == HARD_LIMIT + 5 * DAY
    assert state.term_day == 21
    assert state.days_left == 7


def test_the_extension_never_passes_the_hard_limit() -> None:
    # a regeling with a six-week hard limit: four weeks plus at most two
    state = deadline_state(_facts(hard_limit_weeks=6), TODAY)
    assert state.extended_due_on == TODAY + dt.timedelta(weeks=6)
    # when term and hard limit are equal, there is nothing to extend
    state = deadline_state(_facts(hard_limit_weeks=4), TODAY)
    assert state.extension_possible is False
    # and after the one extension, neither
    used = deadline_state(_facts(extension_used=True), TODAY)
    assert used.extension_possible is False


def test_the_hersteltermijn_flags() -> None:
    facts = _facts(
        status=S.INFORMATION_REQUESTED,
        clock_paused_on=TODAY,
        information_due_on=TODAY + 14 * DAY,
    )
    running = deadline_state(facts, TODAY + 12 * DAY)
    assert (running.pending, running.days_left) == (False, None)
    assert (running.information_days_left, running.information_expired) == (2, False)
    expired = deadline_state(facts, TODAY + 15 * DAY)
    assert expired.information_expired is True
    assert expired.urgent is True


# --- The extension (Awb 4:14) -----------------------------------------------------------


def _submitted() -> Initiative:
    with on_day():
        return initiative_in(S.SUBMITTED)


def _contact(initiative: Initiative) -> User:
    assert initiative.contact_official is not None
    return initiative.contact_official


def test_the_official_extends_once_and_the_initiator_gets_the_notice() -> None:
    initiative = _submitted()
    User.objects.update(preferred_language="en")
    Notification.objects.all().delete()
    with on_day(TODAY + 21 * DAY):
        extended = initiative_extend_decision_term(
            actor=_contact(initiative),
            initiative=initiative,
            motivation="We wachten op advies van de regiegroep.",
        )
    assert extended.decision_due_on == HARD_LIMIT
    assert extended.extension_used is True
    event = AuditEvent.objects.latest("id")
    assert event.action == "initiatives.initiative_extend_decision_term"
    assert event.data["to"] == HARD_LIMIT.isoformat()
    (notice,) = Notification.objects.filter(recipient=initiative.initiator)
    assert notice.kind == "initiative.decision_term_extended"
    assert "10 August 2026" in notice.body
    assert "We wachten op advies van de regiegroep." in notice.body
    assert "4:14" in notice.body
    assert Notification.objects.count() == 1


def _refused(
    initiative: Initiative, actor: User, day: dt.date, text: str = "Druk."
) -> str:
    before = snapshot(initiative)
    notifications = Notification.objects.count()
    with on_day(day), pytest.raises(ValidationError) as refused:
        initiative_extend_decision_term(
            actor=actor, initiative=initiative, motivation=text
        )
    assert snapshot(initiative) == before
    assert Notification.objects.count() == notifications
    return str(refused.value.code)


def test_a_second_extension_is_refused() -> None:
    initiative = _submitted()
    with on_day():
        initiative_extend_decision_term(
            actor=_contact(initiative), initiative=initiative, motivation="Druk."
        )
    initiative.refresh_from_db()
    assert _refused(initiative, _contact(initiative), TODAY) == "already_extended"


def test_no_extension_after_the_term_has_ended() -> None:
    initiative = _submitted()
    assert _refused(initiative, _contact(initiative), DUE + DAY) == "term_ended"


def test_no_extension_without_a_reason() -> None:
    initiative = _submitted()
    assert _refused(initiative, _contact(initiative), TODAY, text="  ") == "required"


def test_no_extension_beyond_the_hard_limit() -> None:
    # given a regeling whose hard limit equals the decision term
    wijk = neighbourhood_with_postcodes()
    RegulationVersionFactory(
        regulation=wijk.regulation,
        valid_from=start_of_day(dt.date(2026, 1, 1)),
        decision_term_weeks=4,
        decision_hard_limit_weeks=4,
    )
    wijk.contact_official = official(neighbourhood=wijk)
    wijk.save(update_fields=["contact_official"])
    with on_day():
        initiative = step(complete_draft(neighbourhood=wijk), S.SUBMITTED)
    assert _refused(initiative, _contact(initiative), TODAY) == "hard_limit"


def test_only_a_wijk_official_extends() -> None:
    initiative = _submitted()
    elsewhere = official(neighbourhood=initiative_in(S.DRAFT).neighbourhood)
    before = snapshot(initiative)
    for actor in (initiative.initiator, elsewhere):
        with on_day(), pytest.raises(PermissionDenied):
            initiative_extend_decision_term(
                actor=actor, initiative=initiative, motivation="Druk."
            )
    assert snapshot(initiative) == before


# --- The scan -----------------------------------------------------------------------------


def _kinds(user: User | None) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def test_the_scan_reminds_at_day_21_and_28_and_escalates_at_the_hard_limit() -> None:
    initiative = _submitted()
    contact = _contact(initiative)
    coordinator = official(
        municipality=initiative.neighbourhood.municipality, role=Role.COORDINATOR
    )
    Notification.objects.all().delete()
    # day 20: nothing yet
    assert initiative_deadline_reminders_send(today=TODAY + 20 * DAY) == []
    # day 21: the contact official, with the extension prompt
    sent = initiative_deadline_reminders_send(today=TODAY + 21 * DAY)
    assert [row["kind"] for row in sent] == ["decision_due_soon"]
    assert _kinds(contact) == ["reminder.decision_due_soon"]
    # day 28: the term ends
    initiative_deadline_reminders_send(today=DUE)
    assert _kinds(contact)[-1] == "reminder.decision_due"
    # the hard limit: the coordinators and the contact official
    initiative_deadline_reminders_send(today=HARD_LIMIT)
    assert _kinds(coordinator) == ["reminder.decision_hard_limit"]
    assert _kinds(contact)[-1] == "reminder.decision_hard_limit"
    # the initiator is not bothered with the officials' reminders
    assert _kinds(initiative.initiator) == []
    event = AuditEvent.objects.latest("id")
    assert event.action == "initiatives.initiative_deadline_reminders_send"
    assert event.actor is None


def test_the_scan_is_idempotent() -> None:
    initiative = _submitted()
    Notification.objects.all().delete()
    first = initiative_deadline_reminders_send(today=TODAY + 22 * DAY)
    notifications = Notification.objects.count()
    events = AuditEvent.objects.count()
    # when it runs again the same day (or the next), nothing new goes out
    again = initiative_deadline_reminders_send(today=TODAY + 22 * DAY)
    later = initiative_deadline_reminders_send(today=TODAY + 23 * DAY)
    assert len(first) == 1
    assert again == later == []
    assert Notification.objects.count() == notifications
    assert AuditEvent.objects.count() == events
    assert DeadlineReminder.objects.filter(subject_id=initiative.pk).count() == 1


def test_the_scan_reminds_the_initiator_and_then_the_contact_about_the_hersteltermijn() -> (
    None
):
    with on_day():
        initiative = initiative_in(S.INFORMATION_REQUESTED)
    contact = _contact(initiative)
    Notification.objects.all().delete()
    initiative_deadline_reminders_send(today=TODAY + 11 * DAY)
    assert Notification.objects.count() == 0
    initiative_deadline_reminders_send(today=TODAY + 12 * DAY)
    assert _kinds(initiative.initiator) == ["reminder.information_due_soon"]
    initiative_deadline_reminders_send(today=TODAY + 15 * DAY)
    assert _kinds(contact) == ["reminder.information_expired"]
    assert Notification.objects.count() == 2


def test_a_decided_plan_gets_no_reminders() -> None:
    with on_day():
        initiative = initiative_in(S.ADVISED)
        step(initiative, S.AWARDED)
    Notification.objects.all().delete()
    assert initiative_deadline_reminders_send(today=HARD_LIMIT) == []
    assert Notification.objects.count() == 0


def test_the_command_runs_the_scan_now_or_enqueues_it() -> None:
    _submitted()
    Notification.objects.all().delete()
    out = StringIO()
    with on_day(TODAY + 21 * DAY):
        call_command("deadlines_run", "--now", stdout=out)
    assert "1 reminder(s) sent" in out.getvalue()
    # the test settings run tasks at once: enqueueing runs it too, sending nothing new
    with on_day(TODAY + 21 * DAY):
        call_command("deadlines_run", stdout=out)
    assert "enqueued" in out.getvalue()
    assert Notification.objects.count() == 1


def test_the_work_list_state_of_an_initiative() -> None:
    initiative = _submitted()
    state = initiative_deadline_state(initiative=initiative, today=DUE + DAY)
    assert state.overdue
    assert state.days_overdue == 1


# --- The pages ------------------------------------------------------------------------------


def _official_client(user: User) -> HttpsClient:
    client = HttpsClient()
    sign_in_verified(client, user)
    return client


def test_the_work_list_shows_the_deadline_flags_overdue_first() -> None:
    # given a plan overdue and one due in a week, both of the same contact official
    with on_day(TODAY - dt.timedelta(weeks=5)):
        late = initiative_in(S.SUBMITTED, title="Late plan")
    wijk = late.neighbourhood
    with on_day(TODAY - 21 * DAY):
        soon = step(complete_draft(neighbourhood=wijk, title="Soon plan"), S.SUBMITTED)
    User.objects.update(preferred_language="en")
    client = _official_client(_contact(late))
    # when the official opens the work list
    with on_day():
        html = client.get(
            reverse("initiatives:worklist"), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    # then the overdue plan comes first, each with its flags in words
    assert html.index("Late plan") < html.index("Soon plan")
    assert "Days overdue: 7" in html
    assert "Due soon. Days left: 7" in html
    extend = reverse(
        "notifications:deadlines:extend_decision_term",
        kwargs={"initiative_uuid": soon.uuid},
    )
    assert extend in html


def test_the_extension_page_extends_and_keeps_what_was_typed_on_refusal() -> None:
    initiative = _submitted()
    url = reverse(
        "notifications:deadlines:extend_decision_term",
        kwargs={"initiative_uuid": initiative.uuid},
    )
    client = _official_client(_contact(initiative))
    with on_day():
        page = client.get(url)
        empty = client.post(url, {"motivation": ""})
    assert page.status_code == 200
    assert empty.status_code == 200
    assert 'aria-invalid="true"' in empty.content.decode()
    initiative.refresh_from_db()
    assert initiative.extension_used is False
    with on_day():
        done = client.post(url, {"motivation": "Wachten op advies."})
    assert done.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.extension_used, initiative.decision_due_on) == (True, HARD_LIMIT)
    # a second try shows the refusal, with the reason still in the box
    with on_day():
        again = client.post(url, {"motivation": "Nog eens."})
    html = again.content.decode()
    assert again.status_code == 200
    assert "Nog eens." in html
    initiative.refresh_from_db()
    assert initiative.decision_due_on == HARD_LIMIT


def test_the_plan_file_include_offers_the_extension_while_possible() -> None:
    from django.template.loader import render_to_string

    initiative = _submitted()
    initiative = Initiative.objects.select_related("regulation_version").get(
        pk=initiative.pk
    )
    url = reverse(
        "notifications:deadlines:extend_decision_term",
        kwargs={"initiative_uuid": initiative.uuid},
    )
    template = "initiatives/official/_extend_form.html"
    with on_day():
        assert url in render_to_string(template, {"initiative": initiative})
    with on_day(DUE + DAY):
        assert url not in render_to_string(template, {"initiative": initiative})


# --- A term that has ended stays ended (Awb 4:14, 4:15; docs/awb.md) -------------------


@pytest.mark.parametrize("status", [S.SUBMITTED, S.CHECKED, S.DEFERRED])
def test_the_clock_can_be_paused_and_extended_on_the_due_day_but_not_after(
    status: S,
) -> None:
    facts = _facts(status=status)
    assert (pause_refusal(facts, DUE), extension_refusal(facts, DUE)) == ("", "")
    assert term_ended(facts, DUE) is False
    after = DUE + DAY
    assert pause_refusal(facts, after) == "term_ended"
    assert extension_refusal(facts, after) == "term_ended"
    assert term_ended(facts, after) is True


def test_a_decided_plan_is_never_late() -> None:
    assert term_ended(_facts(status=S.REJECTED), HARD_LIMIT) is False
    assert pause_refusal(_facts(status=S.REJECTED), HARD_LIMIT) == ""


PAUSED_ON = TODAY + 5 * DAY
INFO_DUE = PAUSED_ON + 14 * DAY  # 4 July 2026, the last day of the hersteltermijn


def _paused(**changes: object) -> DeadlineFacts:
    return _facts(
        status=S.INFORMATION_REQUESTED,
        clock_paused_on=PAUSED_ON,
        information_due_on=INFO_DUE,
        **changes,
    )


def test_while_the_hersteltermijn_runs_no_decision_date_is_promised() -> None:
    facts = _paused()
    for day in (PAUSED_ON, INFO_DUE):
        state = deadline_state(facts, day)
        assert decision_due_on(facts, day) is None
        assert (state.due_on, state.days_left, state.overdue) == (None, None, False)
        assert state.paused
        assert state.awaiting
        # what is left of the term when the clock stopped
        assert state.paused_days_left == (DUE - PAUSED_ON).days == 23


def test_an_unused_hersteltermijn_ends_the_pause_and_the_clock_runs_again() -> None:
    facts = _paused()
    resumed_due = DUE + 14 * DAY  # 27 July 2026
    # the day after the hersteltermijn the date is fixed again, whatever comes later
    assert decision_due_on(facts, INFO_DUE + DAY) == resumed_due
    assert decision_due_on(facts, resumed_due + 30 * DAY) == resumed_due
    assert paused_days(facts, resumed_due + 30 * DAY) == 14
    on_the_day = deadline_state(facts, resumed_due)
    assert (on_the_day.days_left, on_the_day.overdue) == (0, False)
    day_after = deadline_state(facts, resumed_due + DAY)
    assert (day_after.overdue, day_after.days_overdue) == (True, 1)
    assert pause_refusal(facts, resumed_due + DAY) == "term_ended"
    # the hard limit stops moving too
    assert day_after.hard_limit_on == HARD_LIMIT + 14 * DAY


def test_the_pause_of_one_question_never_exceeds_its_hersteltermijn() -> None:
    assert pause_days(PAUSED_ON, INFO_DUE, PAUSED_ON + 7 * DAY) == 7
    assert pause_days(PAUSED_ON, INFO_DUE, INFO_DUE) == 14
    assert pause_days(PAUSED_ON, INFO_DUE, INFO_DUE + 40 * DAY) == 14


# --- The penalty payment (Awb 4:17) -------------------------------------------------------


def test_the_penalty_starts_two_weeks_after_the_notice_arrives() -> None:
    # Monday 15 June 2026 -> Monday 29 June 2026
    assert penalty_starts_on(TODAY) == dt.date(2026, 6, 29)


@pytest.mark.parametrize(
    ("days_after_start", "days", "cents"),
    [
        (-1, 0, 0),
        (0, 1, 2_300),
        (13, 14, 32_200),
        (14, 15, 35_700),  # the first day at € 35
        (27, 28, 81_200),
        (28, 29, 85_700),  # the first day at € 45
        (41, 42, 144_200),
        (100, 42, 144_200),  # capped at 42 days, € 1,442
    ],
)
def test_the_penalty_per_day_in_three_tiers_capped(
    days_after_start: int, days: int, cents: int
) -> None:
    start = dt.date(2026, 6, 29)
    counted = penalty_days(start, start + days_after_start * DAY)
    assert (counted, penalty_cents(counted)) == (days, cents)
    assert PENALTY_MAX_CENTS == 144_200
