"""Role × URL × own/other object: who may open what (ASVS 8.2.1, 8.2.2).

Every named URL of the site must have an entry in MATRIX; a new URL without one fails
``test_every_url_has_an_entry``. Each entry says, per persona, what must happen:

- ``ok``: 2xx;  ``login``: redirect to sign-in;  ``otp``: redirect to the second-factor step;
- ``redirect``: another redirect;  ``forbidden``: 403;  ``missing``: 404;  ``bad``: 400.

Objects come in two flavours: ``own`` (the persona's own, or in their wijk) and ``other``
(someone else's, or in another wijk). The Django admin is covered as a family: every admin
URL refuses everyone but a verified coordinator.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from tests.access_world import PERSONAS, World, build_world

LOGIN = "/inloggen/"
OTP = "/inloggen/tweede-stap/"

Kwargs = Callable[[World], dict[str, Any]]


def _no_kwargs(w: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Route:
    """``expect`` maps an object variant ("-" when the URL takes no object) to the
    outcome per persona; ``kwargs`` maps the same variants to the URL arguments."""

    expect: dict[str, dict[str, str]]
    method: str = "get"
    kwargs: dict[str, Kwargs] = field(default_factory=lambda: {"-": _no_kwargs})
    data: dict[str, str] = field(default_factory=dict)


def page(expect: dict[str, str]) -> Route:
    return Route(expect={"-": expect})


def everyone(outcome: str, **overrides: str) -> dict[str, str]:
    return {persona: overrides.get(persona, outcome) for persona in PERSONAS}


def signed_in(outcome: str, **overrides: str) -> dict[str, str]:
    return everyone(outcome, anonymous="login", **overrides)


# Officials' pages: contact officials (verified) and coordinators; residents and other roles
# are refused; an official who has not passed the second factor is sent to it.
OFFICIALS_ONLY = everyone(
    "forbidden",
    anonymous="login",
    official_unverified="otp",
    official="ok",
    coordinator="ok",
)


def _own_address(w: World) -> dict[str, Any]:
    assert w.own_address is not None
    return {"pk": w.own_address.pk}


def _other_address(w: World) -> dict[str, Any]:
    assert w.other_address is not None
    return {"pk": w.other_address.pk}


def _wijk_address(w: World) -> dict[str, Any]:
    assert w.wijk_address is not None
    return {"pk": w.wijk_address.pk}


def _other_wijk_address(w: World) -> dict[str, Any]:
    assert w.other_wijk_address is not None
    return {"pk": w.other_wijk_address.pk}


def _wijk_slug(w: World) -> dict[str, Any]:
    return {"slug": w.wijk.slug}


def _resident_in_wijk(w: World) -> dict[str, Any]:
    return {"resident_uuid": w.users["resident"].uuid}


def _resident_elsewhere(w: World) -> dict[str, Any]:
    assert w.other_wijk_address is not None
    return {"resident_uuid": w.other_wijk_address.user.uuid}


def _message(w: World) -> dict[str, Any]:
    return {"pk": 1}


# An address only its owner (the resident) may remove; nobody else even sees it exists.
ADDRESS_OWNER_ONLY = everyone("missing", anonymous="login", resident="redirect")
# Confirming residency: officials of the address's wijk, or municipality-wide coordinators.
CONFIRM_IN_WIJK = everyone(
    "forbidden",
    anonymous="login",
    official_unverified="otp",
    official="redirect",
    coordinator="redirect",
)
CONFIRM_ELSEWHERE = {**CONFIRM_IN_WIJK, "official": "missing"}
INTAKE_DONE_ELSEWHERE = {**OFFICIALS_ONLY, "official": "missing"}

MATRIX: dict[str, Route] = {
    # Public pages: anyone.
    "transparency:home": page(everyone("ok")),
    "transparency:neighbourhood": Route(
        expect={"wijk": everyone("ok")}, kwargs={"wijk": _wijk_slug}
    ),
    "core:accessibility": page(everyone("ok")),
    "core:health": page(everyone("ok")),
    "core:security_txt": page(everyone("ok")),
    # Django's language switch answers a GET with a redirect and changes nothing.
    "set_language": page(everyone("redirect")),
    # Sign-in: open to all; the link page without a token is a friendly 400.
    "accounts:login": page(everyone("ok")),
    "accounts:login_sent": page(everyone("ok")),
    "accounts:login_link": page(everyone("bad")),
    # The second step: verifying is for people with a device who have not passed it
    # yet (the verified go on to their page); setting up is for people without one.
    "accounts:otp_verify": page(
        everyone(
            "redirect", anonymous="login", resident="otp", official_unverified="ok"
        )
    ),
    "accounts:otp_setup": page(everyone("otp", anonymous="login", resident="ok")),
    "accounts:logout": page(signed_in("ok")),
    # The resident's own pages.
    "neighbourhoods:profile": page(signed_in("ok")),
    "neighbourhoods:profile_edit": page(signed_in("ok")),
    "neighbourhoods:address_add": page(signed_in("ok")),
    "neighbourhoods:address_remove": Route(
        method="post",
        expect={
            "own": ADDRESS_OWNER_ONLY,
            "other": everyone("missing", anonymous="login"),
        },
        kwargs={"own": _own_address, "other": _other_address},
    ),
    # Officials' pages.
    "neighbourhoods:residents_list": page(OFFICIALS_ONLY),
    "neighbourhoods:assisted_intake": page(OFFICIALS_ONLY),
    "neighbourhoods:assisted_intake_done": Route(
        expect={"own": OFFICIALS_ONLY, "other": INTAKE_DONE_ELSEWHERE},
        kwargs={"own": _resident_in_wijk, "other": _resident_elsewhere},
    ),
    "neighbourhoods:address_confirm": Route(
        method="post",
        expect={"own": CONFIRM_IN_WIJK, "other": CONFIRM_ELSEWHERE},
        kwargs={"own": _wijk_address, "other": _other_wijk_address},
    ),
    # The letterhead's logo is public; the test world's municipality has none.
    "neighbourhoods:municipality_logo": Route(
        expect={"any": everyone("missing")},
        kwargs={"any": lambda w: {"slug": w.wijk.municipality.slug}},
    ),
    # Demo pages exist only in the demo (WIJKVOUCHER_DEMO); here they are 404 for all.
    "demo:mailbox": page(everyone("missing")),
    "demo:message": Route(
        expect={"any": everyone("missing")}, kwargs={"any": _message}
    ),
}

# Apps keep the matrix rows of their own pages next to their tests, in a module
# ``<app>/tests/access_*.py`` exporting ROUTES; they are merged here, so a page
# without a row still fails ``test_every_url_has_an_entry``.
_FRAGMENTS = (
    "wijkvoucher.initiatives.tests.access_resident",
    "wijkvoucher.initiatives.tests.access_official",
    "wijkvoucher.initiatives.tests.access_participation",
    "wijkvoucher.initiatives.tests.access_answer",
    "wijkvoucher.notifications.tests.access_notifications",
    "wijkvoucher.regiegroep.tests.access_regiegroep",
    "wijkvoucher.decisions.tests.access_decisions",
    "wijkvoucher.transparency.tests.access_decisions_public",
    "wijkvoucher.vouchers.tests.access_resident",
    "wijkvoucher.providers.tests.access_provider",
    "wijkvoucher.payments.tests.access_cash",
    "wijkvoucher.payments.tests.access_payouts",
    "wijkvoucher.vouchers.tests.access_api",
    "wijkvoucher.work.tests.access_work",
    "wijkvoucher.consultations.tests.access_voting",
    "wijkvoucher.consultations.tests.access_manage",
    "wijkvoucher.reports.tests.access_reports",
    "wijkvoucher.transparency.tests.access_open_data",
    "wijkvoucher.accountability.tests.access_accountability",
    "wijkvoucher.actie.tests.access_actie",
    "wijkvoucher.participation.tests.access_participation",
)


def _merge_fragments() -> None:
    for dotted in _FRAGMENTS:
        try:
            module = importlib.import_module(dotted)
        except ModuleNotFoundError as missing:
            if missing.name != dotted:
                raise
            continue
        routes: dict[str, Route] = module.ROUTES
        clash = routes.keys() & MATRIX.keys()
        assert not clash, clash
        MATRIX.update(routes)


_merge_fragments()


def _walk(
    patterns: list[URLPattern | URLResolver], namespace: str = ""
) -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            prefix = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(p.url_patterns, prefix)
        elif p.name:
            yield f"{namespace}:{p.name}" if namespace else p.name


def all_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def site_url_names() -> set[str]:
    return {n for n in all_url_names() if not n.startswith("admin:")}


def outcome_of(response: Any) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return "ok"
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.startswith(OTP):
            return "otp"
        if location.startswith(LOGIN):
            return "login"
        return "redirect"
    return {
        400: "bad",
        403: "forbidden",
        404: "missing",
        405: "method",
        429: "limited",
    }.get(status, f"status {status}")


def _request(client: Client, route: Route, url: str) -> Any:
    if route.method == "post":
        return client.post(url, route.data, secure=True)
    return client.get(url, secure=True)


def test_every_url_has_an_entry() -> None:
    # given every named URL the site serves (the admin is covered by its own test)
    names = site_url_names()
    # then each one is in the matrix, and the matrix names nothing that is gone
    assert sorted(names - MATRIX.keys()) == [], "add these URLs to MATRIX"
    assert sorted(MATRIX.keys() - names) == [], "these MATRIX entries match no URL"


CASES = [
    (name, variant, persona)
    for name, route in sorted(MATRIX.items())
    for variant in route.kwargs
    for persona in PERSONAS
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "variant", "persona"), CASES)
def test_access(name: str, variant: str, persona: str) -> None:
    # given the world, signed in as the persona
    world = build_world()
    route = MATRIX[name]
    url = reverse(name, kwargs=route.kwargs[variant](world))
    expected = route.expect[variant][persona]
    # when the persona opens the URL
    response = _request(world.client_for(persona), route, url)
    # then exactly what the matrix says happens
    assert outcome_of(response) == expected, (name, variant, persona, url)
    # and no cache keeps an answer to a signed-in person or of the API (ASVS 14.2)
    if persona != "anonymous" or url.startswith("/api/"):
        assert "no-store" in response.get("Cache-Control", ""), (url, persona)
