"""The Awb clock cannot be bent (issue #9, point 10; docs/awb.md): a decision term that
has ended can be neither paused nor extended; a question stops the clock for the
hersteltermijn at most; the resident hears honestly that the municipality is late and
can give notice of default; the penalty payment runs from two weeks later."""

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.deadlines import initiative_deadline_state
from wijkvoucher.initiatives.models import (
    CoInitiator,
    DecisionTermExtension,
    Initiative,
    NoticeOfDefault,
)
from wijkvoucher.initiatives.selectors.deadlines import (
    initiative_penalty,
    initiatives_past_term_count,
)
from wijkvoucher.initiatives.selectors.initiatives import (
    TermEvent,
    initiative_overdue_q,
    initiative_timeline,
)
from wijkvoucher.initiatives.services import (
    initiative_extend_decision_term,
    initiative_notice_of_default_send,
    initiative_request_information,
    initiative_transition,
)
from wijkvoucher.initiatives.services.answers import initiative_answer_information
from wijkvoucher.initiatives.services.deadlines import (
    initiative_deadline_reminders_send,
)
from wijkvoucher.initiatives.tests.factories import initiative_in, resident, step
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    official,
    on_day,
    sign_in,
    sign_in_verified,
)
from wijkvoucher.notifications.models import Notification

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
DUE = TODAY + 28 * DAY  # Monday 13 July 2026 (a four-week term)
HARD_LIMIT = TODAY + 56 * DAY  # 10 August 2026


def _submitted(**fields: Any) -> Initiative:
    """A plan received on Monday 15 June 2026; everybody reads English."""
    with on_day():
        initiative = initiative_in(S.SUBMITTED, **fields)
    User.objects.update(preferred_language="en")
    initiative.refresh_from_db()
    return initiative


def _contact(initiative: Initiative) -> User:
    assert initiative.contact_official is not None
    return initiative.contact_official


def _kinds(user: User) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def _refused_without_a_trace(initiative: Initiative, action: Any) -> str:
    """Run ``action``; it must raise ValidationError and change nothing: the plan's
    row (status, clock, dates), its timeline, the audit trail, the messages, the
    extensions and notices. Returns the error code."""
    before = snapshot(initiative)
    notifications = Notification.objects.count()
    extensions = DecisionTermExtension.objects.count()
    notices = NoticeOfDefault.objects.count()
    with pytest.raises(ValidationError) as refused:
        action()
    assert snapshot(initiative) == before
    assert Notification.objects.count() == notifications
    assert DecisionTermExtension.objects.count() == extensions
    assert NoticeOfDefault.objects.count() == notices
    return str(refused.value.code)


def _overdue_in_the_database(initiative: Initiative, day: dt.date) -> bool:
    return Initiative.objects.filter(
        initiative_overdue_q(on=day), pk=initiative.pk
    ).exists()


# --- Pausing and extending an ended term is refused ----------------------------------


def test_a_question_on_the_due_day_still_pauses_the_clock() -> None:
    initiative = _submitted()
    with on_day(DUE):
        initiative_request_information(
            actor=_contact(initiative), initiative=initiative, message="Welke plek?"
        )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.clock_paused_on) == (
        S.INFORMATION_REQUESTED,
        DUE,
    )


def test_a_question_after_the_due_day_is_refused_and_the_plan_stays_late() -> None:
    initiative = _submitted()

    def ask() -> None:
        with on_day(DUE + DAY):
            initiative_request_information(
                actor=_contact(initiative), initiative=initiative, message="Welke plek?"
            )

    assert _refused_without_a_trace(initiative, ask) == "term_ended"
    initiative.refresh_from_db()
    assert (initiative.status, initiative.clock_paused_on) == (S.SUBMITTED, None)
    assert initiative.decision_due_on == DUE
    assert _overdue_in_the_database(initiative, DUE + DAY)
    with on_day(DUE + DAY):
        assert initiative_deadline_state(initiative=initiative).overdue


def test_no_other_step_can_pause_an_ended_term_either() -> None:
    initiative = _submitted()

    def pause() -> None:
        with on_day(DUE + 10 * DAY):
            initiative_transition(
                actor=_contact(initiative),
                initiative=initiative,
                to=S.INFORMATION_REQUESTED,
                motivation="Nog een vraag.",
            )

    assert _refused_without_a_trace(initiative, pause) == "term_ended"


