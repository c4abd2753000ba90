"""SignInRequired and SecondFactorRequired, raised by access helpers, become redirects."""

from __future__ import annotations

from django.test import Client

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.accounts.tests.helpers import (
    sign_in,
    totp_device,
    verify_second_factor,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("wijkvoucher.accounts.tests.urls_raising"),
]


def test_sign_in_required_goes_to_sign_in_with_next(client: Client) -> None:
    # when
    response = client.get("/test/ingelogd/", {"tab": "2"})

    # then
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=%2Ftest%2Fingelogd%2F%3Ftab%3D2"


def test_sign_in_required_lets_signed_in_users_through(client: Client) -> None:
    # given
    sign_in(client, UserFactory.create())

    # when
    response = client.get("/test/ingelogd/")

    # then
    assert response.status_code == 200
    assert response.content == b"signed in"


def test_second_factor_required_for_anonymous_goes_to_sign_in(client: Client) -> None:
    # when
    response = client.get("/test/tweede-stap/")

    # then
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=%2Ftest%2Ftweede-stap%2F"


def test_second_factor_required_without_app_goes_to_setup(client: Client) -> None:
    # given
    sign_in(client, UserFactory.create())

    # when
    response = client.get("/test/tweede-stap/")

    # then
    assert response.status_code == 302
    assert response["Location"] == (
        "/inloggen/tweede-stap/instellen/?next=%2Ftest%2Ftweede-stap%2F"
    )


def test_second_factor_required_with_app_goes_to_verify(client: Client) -> None:
    # given
    user = UserFactory.create()
    totp_device(user)
    sign_in(client, user)

    # when
    response = client.get("/test/tweede-stap/")

    # then
    assert response.status_code == 302
    assert (
        response["Location"] == "/inloggen/tweede-stap/?next=%2Ftest%2Ftweede-stap%2F"
    )


def test_after_the_second_step_the_page_opens(client: Client) -> None:
    # given
    user = UserFactory.create()
    device = totp_device(user)
    sign_in(client, user)
    verify_second_factor(client, device)

    # when
    response = client.get("/test/tweede-stap/")

    # then
    assert response.status_code == 200
    assert response.content == b"verified"


def test_second_factor_redirect_on_post_carries_no_next(client: Client) -> None:
    # given
    sign_in(client, UserFactory.create())

    # when
    response = client.post("/test/tweede-stap/")

    # then
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/tweede-stap/instellen/"
