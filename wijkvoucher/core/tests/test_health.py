"""``/gezond/``: the health check the proxy and the monitoring ask
(docs/deployment.md#monitoring). 200 when the database answers, 503 when it does not;
cheap, no session, nothing about anyone."""

from __future__ import annotations

from unittest import mock

from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

URL = "/gezond/"


def test_the_url_is_gezond() -> None:
    assert reverse("core:health") == URL


def test_answers_200_with_one_query_and_no_session(client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert [q["sql"] for q in queries.captured_queries] == ["SELECT 1"]
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_head_is_answered_and_writes_are_refused(client: Client) -> None:
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_answers_503_when_the_database_does_not(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "could not connect to server at db.internal as wv_app"
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError(secret)
    ) as cursor:
        response = client.get(URL)
    assert cursor.called
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
    assert "no-cache" in response["Cache-Control"]
    # The log says what failed, not the driver's message (host, role).
    assert "OperationalError" in caplog.text
    assert secret not in caplog.text


def test_answers_503_when_the_query_fails(client: Client) -> None:
    failing = mock.MagicMock()
    failing.__enter__.return_value.execute.side_effect = OperationalError("gone")
    with mock.patch.object(connection, "cursor", return_value=failing):
        response = client.get(URL)
    assert response.status_code == 503


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_check_is_not_redirected_to_https(client: Client) -> None:
    # The proxy asks over plain HTTP on the inside; every other page still redirects.
    assert client.get(URL).status_code == 200
    assert client.get("/toegankelijkheid/").status_code == 301


def test_needs_no_sign_in_even_with_an_expired_session_cookie(client: Client) -> None:
    client.cookies["sessionid"] = "no-such-session"
    response = client.get(URL)
    assert response.status_code == 200
