"""Using a sign-in link: /inloggen/link/."""

from __future__ import annotations

import base64
import datetime as dt

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

import pytest
import time_machine
from sesame.utils import get_token

from wijkvoucher.accounts.emails import login_link_url
from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.accounts.tests.helpers import (
    LINK_URL,
    HttpsClient,
    sign_in,
    token_and_next,
    totp_device,
)
from wijkvoucher.core.constants import AuditResult
from wijkvoucher.core.models import AuditEvent

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)


def _token(user: User, next_url: str = "") -> tuple[str, str]:
    return token_and_next(login_link_url(user=user, next_url=next_url))


def _signed_in_user_id(client: Client) -> str | None:
    return client.session.get(SESSION_KEY)


def test_token_carries_at_least_128_bits_of_secret() -> None:
    # given
    user = UserFactory.create()

    # when
    token, _next = _token(user)

    # then: the token is pk + timestamp + MAC; the MAC is the secret part
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    mac_bytes = len(raw) - 8 - 4  # BigAutoField pk (8 bytes) and timestamp (4 bytes)
    assert mac_bytes * 8 >= 128
    assert len(token) * 6 >= 128 + 96


def test_tokens_differ_per_user_and_moment() -> None:
    # given
    first, second = UserFactory.create(), UserFactory.create()

    # when
    with time_machine.travel(START, tick=False) as clock:
        a = get_token(first, scope="login")
        b = get_token(second, scope="login")
        clock.shift(dt.timedelta(seconds=1))
        c = get_token(first, scope="login")

    # then
    assert len({a, b, c}) == 3


def test_opening_the_link_shows_a_button_and_signs_nobody_in(client: Client) -> None:
    # given
    user = UserFactory.create()
    token, _next = _token(user)

    # when
    response = client.get(LINK_URL, {"token": token})

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html
    assert f'name="token" value="{token}"' in html
    assert ">Sign in</button>" in html
    assert _signed_in_user_id(client) is None
    user.refresh_from_db()
    assert user.last_login is None


def test_opening_twice_does_not_use_the_link_up(client: Client) -> None:
    # given
    user = UserFactory.create()
    token, _next = _token(user)

    # when
    first = client.get(LINK_URL, {"token": token})
    second = client.get(LINK_URL, {"token": token})
    response = client.post(LINK_URL, {"token": token})

    # then
    assert first.status_code == second.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == "/na-inloggen/"
    assert _signed_in_user_id(client) == str(user.pk)


def test_pressing_the_button_signs_in_and_audits(client: Client) -> None:
    # given
    user = UserFactory.create()
    token, _next = _token(user)

    # when
    response = client.post(LINK_URL, {"token": token})

    # then
    assert response.status_code == 302
    assert _signed_in_user_id(client) == str(user.pk)
    user.refresh_from_db()
    assert user.last_login is not None
    event = AuditEvent.objects.get(action="accounts.login")
    assert event.actor == user
    assert event.data == {"method": "login_link"}


def test_sign_in_goes_to_next(client: Client) -> None:
    # given
    user = UserFactory.create()
    token, next_url = _token(user, next_url="/initiatieven/3/")

    # when
    page = client.get(LINK_URL, {"token": token, "next": next_url})
    response = client.post(LINK_URL, {"token": token, "next": next_url})

    # then
    assert 'name="next" value="/initiatieven/3/"' in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/initiatieven/3/"


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example", "/\\x"])
def test_sign_in_refuses_a_tampered_next(client: Client, evil: str) -> None:
    # given
    user = UserFactory.create()
    token, _next = _token(user)

    # when
    response = client.post(LINK_URL, {"token": token, "next": evil})

    # then
    assert response.status_code == 302
    assert response["Location"] == "/na-inloggen/"


def test_link_works_after_9_minutes(client: Client) -> None:
    # given
    user = UserFactory.create()
    with time_machine.travel(START, tick=False) as clock:
        token, _next = _token(user)
        clock.shift(dt.timedelta(minutes=9))

        # when
        response = client.post(LINK_URL, {"token": token})

        # then
        assert response.status_code == 302
        assert _signed_in_user_id(client) == str(user.pk)


