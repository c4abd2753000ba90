"""Browser-side defences on every page (ASVS 3.3, 3.4, 3.5; docs/quality.md#web-security)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from tests.access_world import build_world
from tests.test_access_matrix import MATRIX

GET_ROUTES = [
    (name, variant)
    for name, route in sorted(MATRIX.items())
    if route.method == "get"
    for variant in route.kwargs
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "variant"), GET_ROUTES)
@pytest.mark.parametrize("persona", ["anonymous", "official"])
def test_every_response_carries_the_security_headers(
    name: str, variant: str, persona: str
) -> None:
    # given
    world = build_world()
    url = reverse(name, kwargs=MATRIX[name].kwargs[variant](world))
    # when
    response = world.client_for(persona).get(url, secure=True)
    # then
    csp = response["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp, (url, csp)
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    if persona != "anonymous" or url.startswith("/api/"):
        assert "no-store" in response["Cache-Control"], url
    assert response["X-Frame-Options"] == "DENY"
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_host_only_secure_and_lax() -> None:
    # given a page with a form (sets the CSRF cookie) and a signed-in session
    world = build_world()
    client = world.client_for("resident")
    # when
    response = client.get(reverse("accounts:login"), secure=True)
    # then
    csrf = response.cookies["__Host-csrftoken"]
    assert csrf["secure"]
    assert csrf["samesite"] == "Lax"
    assert csrf["path"] == "/"
    session = client.cookies["__Host-sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def _own_address(world: Any) -> dict[str, Any]:
    return {"pk": world.own_address.pk}


# Every view that changes state, with a body it would otherwise accept.
POSTS = [
    ("accounts:login", None, {"email": "iemand@example.nl"}),
    ("accounts:login_link", None, {"token": "x"}),
    ("accounts:otp_verify", None, {"code": "123456"}),
    ("accounts:otp_setup", None, {"code": "123456"}),
    ("accounts:logout", None, {}),
    ("neighbourhoods:profile_edit", None, {"full_name": "X"}),
    ("neighbourhoods:address_add", None, {"postcode": "2811AB", "house_number": "3"}),
    ("neighbourhoods:address_remove", _own_address, {}),
    ("set_language", None, {"language": "en"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "data"), POSTS)
def test_state_changing_posts_without_csrf_token_are_refused(
    name: str, kwargs: Any, data: dict[str, str]
) -> None:
    # given a signed-in resident whose browser does not send the CSRF token
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["resident"])
    url = reverse(name, kwargs=kwargs(world) if kwargs else {})
    addresses_before = list(
        world.users["resident"].addresses.values_list("pk", "valid_until")
    )
    # when
    response = client.post(url, data, secure=True)
    # then
    assert response.status_code == 403
    assert (
        list(world.users["resident"].addresses.values_list("pk", "valid_until"))
        == addresses_before
    )
