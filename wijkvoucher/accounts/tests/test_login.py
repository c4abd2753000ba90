"""Asking for a sign-in link: /inloggen/."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.test import Client

import pytest
import time_machine

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.services import login_link_request
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.accounts.tests.helpers import (
    LOGIN_URL,
    link_in,
    request_link,
    token_and_next,
)
from wijkvoucher.core.constants import AuditResult
from wijkvoucher.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SENT_URL = "/inloggen/verstuurd/"


def _login_form(content: bytes) -> str:
    html = content.decode()
    start = html.index('action="/inloggen/"')
    return html[start : html.index("</form>", start)]


def _without_csrf(content: bytes) -> str:
    """Page HTML without the per-response CSRF token (masked anew each time)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def test_sign_in_page_shows_one_email_field(client: Client) -> None:
    # when
    response = client.get(LOGIN_URL)

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="email"' in html
    assert 'name="email"' in html
    assert 'autocomplete="email"' in html
    assert "Send me a sign-in link" in html


def test_known_address_gets_a_link_mail(
    client: Client, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    # given
    UserFactory.create(email="an@example.nl")

    # when
    response = request_link(client, django_capture_on_commit_callbacks, "an@example.nl")

    # then
    assert response.status_code == 302
    assert response["Location"] == SENT_URL
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@example.nl"]
    assert message.subject == "Your sign-in link for wijkvoucher"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert link_in(message).startswith(f"{settings.SITE_URL}/inloggen/link/?token=")
    assert "10 minutes" in str(message.body)
    assert isinstance(message, EmailMultiAlternatives)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/inloggen/link/?token=" in str(html)
    assert User.objects.count() == 1


def test_unknown_address_becomes_a_new_resident_account(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # when
    response = request_link(
        client, django_capture_on_commit_callbacks, "nieuw@example.nl"
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == SENT_URL
    user = User.objects.get()
    assert user.email == "nieuw@example.nl"
    assert user.is_active is True
    assert user.is_staff is False
    assert user.has_usable_password() is False
    assert [m.to for m in mail.outbox] == [["nieuw@example.nl"]]
    assert AuditEvent.objects.filter(action="accounts.register").count() == 1


def test_known_and_unknown_addresses_get_identical_answers(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    UserFactory.create(email="bekend@example.nl")

    # when
    known = request_link(
        client, django_capture_on_commit_callbacks, "bekend@example.nl"
    )
    unknown = request_link(
        client, django_capture_on_commit_callbacks, "onbekend@example.nl"
    )
    known_page = client.get(known["Location"])
    unknown_page = client.get(unknown["Location"])

    # then
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == SENT_URL
    assert known.content == unknown.content
    assert known_page.status_code == unknown_page.status_code == 200
    assert _without_csrf(known_page.content) == _without_csrf(unknown_page.content)
    text = known_page.content.decode()
    assert "If this e-mail address is right" in text
    assert "10 minutes and only once" in text
    assert "spam folder" in text


def test_address_is_stripped_and_lowercased(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    UserFactory.create(email="piet@example.nl")

    # when
    request_link(client, django_capture_on_commit_callbacks, "  Piet@Example.NL ")

    # then
    assert User.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["piet@example.nl"]]


@pytest.mark.parametrize("typed", ["not-an-address", "a@b", "twee@@example.nl", ""])
def test_invalid_address_keeps_what_was_typed_and_sends_nothing(
    client: Client, django_capture_on_commit_callbacks: Any, typed: str
) -> None:
    # when
    response = request_link(client, django_capture_on_commit_callbacks, typed)

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "Please check the following" in html
    if typed:
        assert f'value="{typed}"' in html
    assert mail.outbox == []
    assert User.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_inactive_account_gets_the_same_answer_and_no_mail(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    UserFactory.create(email="weg@example.nl", is_active=False)

    # when
    response = request_link(
        client, django_capture_on_commit_callbacks, "weg@example.nl"
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == SENT_URL
    assert mail.outbox == []
    event = AuditEvent.objects.get(action="accounts.login_link_sent")
    assert event.result == AuditResult.DENIED
    assert event.data == {"reason": "inactive"}


def test_sixth_request_for_one_address_within_15_minutes_is_refused(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    UserFactory.create(email="veel@example.nl")
    start = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):
            response = request_link(
                client, django_capture_on_commit_callbacks, "veel@example.nl"
            )
            assert response.status_code == 302
            clock.shift(dt.timedelta(seconds=30))

        # when
        refused = request_link(
            client, django_capture_on_commit_callbacks, " VEEL@example.nl"
        )

    # then
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert len(mail.outbox) == 5


def test_address_limit_is_lifted_after_15_minutes(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    UserFactory.create(email="later@example.nl")
    start = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(6):
            request_link(client, django_capture_on_commit_callbacks, "later@example.nl")
        assert len(mail.outbox) == 5
        clock.shift(dt.timedelta(minutes=15, seconds=1))

        # when
        response = request_link(
            client, django_capture_on_commit_callbacks, "later@example.nl"
        )

    # then
    assert response.status_code == 302
    assert len(mail.outbox) == 6


def test_one_ip_address_is_limited_across_addresses(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given: 30 requests for 30 different addresses from one IP address
    for n in range(30):
        response = request_link(
            client,
            django_capture_on_commit_callbacks,
            f"ip{n}@example.nl",
            REMOTE_ADDR="203.0.113.7",
        )
        assert response.status_code == 302

    # when
    refused = request_link(
        client,
        django_capture_on_commit_callbacks,
        "ip-extra@example.nl",
        REMOTE_ADDR="203.0.113.7",
    )
    other_ip = request_link(
        client,
        django_capture_on_commit_callbacks,
        "ip-other@example.nl",
        REMOTE_ADDR="198.51.100.9",
    )

    # then
    assert refused.status_code == 429
    assert other_ip.status_code == 302
    assert len(mail.outbox) == 31
    assert not User.objects.filter(email="ip-extra@example.nl").exists()


def test_next_is_carried_through_the_link(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # when
    request_link(
        client,
        django_capture_on_commit_callbacks,
        "next@example.nl",
        next_url="/initiatieven/12/?tab=stemmen",
    )

    # then
    _token, next_url = token_and_next(link_in(mail.outbox[0]))
    assert next_url == "/initiatieven/12/?tab=stemmen"


def test_sign_in_form_keeps_next_from_the_query(client: Client) -> None:
    # when
    response = client.get(LOGIN_URL, {"next": "/mijn-plannen/"})

    # then
    assert '<input type="hidden" name="next" value="/mijn-plannen/">' in (
        _login_form(response.content)
    )


@pytest.mark.parametrize(
    "evil",
    [
        "https://evil.example/",
        "//evil.example/pad",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "relatief/pad",
    ],
)
def test_next_to_another_site_is_dropped(
    client: Client, django_capture_on_commit_callbacks: Any, evil: str
) -> None:
    # when
    form_page = client.get(LOGIN_URL, {"next": evil})
    request_link(
        client, django_capture_on_commit_callbacks, "x@example.nl", next_url=evil
    )

    # then
    assert 'name="next"' not in _login_form(form_page.content)
    _token, next_url = token_and_next(link_in(mail.outbox[0]))
    assert next_url == ""
    assert "evil" not in str(mail.outbox[0].body)


def test_link_request_is_audited_without_the_address(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # when
    request_link(client, django_capture_on_commit_callbacks, "geheim@example.nl")

    # then
    event = AuditEvent.objects.get(action="accounts.login_link_sent")
    assert event.result == AuditResult.SUCCESS
    assert event.data == {"new_account": True, "with_next": False}
    assert event.subject_id == str(User.objects.get().pk)
    assert "geheim" not in str(event.data)


def test_nothing_is_sent_when_the_request_rolls_back(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    def request_then_fail() -> None:
        with transaction.atomic():
            login_link_request(email="terug@example.nl")
            raise RuntimeError

    # when
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
    ):
        request_then_fail()

    # then
    assert mail.outbox == []
    assert User.objects.count() == 0
