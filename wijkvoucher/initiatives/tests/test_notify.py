"""Who hears what at each status change (issue #3, point 10): residents get one plain
message per step, the contact official hears what residents do, the regiegroep's
chair and secretary hear when a plan is ready; e-mails go out only after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.initiatives.models import CoInitiator, Initiative
from wijkvoucher.initiatives.notify import TOLD_ELSEWHERE
from wijkvoucher.initiatives.services import (
    initiative_request_information,
    initiative_submit,
    initiative_withdraw,
)
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    initiative_in,
    neighbourhood_ready,
    step,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.factories import RoleAssignmentFactory
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day
from wijkvoucher.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _co_initiator(initiative: Initiative, **fields: Any) -> User:
    user = UserFactory.create(**fields)
    assert user.email is not None
    CoInitiator.objects.create(
        initiative=initiative,
        email=user.email.lower(),
        user=user,
        invited_by=initiative.initiator,
        token_hash=f"{user.pk:064d}",
        expires_at=timezone.now() + dt.timedelta(days=7),
        accepted_at=timezone.now(),
    )
    return user


def _in_english() -> None:
    """Everyone reads English: the assertions below quote the English texts, which
    stay the same when the Dutch catalogue changes."""
    User.objects.update(preferred_language="en")


def _inbox(user: User | None) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def _plan_url(initiative: Initiative) -> str:
    return reverse(
        "initiatives:plan_detail", kwargs={"initiative_uuid": initiative.uuid}
    )


def test_submission_acknowledges_with_the_decision_date_and_tells_the_contact() -> None:
    # given a complete draft with an accepted and a pending co-initiator
    draft = complete_draft()
    partner = _co_initiator(draft)
    invited = UserFactory.create()
    CoInitiator.objects.create(
        initiative=draft,
        email="later@example.nl",
        invited_by=draft.initiator,
        token_hash="f" * 64,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    contact = draft.neighbourhood.contact_official
    Notification.objects.all().delete()
    # when the initiator submits it
    initiative = initiative_submit(actor=draft.initiator, initiative=draft)
    # then the initiator and the accepted co-initiator get the acknowledgement
    due = TODAY + dt.timedelta(weeks=4)
    for person in (initiative.initiator, partner):
        (message,) = _inbox(person)
        assert message.kind == "initiative.submitted"
        assert initiative.title in message.subject
        assert "13 juli 2026" in message.body  # Dutch date, the default language
        assert contact is not None
        assert contact.display_name in message.body
        assert message.url == _plan_url(initiative)
    assert initiative.decision_due_on == due
    # and the contact official hears of the new plan, linking to the plan file
    (notice,) = _inbox(contact)
    assert notice.kind == "initiative.submitted.official"
    assert notice.url == reverse(
        "initiatives:official_plan", kwargs={"initiative_uuid": initiative.uuid}
    )
    # and nobody else
    assert _inbox(invited) == []
    assert Notification.objects.count() == 3


def test_the_information_request_says_what_and_by_when() -> None:
    initiative = initiative_in(S.SUBMITTED)
    contact = initiative.contact_official
    assert contact is not None
    Notification.objects.all().delete()
    initiative_request_information(
        actor=contact, initiative=initiative, message="Hoeveel buren doen mee?"
    )
    (message,) = _inbox(initiative.initiator)
    assert message.kind == "initiative.information_requested"
    assert "Hoeveel buren doen mee?" in message.body
    assert "29 juni 2026" in message.body
    # the official took the step: they get nothing
    assert _inbox(contact) == []


def test_the_answer_goes_to_the_contact_official_and_is_no_new_receipt() -> None:
    initiative = initiative_in(S.INFORMATION_REQUESTED)
    _in_english()
    Notification.objects.all().delete()
    step(initiative, S.SUBMITTED)
    (resident_message,) = _inbox(initiative.initiator)
    assert resident_message.kind == "initiative.submitted"
    assert "received your answer" in resident_message.subject
    (notice,) = _inbox(initiative.contact_official)
    assert notice.kind == "initiative.submitted.official"
    assert "Answer received" in notice.subject


def test_checked_tells_the_residents_and_the_regiegroep_leads_only() -> None:
    initiative = initiative_in(S.SUBMITTED)
    wijk = initiative.neighbourhood
    chair, secretary, member = (
        RoleAssignmentFactory.create(role=role, neighbourhood=wijk).user
        for role in (Role.STEERING_CHAIR, Role.STEERING_SECRETARY, Role.STEERING_MEMBER)
    )
    Notification.objects.all().delete()
    step(initiative, S.CHECKED)
    assert [n.kind for n in _inbox(initiative.initiator)] == ["initiative.checked"]
    for lead in (chair, secretary):
        assert [n.kind for n in _inbox(lead)] == ["initiative.checked.regiegroep"]
    assert _inbox(member) == []
    assert _inbox(initiative.contact_official) == []


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (S.CANCELLED, "cancelled"),
    ],
)
def test_steps_with_reasons_explain_them(status: S, words: str) -> None:
    # given an initiative one step before `status`, with a co-initiator
    before: dict[S, S] = {
        S.CANCELLED: S.AWARDED,
    }
    initiative = initiative_in(before[status])
    partner = _co_initiator(initiative)
    _in_english()
    Notification.objects.all().delete()
    # when the official takes the step with a reason
    step(
        initiative,
        status,
        reason_code=ReasonCode.BUDGET_EXHAUSTED,
        motivation="Het budget van dit jaar is op.",
    )
    # then both residents read the reason in plain words, with a link to the plan
    for person in (initiative.initiator, partner):
        (message,) = _inbox(person)
        assert words in message.subject
        assert "Het budget van dit jaar is op." in message.body
        with translation.override("en"):
            assert str(ReasonCode.BUDGET_EXHAUSTED.label) in message.body
        assert message.url == _plan_url(initiative)
    assert Notification.objects.count() == 2


@pytest.mark.parametrize("status", sorted(TOLD_ELSEWHERE))
def test_some_steps_leave_the_message_to_the_service_that_takes_them(
    status: S,
) -> None:
    # the beschikking's own message (decisions app) names its number and the
    # objection deadline, the regiegroep's names the meeting date; the status
    # step adds no second message
    before = {
        S.NOT_PROCESSED: S.INFORMATION_REQUESTED,
        S.ON_AGENDA: S.CHECKED,
        S.DEFERRED: S.IN_DELIBERATION,
        S.ADVISED: S.IN_DELIBERATION,
    }.get(status, S.ADVISED)
    initiative = initiative_in(before)
    Notification.objects.all().delete()
    with on_day(TODAY + dt.timedelta(days=30)):
        step(initiative, status)
    assert _inbox(initiative.initiator) == []


def test_a_withdrawal_reaches_the_contact_official() -> None:
    initiative = initiative_in(S.CHECKED)
    Notification.objects.all().delete()
    initiative_withdraw(
        actor=initiative.initiator, initiative=initiative, motivation=""
    )
    assert [n.kind for n in _inbox(initiative.initiator)] == ["initiative.withdrawn"]
    assert [n.kind for n in _inbox(initiative.contact_official)] == [
        "initiative.withdrawn.official"
    ]


def test_every_status_has_a_resident_message() -> None:
    from wijkvoucher.initiatives.notify import RESIDENT_MESSAGES

    assert set(RESIDENT_MESSAGES) == set(S) - {S.DRAFT} - TOLD_ELSEWHERE


def test_each_person_reads_it_in_their_own_language() -> None:
    draft = complete_draft()
    partner = _co_initiator(draft, preferred_language="en")
    initiative_submit(actor=draft.initiator, initiative=draft)
    (dutch,) = _inbox(draft.initiator)
    (english,) = _inbox(partner)
    assert "13 juli 2026" in dutch.body
    assert "13 July 2026" in english.body
    assert english.subject.startswith("We have received your plan")


def test_nothing_is_sent_when_the_step_rolls_back() -> None:
    draft = complete_draft()
    Notification.objects.all().delete()

    def submit_then_fail() -> None:
        with transaction.atomic():
            initiative_submit(actor=draft.initiator, initiative=draft)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        submit_then_fail()
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_emails_go_out_only_after_commit(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    draft = complete_draft()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        initiative_submit(actor=draft.initiator, initiative=draft)
        # inside the transaction: in the app, not yet by e-mail
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    recipients = sorted(str(address) for m in mail.outbox for address in m.to)
    contact = draft.neighbourhood.contact_official
    assert contact is not None
    assert recipients == sorted([str(draft.initiator.email), str(contact.email)])
    first = next(m for m in mail.outbox if m.to == [draft.initiator.email])
    assert draft.title in first.subject
    assert isinstance(first, EmailMultiAlternatives)
    assert first.alternatives[0][1] == "text/html"
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_refused_step_sends_nothing() -> None:
    wijk = neighbourhood_ready()
    draft = complete_draft(neighbourhood=wijk)
    wijk.contact_official = None
    wijk.save(update_fields=["contact_official"])
    with pytest.raises(ValidationError) as refused:
        initiative_submit(actor=draft.initiator, initiative=draft)
    assert refused.value.code == "no_contact_official"
    assert Notification.objects.count() == 0
