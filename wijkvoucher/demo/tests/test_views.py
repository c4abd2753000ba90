from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.services import otp_device_create_for_demo
from wijkvoucher.demo.models import DemoEmail
from wijkvoucher.demo.totp import demo_totp_secret_hex


@pytest.fixture
def email() -> DemoEmail:
    return DemoEmail.objects.create(
        to="karin.willems@example.nl",
        subject="Je inloglink",
        body="Log in: http://127.0.0.1:8000/inloggen/link/?token=abc\n<script>x</script>",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["demo:mailbox", "demo:message"])
def test_demo_pages_are_not_found_outside_demo_mode(
    client: Client, settings: Any, email: DemoEmail, name: str
) -> None:
    # given
    settings.DEMO_MODE = False
    args = [email.pk] if name == "demo:message" else []

    # when
    response = client.get(reverse(name, args=args), secure=True)

    # then
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["demo:mailbox", "demo:message"])
def test_demo_pages_answer_in_demo_mode(
    client: Client, settings: Any, email: DemoEmail, name: str
) -> None:
    # given
    settings.DEMO_MODE = True
    args = [email.pk] if name == "demo:message" else []

    # when
    response = client.get(reverse(name, args=args), secure=True)

    # then
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_mailbox_lists_messages_newest_first(client: Client, settings: Any) -> None:
    # given
    settings.DEMO_MODE = True
    older = DemoEmail.objects.create(to="a@example.nl", subject="Eerste bericht")
    newer = DemoEmail.objects.create(to="b@example.nl", subject="Tweede bericht")

    # when
    response = client.get(reverse("demo:mailbox"), secure=True)

    # then
    assert [m.pk for m in response.context["messages_list"]] == [newer.pk, older.pk]
    html = response.content.decode()
    assert html.index("Tweede bericht") < html.index("Eerste bericht")
    assert reverse("demo:message", args=[newer.pk]) in html


@pytest.mark.django_db
def test_message_makes_the_link_clickable_and_escapes_the_rest(
    client: Client, settings: Any, email: DemoEmail
) -> None:
    # given
    settings.DEMO_MODE = True

    # when
    response = client.get(reverse("demo:message", args=[email.pk]), secure=True)

    # then
    html = response.content.decode()
    assert (
        '<a href="http://127.0.0.1:8000/inloggen/link/?token=abc" rel="nofollow">'
        in html
    )
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


@pytest.mark.django_db
def test_message_that_does_not_exist_is_not_found(
    client: Client, settings: Any
) -> None:
    # given
    settings.DEMO_MODE = True

    # when
    response = client.get(reverse("demo:message", args=[999]), secure=True)

    # then
    assert response.status_code == 404


@pytest.mark.django_db
def test_mailbox_shows_the_current_code_of_each_official(
    client: Client, settings: Any
) -> None:
    # given
    settings.DEMO_MODE = True
    official = User.objects.create_user(
        "anouk.verhoeven@example.nl", full_name="Anouk Verhoeven"
    )
    otp_device_create_for_demo(
        user=official, secret_hex=demo_totp_secret_hex("anouk.verhoeven@example.nl")
    )
    User.objects.create_user("karin.willems@example.nl", full_name="Karin Willems")

    # when
    response = client.get(reverse("demo:mailbox"), secure=True)

    # then
    logins = response.context["logins"]
    assert [login.email for login in logins] == ["anouk.verhoeven@example.nl"]
    assert [r.email for r in response.context["residents"]] == [
        "karin.willems@example.nl"
    ]
    assert len(logins[0].totp_code) == 6
    assert 1 <= logins[0].seconds_left <= 30
    assert f'<span class="demo-code">{logins[0].totp_code}</span>' in (
        response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "203.0.113.9"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_FORWARDED": "for=203.0.113.9"},
    ],
)
@pytest.mark.parametrize("name", ["demo:mailbox", "demo:message"])
def test_the_mailbox_answers_only_on_the_demo_machine(
    client: Client, settings: Any, email: DemoEmail, name: str, meta: dict[str, Any]
) -> None:
    # given the demo, and a visitor from elsewhere (directly or through a proxy)
    settings.DEMO_MODE = True
    args = [email.pk] if name == "demo:message" else []
    # when
    response = client.get(reverse(name, args=args), secure=True, **meta)
    # then the sign-in links stay hidden
    assert response.status_code == 404
    assert b"token=abc" not in response.content


@pytest.mark.django_db
def test_the_mailbox_networks_can_be_widened(
    client: Client, settings: Any, email: DemoEmail
) -> None:
    # given a demo served to a classroom network
    settings.DEMO_MODE = True
    settings.DEMO_MAILBOX_NETWORKS = ["127.0.0.0/8", "10.1.0.0/16"]
    # when someone in that network opens the mailbox
    response = client.get(reverse("demo:mailbox"), secure=True, REMOTE_ADDR="10.1.2.3")
    # then it answers
    assert response.status_code == 200