def test_an_extension_on_the_due_day_works_and_the_day_after_is_refused() -> None:
    late = _submitted(title="Te laat")

    def extend() -> None:
        with on_day(DUE + DAY):
            initiative_extend_decision_term(
                actor=_contact(late), initiative=late, motivation="Druk."
            )

    assert _refused_without_a_trace(late, extend) == "term_ended"
    in_time = _submitted(title="Op tijd")
    with on_day(DUE):
        initiative_extend_decision_term(
            actor=_contact(in_time), initiative=in_time, motivation="Druk."
        )
    row = DecisionTermExtension.objects.get(initiative=in_time)
    assert (row.from_due_on, row.to_due_on, row.motivation) == (
        DUE,
        HARD_LIMIT,
        "Druk.",
    )


# --- A question stops the clock for the hersteltermijn at most ----------------------


def _asked_on_day_5() -> Initiative:
    initiative = _submitted()
    with on_day(TODAY + 5 * DAY):
        initiative_request_information(
            actor=_contact(initiative), initiative=initiative, message="Welke plek?"
        )
    initiative.refresh_from_db()
    assert initiative.information_due_on == TODAY + 19 * DAY  # 4 July 2026
    return initiative


def test_a_late_answer_moves_the_date_by_the_hersteltermijn_only() -> None:
    initiative = _asked_on_day_5()
    Notification.objects.all().delete()
    # when the initiator answers on day 50, a month after the hersteltermijn ended
    with on_day(TODAY + 50 * DAY):
        initiative_answer_information(
            actor=initiative.initiator, initiative=initiative, answer="Bij de kade."
        )
    initiative.refresh_from_db()
    # then the date moved by the 14 days of the hersteltermijn, not by 45
    assert initiative.decision_due_on == DUE + 14 * DAY  # 27 July 2026
    assert initiative.clock_paused_days == 14
    assert AuditEvent.objects.latest("id").data["paused_days"] == 14
    # and the plan is late: the messages say so instead of promising a past date
    (receipt,) = Notification.objects.filter(recipient=initiative.initiator)
    assert "We should have decided by 27 July 2026. We are late" in receipt.body
    assert "You will hear from us by" not in receipt.body
    (alarm,) = Notification.objects.filter(recipient=_contact(initiative))
    assert "The decision term ended on 27 July 2026" in alarm.body


def test_an_answer_within_the_hersteltermijn_moves_the_date_by_the_days_it_took() -> (
    None
):
    initiative = _asked_on_day_5()
    with on_day(TODAY + 12 * DAY):
        initiative_answer_information(
            actor=initiative.initiator, initiative=initiative, answer="Bij de kade."
        )
    initiative.refresh_from_db()
    assert initiative.decision_due_on == DUE + 7 * DAY
    (receipt,) = Notification.objects.filter(
        recipient=initiative.initiator, kind="initiative.submitted"
    ).order_by("-pk")[:1]
    assert "You will hear from us by 20 July 2026 at the latest" in receipt.body


def test_an_unanswered_question_lets_the_clock_run_again() -> None:
    initiative = _asked_on_day_5()
    resumed_due = DUE + 14 * DAY  # 27 July 2026
    # the work list's query and the flags agree on the boundary days
    assert not _overdue_in_the_database(initiative, resumed_due)
    assert _overdue_in_the_database(initiative, resumed_due + DAY)
    state = initiative_deadline_state(initiative=initiative, today=resumed_due + DAY)
    assert (state.overdue, state.days_overdue) == (True, 1)
    # and a question can no longer stop the clock after that date
    with on_day(resumed_due + DAY):
        assert initiative_deadline_state(initiative=initiative).overdue


