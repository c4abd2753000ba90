"""The inbox (/berichten/), the header's navigation and the e-mails."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from unittest import mock

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.factories import (
    NeighbourhoodFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    sign_in,
    sign_in_verified,
)
from wijkvoucher.notifications.models import Notification
from wijkvoucher.notifications.services import (
    EMAIL_MAX_ATTEMPTS,
    notification_emails_retry,
    notification_send,
)
from wijkvoucher.notifications.tasks import notification_email_send
from wijkvoucher.work import navigation as roles

pytestmark = pytest.mark.django_db

INBOX = "/berichten/"


def _message(
    user: User, subject: str = "Onderwerp", url: str = "/mijn-plannen/"
) -> Notification:
    return Notification.objects.create(
        recipient=user, kind="test", subject=subject, body="Tekst", url=url
    )


def _client(user: User) -> Client:
    client = HttpsClient()
    sign_in(client, user)
    return client


def test_the_inbox_lists_only_ones_own_messages_and_marks_the_unread() -> None:
    me, other = UserFactory.create(), UserFactory.create()
    read = _message(me, "Gelezen bericht")
    Notification.objects.filter(pk=read.pk).update(read_at="2026-06-01T10:00Z")
    _message(me, "Nieuw bericht")
    _message(other, "Niet voor jou")
    response = _client(me).get(reverse("notifications:inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nieuw bericht" in html
    assert "Gelezen bericht" in html
    assert "Niet voor jou" not in html
    assert html.count("inbox-message--unread") == 1
    # newest first
    assert html.index("Nieuw bericht") < html.index("Gelezen bericht")


def test_the_inbox_pages() -> None:
    me = UserFactory.create()
    for number in range(25):
        _message(me, f"Bericht {number:02d}")
    first = _client(me).get(INBOX).content.decode()
    second = _client(me).get(INBOX, {"pagina": "2"}).content.decode()
    assert "Bericht 24" in first
    assert "Bericht 04" not in first
    assert "Bericht 04" in second
    assert "Bericht 24" not in second


def test_opening_marks_read_and_follows_only_site_paths() -> None:
    me = UserFactory.create()
    inside = _message(me, url="/mijn-plannen/")
    outside = _message(me, url="//evil.example/x")
    client = _client(me)
    response = client.get(reverse("notifications:open", args=[inside.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/mijn-plannen/"
    inside.refresh_from_db()
    assert inside.read_at is not None
    response = client.get(reverse("notifications:open", args=[outside.pk]))
    assert response["Location"] == f"{INBOX}#bericht-{outside.pk}"


def test_someone_elses_message_is_not_found_and_stays_unread() -> None:
    me, other = UserFactory.create(), UserFactory.create()
    theirs = _message(other)
    response = _client(me).get(reverse("notifications:open", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_ones_own() -> None:
    me, other = UserFactory.create(), UserFactory.create()
    _message(me)
    _message(me)
    theirs = _message(other)
    response = _client(me).post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


WORK = "/mijn-werk/"  # notifications sits below work: the path, not its name


def test_the_header_shows_the_unread_count_in_words_and_the_work_pages() -> None:
    wijk = NeighbourhoodFactory.create()
    person = UserFactory.create(preferred_language="en")
    RoleAssignmentFactory(user=person, role=Role.CONTACT_OFFICIAL, neighbourhood=wijk)
    _message(person)
    _message(person)
    client = HttpsClient()
    sign_in_verified(client, person)
    client.cookies["django_language"] = "en"
    html = client.get(INBOX, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "(2 unread)" in html
    # the work pages are one click further, on "My work"
    assert f'href="{WORK}"' in html
    # a resident sees neither count nor work
    resident = UserFactory.create()
    html = _client(resident).get(INBOX).content.decode()
    assert f'href="{WORK}"' not in html
    assert "nav-count" not in html


def test_the_nav_facts_take_one_query(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    wijk = NeighbourhoodFactory.create()
    person = UserFactory.create()
    RoleAssignmentFactory(user=person, role=Role.STEERING_CHAIR, neighbourhood=wijk)
    _message(person)
    with django_assert_num_queries(1):
        facts = roles.nav_facts(person)
    assert facts == roles.NavFacts(
        unread=1, is_official=False, is_regiegroep=True, has_role=True
    )


# --- E-mail ------------------------------------------------------------------------------


def test_the_email_has_text_and_html_with_the_site_link(
    django_capture_on_commit_callbacks: Callable[..., Any],
    settings: Any,
) -> None:
    settings.SITE_URL = "https://wijkvoucher.example.nl"
    person = UserFactory.create(preferred_language="en", full_name="Anna de Vries")
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notification_send(
            recipients=[person],
            kind="test",
            subject="Hello %(name)s",
            body="Line one.",
            params={"name": "Anna"},
            url="/mijn-plannen/",
        )
    (message,) = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject == "Hello Anna"
    assert message.to == [person.email]
    assert "Hello Anna de Vries," in message.body
    assert "https://wijkvoucher.example.nl/mijn-plannen/" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert 'href="https://wijkvoucher.example.nl/mijn-plannen/"' in str(html)
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    # sending again does nothing: it went out once
    notification_email_send.call(notification_id=notification.pk)
    assert len(mail.outbox) == 1


def test_no_email_without_an_address_or_with_email_off(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    no_address = UserFactory.create()
    User.objects.filter(pk=no_address.pk).update(email=None)
    no_address.refresh_from_db()
    quiet = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[no_address], kind="t", subject="S", body="B")
        notification_send(
            recipients=[quiet], kind="t", subject="S", body="B", email=False
        )
    assert mail.outbox == []
    assert Notification.objects.count() == 2


def test_a_failed_email_is_logged_without_the_address_and_tried_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    person = UserFactory.create()
    notification = _message(person)
    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send",
            side_effect=ConnectionRefusedError,
        ),
        caplog.at_level(logging.ERROR),
        pytest.raises(ConnectionRefusedError),
    ):
        notification_email_send.call(notification_id=notification.pk)
    notification.refresh_from_db()
    assert (notification.email_attempts, notification.emailed_at) == (1, None)
    assert person.email is not None
    assert person.email not in caplog.text
    assert str(notification.pk) in caplog.text
    # the periodic command enqueues it again (tasks run at once in the tests)
    assert notification_emails_retry() == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert len(mail.outbox) == 1
    # after too many attempts, it is left alone
    other = _message(person)
    Notification.objects.filter(pk=other.pk).update(email_attempts=EMAIL_MAX_ATTEMPTS)
    assert notification_emails_retry() == 0