def test_link_is_refused_after_11_minutes(client: Client) -> None:
    # given
    user = UserFactory.create()
    with time_machine.travel(START, tick=False) as clock:
        token, _next = _token(user)
        clock.shift(dt.timedelta(minutes=11))

        # when
        opened = client.get(LINK_URL, {"token": token})
        response = client.post(LINK_URL, {"token": token})

    # then
    assert opened.status_code == 400
    assert response.status_code == 400
    assert _signed_in_user_id(client) is None
    user.refresh_from_db()
    assert user.last_login is None


def test_link_works_only_once(client: Client) -> None:
    # given
    user = UserFactory.create()
    token, _next = _token(user)
    first = client.post(LINK_URL, {"token": token})
    other_browser = HttpsClient()

    # when
    second = other_browser.post(LINK_URL, {"token": token})

    # then
    assert first.status_code == 302
    assert second.status_code == 400
    assert _signed_in_user_id(other_browser) is None
    assert "This link no longer works" in second.content.decode()


@pytest.mark.parametrize("token", ["", "abc", "A" * 40, "not a token at all"])
def test_broken_link_gets_a_friendly_page_and_is_audited(
    client: Client, token: str
) -> None:
    # when
    opened = client.get(LINK_URL, {"token": token})
    pressed = client.post(LINK_URL, {"token": token})

    # then
    assert opened.status_code == pressed.status_code == 400
    html = pressed.content.decode()
    assert "This link no longer works" in html
    assert 'href="/inloggen/"' in html
    assert _signed_in_user_id(client) is None
    failed = AuditEvent.objects.filter(action="accounts.login_failed")
    expected = 0 if token == "" else 1  # an empty form never reaches the service
    assert failed.count() == expected
    assert all(e.result == AuditResult.FAILURE for e in failed)


def test_token_for_another_purpose_does_not_sign_in(client: Client) -> None:
    # given
    user = UserFactory.create()
    token = get_token(user, scope="something-else")

    # when
    response = client.post(LINK_URL, {"token": token})

    # then
    assert response.status_code == 400
    assert _signed_in_user_id(client) is None


def test_link_of_a_deactivated_account_does_not_sign_in(client: Client) -> None:
    # given
    user = UserFactory.create()
    token, _next = _token(user)
    User.objects.filter(pk=user.pk).update(is_active=False)

    # when
    response = client.post(LINK_URL, {"token": token})

    # then
    assert response.status_code == 400
    assert _signed_in_user_id(client) is None


def test_signing_in_gives_a_new_session_key(client: Client) -> None:
    # given: an anonymous session exists already (e.g. after a form error)
    session = client.session
    session["something"] = "before"
    session.save()
    before = session.session_key
    user = UserFactory.create()

    # when
    sign_in(client, user)

    # then
    after = client.session.session_key
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert Session.objects.filter(session_key=after).exists()
    assert len(after or "") >= 32


def test_account_with_authenticator_goes_to_the_second_step(client: Client) -> None:
    # given
    user = UserFactory.create()
    totp_device(user)
    token, _next = _token(user, next_url="/beheer-wijk/")

    # when
    response = client.post(LINK_URL, {"token": token, "next": "/beheer-wijk/"})

    # then
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/tweede-stap/?next=%2Fbeheer-wijk%2F"
    assert _signed_in_user_id(client) == str(user.pk)


def test_link_post_without_csrf_token_is_refused() -> None:
    # given
    user = UserFactory.create()
    token, _next = _token(user)
    browser = HttpsClient(enforce_csrf_checks=True)

    # when
    response = browser.post(LINK_URL, {"token": token})

    # then
    assert response.status_code == 403
    assert _signed_in_user_id(browser) is None
    assert settings.SESAME_ONE_TIME is True