def test_the_scan_reminds_about_a_plan_whose_hersteltermijn_passed_unused() -> None:
    initiative = _asked_on_day_5()
    contact = _contact(initiative)
    coordinator = official(
        municipality=initiative.neighbourhood.municipality, role=Role.COORDINATOR
    )
    Notification.objects.all().delete()
    # the day after the hersteltermijn: only "no answer in time"
    initiative_deadline_reminders_send(today=TODAY + 20 * DAY)
    assert _kinds(contact) == ["reminder.information_expired"]
    # a week before the date the running clock reached again: the decision reminder
    initiative_deadline_reminders_send(today=DUE + 7 * DAY)
    assert _kinds(contact)[-1] == "reminder.decision_due_soon"
    reminder = Notification.objects.filter(recipient=contact).latest("pk")
    assert "27 July 2026" in reminder.body
    # and at the hard limit (moved by the 14 days only): the escalation
    initiative_deadline_reminders_send(today=HARD_LIMIT + 13 * DAY)
    assert _kinds(coordinator) == []
    initiative_deadline_reminders_send(today=HARD_LIMIT + 14 * DAY)
    assert _kinds(coordinator) == ["reminder.decision_hard_limit"]


# --- The extension on the timeline ------------------------------------------------------


def _extended_on_day_21(motivation: str) -> Initiative:
    """A plan whose term was extended from 13 July to 10 August on 6 July."""
    initiative = _submitted()
    with on_day(TODAY + 21 * DAY):
        initiative_extend_decision_term(
            actor=_contact(initiative), initiative=initiative, motivation=motivation
        )
    return initiative


def test_the_extension_is_on_the_timeline() -> None:
    initiative = _extended_on_day_21("We wachten op advies.")
    with on_day(TODAY + 21 * DAY), translation.override("en"):
        lines = initiative_timeline(initiative=initiative)
    events = [line for line in lines if isinstance(line, TermEvent)]
    assert [(e.kind, e.label, e.motivation) for e in events] == [
        (
            "extension",
            "Decision term extended from 13 July 2026 to 10 August 2026",
            "We wachten op advies.",
        )
    ]
    assert lines[-1] is events[0]


# --- The notice of default (Awb 4:17) ---------------------------------------------------


def _notice(initiative: Initiative, day: dt.date, **kwargs: Any) -> NoticeOfDefault:
    with on_day(day):
        return initiative_notice_of_default_send(
            actor=kwargs.pop("actor", initiative.initiator),
            initiative=initiative,
            **kwargs,
        )


def test_a_notice_while_the_term_runs_or_stands_still_is_refused() -> None:
    initiative = _submitted()
    assert (
        _refused_without_a_trace(initiative, lambda: _notice(initiative, DUE))
        == "term_running"
    )
    asked = _asked_on_day_5()
    assert (
        _refused_without_a_trace(asked, lambda: _notice(asked, TODAY + 10 * DAY))
        == "term_paused"
    )


def _co_initiator(initiative: Initiative) -> User:
    """A neighbour who accepted the invitation to take part in ``initiative``."""
    neighbour = resident(
        initiative.neighbourhood, email="buur@example.nl", preferred_language="en"
    )
    with on_day():
        CoInitiator.objects.create(
            initiative=initiative,
            email="buur@example.nl",
            user=neighbour,
            invited_by=initiative.initiator,
            token_hash="0" * 64,
            expires_at=timezone.now() + 7 * DAY,
            accepted_at=timezone.now(),
        )
    return neighbour


def test_only_the_initiator_gives_notice_of_default() -> None:
    initiative = _submitted()
    neighbour = _co_initiator(initiative)
    before = snapshot(initiative)
    for actor in (neighbour, _contact(initiative)):
        with pytest.raises(PermissionDenied):
            _notice(initiative, DUE + DAY, actor=actor)
    assert snapshot(initiative) == before
    assert NoticeOfDefault.objects.count() == 0


