from __future__ import annotations

import json
from io import StringIO
from typing import Any

from django.core.management import CommandError, call_command

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.demo.selectors import PROVIDER_USER, RESIDENT
from wijkvoucher.neighbourhoods.constants import Role


def _credentials() -> dict[str, Any]:
    out = StringIO()
    call_command("demo_credentials", stdout=out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


@pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")
def test_json_lists_every_role_and_the_mailbox() -> None:
    # given: the demo data is loaded

    # when
    data = _credentials()

    # then
    roles = {role for person in data["people"] for role in person["roles"]}
    assert roles == {*Role.values, PROVIDER_USER, RESIDENT}
    assert data["mailbox"].endswith("/demo/mailbox/")
    # 59 in content.py (3 of them in the year's history), 20 more in
    # content_actie.py (the ladder reports).
    assert len(data["people"]) == 79
    assert all(person["email"].endswith("@example.nl") for person in data["people"])


@pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")
def test_json_and_text_tell_which_login_shows_which_part_of_the_story() -> None:
    # given
    out = StringIO()

    # when
    story = _credentials()["story"]
    call_command("demo_credentials", "--text", stdout=out)

    # then
    emails = [line["email"] for line in story]
    assert "anouk.verhoeven@example.nl" in emails
    assert "fatima.elamrani@example.nl" in emails
    assert "gerrit.vos@example.nl" in emails
    assert "naima.bakkali@example.nl" in emails
    assert all(line["name"] and line["shows"] for line in story)
    text = out.getvalue()
    assert "The story: who shows what" in text
    assert "gerrit.vos@example.nl (Gerrit Vos): Initiator whose plan was rejected" in (
        text
    )


@pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")
def test_officials_get_their_secret_and_a_code_that_the_server_accepts() -> None:
    # given
    people = {person["email"]: person for person in _credentials()["people"]}
    chair = people["fatima.elamrani@example.nl"]
    device = TOTPDevice.objects.get(user__email="fatima.elamrani@example.nl")

    # when
    accepted = device.verify_token(chair["totp_code"])

    # then
    assert accepted is True
    assert chair["roles"] == [Role.STEERING_CHAIR, RESIDENT]
    assert chair["neighbourhoods"] == ["Havenkwartier"]
    assert len(chair["totp_secret"]) == 32
    assert "totp_secret" not in people["karin.willems@example.nl"]
    assert people["erik.vandam@example.nl"]["providers"] == ["Bouwmarkt Van Dam"]


@pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")
def test_text_table_says_where_sign_in_links_arrive() -> None:
    # given
    out = StringIO()

    # when
    call_command("demo_credentials", "--text", stdout=out)

    # then
    text = out.getvalue()
    assert text.startswith("Demo logins")
    assert "maaike.schouten@example.nl" in text
    assert "/demo/mailbox/" in text


@pytest.mark.django_db
def test_credentials_are_refused_outside_demo_mode(settings: Any) -> None:
    # given
    settings.DEMO_MODE = False

    # when
    with pytest.raises(CommandError) as raised:
        call_command("demo_credentials", stdout=StringIO())

    # then
    assert "WIJKVOUCHER_DEMO=1" in str(raised.value)
