"""The system checks that guard the sign-in link settings."""

from __future__ import annotations

from typing import Any

from wijkvoucher.accounts.checks import check_sign_in_links


def test_weak_link_settings_are_reported(settings: Any) -> None:
    # given
    settings.SESAME_SIGNATURE_SIZE = 10
    settings.SESAME_MAX_AGE = 3600
    settings.SESAME_ONE_TIME = False

    # when
    ids = [message.id for message in check_sign_in_links()]

    # then
    assert ids == ["accounts.W001", "accounts.W002", "accounts.W003"]


def test_strong_link_settings_pass(settings: Any) -> None:
    # given
    settings.SESAME_SIGNATURE_SIZE = 16
    settings.SESAME_MAX_AGE = 600
    settings.SESAME_ONE_TIME = True

    # when
    messages = check_sign_in_links()

    # then
    assert messages == []