def test_the_initiator_gives_notice_of_default_once() -> None:
    initiative = _submitted()
    contact = _contact(initiative)
    coordinator = official(
        neighbourhood=initiative.neighbourhood, role=Role.COORDINATOR
    )
    User.objects.update(preferred_language="en")
    Notification.objects.all().delete()
    # when the initiator sends it on Thursday 16 July, three days after the date
    notice = _notice(initiative, DUE + 3 * DAY, message="Wij wachten al lang.")
    # then it is recorded with the date that had passed and the first penalty day
    assert (notice.decision_due_on, notice.penalty_starts_on) == (
        DUE,
        dt.date(2026, 7, 30),
    )
    assert notice.message == "Wij wachten al lang."
    event = AuditEvent.objects.latest("id")
    assert event.action == "initiatives.initiative_notice_of_default_send"
    assert event.data["penalty_starts_on"] == "2026-07-30"
    # the initiator gets the receipt, the officials the alarm
    (receipt,) = Notification.objects.filter(recipient=initiative.initiator)
    assert receipt.kind == "initiative.notice_of_default_received"
    assert "16 July 2026" in receipt.body
    assert "30 July 2026" in receipt.body
    assert "€\u00a023 a day for the first 14 days" in receipt.body
    assert "€\u00a01.442 in all" in receipt.body
    for official_ in (contact, coordinator):
        assert _kinds(official_) == ["initiative.notice_of_default"]
    alarm = Notification.objects.get(recipient=contact)
    assert "Decide before 30 July 2026" in alarm.body
    # and it is on the timeline
    with on_day(DUE + 3 * DAY), translation.override("en"):
        labels = [
            line.get_to_status_display()
            for line in initiative_timeline(initiative=initiative)
        ]
    assert labels[-1] == "Notice of default received; penalty payment from 30 July 2026"
    # a second notice changes nothing
    assert (
        _refused_without_a_trace(initiative, lambda: _notice(initiative, DUE + 9 * DAY))
        == "already_sent"
    )


def test_the_penalty_runs_from_its_first_day_and_stops_at_the_decision() -> None:
    initiative = _submitted()
    notice = _notice(initiative, DUE + 3 * DAY)
    start = notice.penalty_starts_on  # 30 July 2026
    before = initiative_penalty(initiative=initiative, today=start - DAY)
    assert before is not None
    assert (before.started, before.days, before.cents, before.fix_by) == (
        False,
        0,
        0,
        None,
    )
    running = initiative_penalty(initiative=initiative, today=start + 20 * DAY)
    assert running is not None
    # 14 days at € 23 and 7 at € 35
    assert (running.days, running.cents) == (21, 56_700)
    capped = initiative_penalty(initiative=initiative, today=start + 100 * DAY)
    assert capped is not None
    assert (capped.days, capped.cents) == (42, 144_200)
    assert capped.fix_by == start + 41 * DAY + 14 * DAY
    # when the plan is decided on the fifth penalty day, the count stops there
    with on_day(start + 4 * DAY):
        step(initiative, S.CHECKED)
        step(initiative, S.REJECTED, reason_code=ReasonCode.RULE_BREACH)
    decided = initiative_penalty(initiative=initiative, today=start + 30 * DAY)
    assert decided is not None
    assert (decided.decided_on, decided.days, decided.cents) == (
        start + 4 * DAY,
        5,
        11_500,
    )
    assert decided.fix_by == start + 18 * DAY
    # and no notice is possible any more on a decided plan
    other = _submitted(title="Ander plan")
    with on_day(DUE + DAY):
        step(other, S.CHECKED)
        step(other, S.REJECTED, reason_code=ReasonCode.RULE_BREACH)
    assert (
        _refused_without_a_trace(other, lambda: _notice(other, DUE + 2 * DAY))
        == "not_awaiting"
    )


# --- Counting the plans that are past their term on a day ---------------------------


def test_counting_plans_past_their_term_on_boundary_days() -> None:
    late = _submitted(title="Te laat")
    wijk = late.neighbourhood
    count = lambda day: initiatives_past_term_count(neighbourhood=wijk, on=day)  # noqa: E731
    # the due day itself is in time, the day after is late
    assert count(DUE) == 0
    assert count(DUE + DAY) == 1
    # decided on 20 July: late on 19 July, not waiting any more at the end of the 20th
    with on_day(DUE + 7 * DAY):
        step(late, S.CHECKED)
        step(late, S.REJECTED, reason_code=ReasonCode.RULE_BREACH)
    assert count(DUE + 6 * DAY) == 1
    assert count(DUE + 7 * DAY) == 0
    # a question stops the clock: not late while the hersteltermijn runs, late after
    # the date the running clock reached again
    with on_day(TODAY + 5 * DAY):
        asked = step(initiative_in(S.DRAFT, neighbourhood=wijk), S.SUBMITTED)
    with on_day(TODAY + 7 * DAY):
        initiative_request_information(
            actor=_contact(asked), initiative=asked, message="Welke plek?"
        )
    asked_due = TODAY + 5 * DAY + 28 * DAY + 14 * DAY  # 2 August 2026
    assert count(asked_due) == 0
    assert count(asked_due + DAY) == 1


