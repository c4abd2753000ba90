"""A sign-in link stays single-use when it is pressed many times at once."""

from __future__ import annotations

import threading

from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory

import pytest

from wijkvoucher.accounts.emails import login_link_url
from wijkvoucher.accounts.services import login_link_redeem
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.accounts.tests.helpers import token_and_next
from wijkvoucher.core.models import AuditEvent

THREADS = 8


@pytest.mark.django_db(transaction=True)
@pytest.mark.xdist_group("concurrency")
def test_same_link_pressed_at_once_signs_in_exactly_once() -> None:
    # given
    user = UserFactory.create()
    token, _next = token_and_next(login_link_url(user=user))
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def press() -> None:
        request = RequestFactory().post("/inloggen/link/")
        request.session = SessionStore()
        request.user = AnonymousUser()
        try:
            barrier.wait()
            login_link_redeem(request=request, token=token)
            outcome = "signed in"
        except ValidationError as exc:
            outcome = str(exc.code)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    # when
    threads = [threading.Thread(target=press) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then
    assert sorted(outcomes) == ["link_invalid"] * (THREADS - 1) + ["signed in"]
    assert AuditEvent.objects.filter(action="accounts.login").count() == 1
    assert AuditEvent.objects.filter(action="accounts.login_failed").count() == (
        THREADS - 1
    )
