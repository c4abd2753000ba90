"""A plan file without dead ends (issue #9, point 11): for every role, the site menu
and the "My work" page it leads to link to every page that role may use, and to none
it may not.

"May use" comes from the access matrix (tests/test_access_matrix.py): the pages
without an object that the persona opens and a resident does not (a resident's own
pages are in the menu for everyone). Pages of a wijk (budget, regiegroep) are checked
for the world's wijk. Every link is then opened as the persona: it must answer 200."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

from django.test import Client
from django.urls import Resolver404, resolve, reverse

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.access_world import PERSONAS, World, build_world
from tests.test_access_matrix import MATRIX
from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db

WORK = reverse("work:home")
HREF = re.compile(r'<a [^>]*href="([^"]+)"')
# The header's menu and the page's main part: where the links of a page are.
NAV = re.compile(r'<nav class="page-header__nav".*?</nav>', re.S)
MAIN = re.compile(r"<main .*?</main>", re.S)


def _role_pages(persona: str) -> set[str]:
    """The pages without an object that ``persona`` may open and a resident may not:
    the pages of their role, which the menu must offer."""
    names = set()
    for name, route in MATRIX.items():
        if route.method != "get" or set(route.expect) != {"-"}:
            continue
        expect = route.expect["-"]
        if expect[persona] == "ok" and expect["resident"] != "ok":
            names.add(name)
    return names


def _prepare(world: World) -> None:
    """Run the set-up of every page without an object (approving the world's
    provider, for one), as the matrix does before opening it."""
    for route in MATRIX.values():
        if set(route.kwargs) == {"-"}:
            route.kwargs["-"](world)


def _links(html: str) -> set[str]:
    parts = NAV.findall(html) + MAIN.findall(html)
    return {unescape(href) for part in parts for href in HREF.findall(part)}


def _site_paths(links: set[str]) -> set[str]:
    return {
        urlsplit(link).path
        for link in links
        if link.startswith("/") and not link.startswith("//")
    }


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _menu(client: Client) -> tuple[str, set[str]]:
    """The page the menu's "My work" leads to (or the profile without it) and the
    site paths its menu and content link to."""
    response = client.get(WORK, secure=True)
    if response.status_code == 302:
        response = client.get(response["Location"], secure=True)
    assert response.status_code == 200
    html = response.content.decode()
    return html, _site_paths(_links(html))


def _opens(client: Client, path: str) -> int:
    status: int = client.get(path, secure=True).status_code
    return status


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_the_menu_offers_every_page_of_the_role_and_nothing_else(persona: str) -> None:
    # given the world with every page's set-up done, signed in as the persona
    world = build_world()
    _prepare(world)
    client = world.client_for(persona)
    if persona == "official_unverified":
        # not past the second factor: "My work" sends them to it first
        assert client.get(WORK, secure=True)["Location"].startswith(
            reverse("accounts:otp_verify")
        )
        return
    # when they follow the menu to "My work"
    html, paths = _menu(client)
    names = {_name(p) for p in paths}
    # then every page of their role is one click away
    missing = _role_pages(persona) - names
    assert not missing, f"{persona} cannot reach {sorted(missing)} from the menu"
    # and every link there opens for them
    refused = {p: s for p in sorted(paths) if (s := _opens(client, p)) != 200}
    assert not refused, f"{persona} is refused at {refused}"
    # and "My work" is in the menu exactly for people with work
    has_work = persona not in ("resident",)
    assert (f'href="{WORK}"' in html) is has_work


def _wijk_page_expected(name: str, persona: str) -> bool:
    return MATRIX[name].expect["own"][persona] == "ok"


@pytest.mark.parametrize(
    "persona", ["steering_member", "official", "cash_manager", "coordinator", "council"]
)
def test_the_pages_of_a_wijk_are_on_my_work(persona: str) -> None:
    # given
    world = build_world()
    _prepare(world)
    slug = world.wijk.slug
    # when
    _html, paths = _menu(world.client_for(persona))
    # then the budget, the regiegroep and the meeting planning of the wijk are linked
    # exactly for those who may open them
    for name, kwargs in (
        ("payments:cash_budget", {"neighbourhood_slug": slug}),
        ("regiegroep:composition", {"slug": slug}),
        ("regiegroep:meeting_create", {"slug": slug}),
    ):
        linked = reverse(name, kwargs=kwargs) in paths
        assert linked is _wijk_page_expected(name, persona), (name, persona)


def test_the_coordinator_reaches_the_admin_and_no_one_else_does() -> None:
    world = build_world()
    _prepare(world)
    admin = reverse("admin:index")
    for persona in PERSONAS:
        if persona in ("anonymous", "official_unverified"):
            continue
        _html, paths = _menu(world.client_for(persona))
        assert (admin in paths) is (persona == "coordinator"), persona


def _leader(world: World, role: Role) -> User:
    user = UserFactory()
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    RoleAssignmentFactory(
        user=user,
        role=role,
        neighbourhood=world.wijk,
        municipality=world.wijk.municipality,
        valid_from=dt.date(2020, 1, 1),
    )
    return user


def _verified(user: User) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


@pytest.mark.parametrize(
    ("role", "plans_meetings"),
    [
        (Role.STEERING_CHAIR, True),
        (Role.STEERING_SECRETARY, True),
        (Role.STEERING_ADVISER, False),
    ],
)
def test_chair_and_secretary_plan_meetings_from_my_work(
    role: Role, plans_meetings: bool
) -> None:
    # given a regiegroep chair, secretary or adviser
    world = build_world()
    client = _verified(_leader(world, role))
    # when
    _html, paths = _menu(client)
    # then the regiegroep is linked, and planning a meeting only for those who may
    planning = reverse("regiegroep:meeting_create", kwargs={"slug": world.wijk.slug})
    assert reverse("regiegroep:home") in paths
    assert (planning in paths) is plans_meetings
    assert all(_opens(client, p) == 200 for p in paths)