# --- The pages ------------------------------------------------------------------------


class _Client(HttpsClient):
    """A browser of ``user`` that signs in again on each day it visits (sessions
    end after a while without activity, and the tests jump weeks ahead)."""

    def __init__(self, user: User, *, official: bool = False) -> None:
        super().__init__()
        self.user = user
        self.official = official

    def visit(self, url: str, day: dt.date) -> str:
        with on_day(day):
            if self.official:
                sign_in_verified(self, self.user)
            else:
                sign_in(self, self.user)
            response = self.get(url)
        assert response.status_code == 200
        return str(response.content.decode())


def _resident_client(user: User) -> _Client:
    return _Client(user)


def _official_client(user: User) -> _Client:
    return _Client(user, official=True)


def _page(client: _Client, url: str, day: dt.date) -> str:
    return client.visit(url, day)


def _plan_page(initiative: Initiative) -> str:
    return reverse(
        "initiatives:plan_detail", kwargs={"initiative_uuid": initiative.uuid}
    )


def _plan_file(initiative: Initiative) -> str:
    return reverse(
        "initiatives:official_plan", kwargs={"initiative_uuid": initiative.uuid}
    )


def test_the_resident_page_promises_the_date_only_while_it_lies_ahead() -> None:
    initiative = _submitted()
    client = _resident_client(initiative.initiator)
    running = _page(client, _plan_page(initiative), DUE)
    assert "You hear the decision no later than" in running
    assert "13 July 2026" in running
    assert "We are late" not in running
    # the day after, no promise: the page says that we are late and what to do
    late = _page(client, _plan_page(initiative), DUE + 6 * DAY)
    assert "You hear the decision no later than" not in late
    assert "We are late with our decision" in late
    assert (
        "We should have decided on your plan by 13 July 2026. That was 6 days ago."
        in late
    )
    assert "€\u00a023 a day for the first 14 days" in late
    assert "€\u00a035 a day for the next 14 days" in late
    assert (
        "€\u00a045 a day after that, for at most 42 days (€\u00a01.442 in all)" in late
    )
    assert (
        "If your notice reaches us today, the penalty payment starts on 2 August 2026."
        in late
    )
    notice_url = reverse(
        "initiatives:plan_notice_of_default",
        kwargs={"initiative_uuid": initiative.uuid},
    )
    assert notice_url in late


def test_the_resident_page_in_dutch_says_we_are_late() -> None:
    initiative = _submitted()
    User.objects.update(preferred_language="nl")
    html = _page(
        _resident_client(initiative.initiator), _plan_page(initiative), DUE + DAY
    )
    assert "We zijn te laat met ons besluit" in html
    assert "Als uw ingebrekestelling vandaag bij ons binnenkomt" in html
    assert "28 juli 2026" in html


def test_the_resident_page_while_the_clock_stands_still() -> None:
    initiative = _asked_on_day_5()
    html = _page(
        _resident_client(initiative.initiator), _plan_page(initiative), TODAY + 10 * DAY
    )
    assert (
        "The time for our decision stands still until you answer our question." in html
    )
    assert "After your answer we decide within 23 days." in html
    assert "You hear the decision no later than" not in html


def test_the_notice_page_asks_to_confirm_keeps_the_text_and_then_records_it() -> None:
    initiative = _submitted()
    client = _resident_client(initiative.initiator)
    url = reverse(
        "initiatives:plan_notice_of_default",
        kwargs={"initiative_uuid": initiative.uuid},
    )
    day = DUE + 6 * DAY  # Sunday 19 July 2026
    page = _page(client, url, day)
    assert "the penalty payment starts on 2 August 2026" in page
    # without the confirmation: the error, the text kept, nothing recorded
    with on_day(day):
        unconfirmed = client.post(url, {"message": "Wij wachten al lang."})
    html = unconfirmed.content.decode()
    assert unconfirmed.status_code == 200
    assert "Tick the box to confirm that you send the notice." in html
    assert "Wij wachten al lang." in html
    assert NoticeOfDefault.objects.count() == 0
    # with it: recorded, and the plan page says what happens now
    with on_day(day):
        sent = client.post(url, {"message": "Wij wachten al lang.", "confirm": "on"})
    assert sent.status_code == 302
    assert sent["Location"] == _plan_page(initiative)
    assert NoticeOfDefault.objects.get(initiative=initiative).penalty_starts_on == (
        dt.date(2026, 8, 2)
    )
    after = _page(client, _plan_page(initiative), day)
    assert "We received your notice of default on 19 July 2026." in after
    assert "If we have still not decided on 2 August 2026" in after
    assert "Notice of default received; penalty payment from 2 August 2026" in after
    # later, the amount so far: 5 days at € 23
    later = _page(client, _plan_page(initiative), dt.date(2026, 8, 6))
    assert "So far: €\u00a0115 for 5 days." in later


def test_the_plan_file_offers_the_extension_and_says_why_not_after_the_term() -> None:
    initiative = _submitted()
    client = _official_client(_contact(initiative))
    extend = reverse(
        "notifications:deadlines:extend_decision_term",
        kwargs={"initiative_uuid": initiative.uuid},
    )
    ask = reverse(
        "initiatives:official_request_information",
        kwargs={"initiative_uuid": initiative.uuid},
    )
    running = _page(client, _plan_file(initiative), DUE)
    assert extend in running
    assert ask in running
    late = _page(client, _plan_file(initiative), DUE + DAY)
    assert extend not in late
    assert "The term has ended, so it can no longer be extended" in late
    # the question form gives way to the reason; the plan stays flagged
    assert ask not in late
    assert "You can no longer stop the clock with a question" in late
    assert "Overdue" in late
    # a question posted from a page left open is refused, with the text kept
    before = snapshot(initiative)
    with on_day(DUE + DAY):
        refused = client.post(ask, {"request-message": "Welke plek precies?"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "The decision term ended on 13 July 2026." in html
    assert "Welke plek precies?" in html
    assert snapshot(initiative) == before


def test_the_plan_file_shows_an_extension_in_the_history() -> None:
    initiative = _extended_on_day_21("Advies nodig.")
    official_html = _page(
        _official_client(_contact(initiative)), _plan_file(initiative), TODAY + 22 * DAY
    )
    resident_html = _page(
        _resident_client(initiative.initiator), _plan_page(initiative), TODAY + 22 * DAY
    )
    for html in (official_html, resident_html):
        assert "Decision term extended from 13 July 2026 to 10 August 2026" in html
        assert "Advies nodig." in html
    assert "The term has already been extended once" in official_html


def test_the_plan_file_and_work_list_show_the_notice_and_the_amount_so_far() -> None:
    initiative = _submitted()
    _notice(initiative, DUE + 3 * DAY, message="Wij wachten al lang.")
    client = _official_client(_contact(initiative))
    day = dt.date(2026, 8, 5)  # the seventh penalty day
    plan_file = _page(client, _plan_file(initiative), day)
    assert "Notice of default received" in plan_file
    assert "Since 30 July 2026 the municipality owes a penalty payment" in plan_file
    assert "Owed so far: €\u00a0161 (7 days)." in plan_file
    assert "Wij wachten al lang." in plan_file
    work_list = _page(client, reverse("initiatives:worklist"), day)
    assert (
        "Notice of default: penalty payment since 30 Jul 2026, owed so far €\u00a0161"
        in work_list
    )


def test_a_co_initiator_reads_that_we_are_late_but_the_initiator_sends_the_notice() -> (
    None
):
    initiative = _submitted()
    neighbour = _co_initiator(initiative)
    html = _page(_resident_client(neighbour), _plan_page(initiative), DUE + DAY)
    assert "We are late with our decision" in html
    name = initiative.initiator.display_name
    assert f"{name} sent in the plan and can send the notice of default." in html
    notice_url = reverse(
        "initiatives:plan_notice_of_default",
        kwargs={"initiative_uuid": initiative.uuid},
    )
    assert notice_url not in html
