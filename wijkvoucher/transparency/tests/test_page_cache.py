"""The cache of anonymous public pages (docs/caching.md): a kept page costs no query,
nobody's personal page is kept or served, and after each kind of change the next
anonymous visitor sees the change."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.money import NBSP
from wijkvoucher.core.pagecache import _VERSION_PREFIX, wijk_scope
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.services import decision_issue
from wijkvoucher.decisions.tests.helpers import advised_plan, contact_of, funded
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.providers.models import Provider
from wijkvoucher.regiegroep.services import (
    meeting_close,
    meeting_open,
    minutes_publish,
    minutes_save,
)
from wijkvoucher.regiegroep.tests.factories import (
    MEETING_DAY,
    planned_meeting,
    regiegroep,
)
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import approved_provider, plan_with_vouchers

pytestmark = [pytest.mark.django_db]

OnCommit = Callable[..., Any]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture(autouse=True)
def page_cache(settings: Any) -> Iterator[None]:
    """The page cache on, empty before and after each test."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    with on_day():
        yield
    cache.clear()


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready(name="Bloemenwijk", slug="bloemenwijk")
    funded(wijk)
    return wijk


def _wijk_url(wijk: Neighbourhood) -> str:
    return reverse("transparency:neighbourhood", kwargs={"slug": wijk.slug})


def _plan_url(plan: Initiative) -> str:
    return reverse(
        "transparency:plan",
        kwargs={"slug": plan.neighbourhood.slug, "initiative_uuid": plan.uuid},
    )


def _get(client: Client, url: str) -> Any:
    return client.get(url, secure=True)


def _spend(voucher: Voucher, provider: Provider, cashier: User) -> Redemption:
    """€ 12,34 spent at ``provider``."""
    return redemption_create(
        actor=cashier,
        provider=provider,
        code=voucher.code,
        amount_cents=1234,
        description="Verf",
        channel=Channel.PORTAL,
    )


def _kept(url: str) -> Any:
    """The page as kept: the first visit after the cache started gives the wijk a
    version (its page is not kept), the second keeps its page."""
    _get(Client(), url)
    return _get(Client(), url)


def _text(response: Any) -> str:
    html = response.content.decode()
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_a_kept_page_costs_no_query(
    wijk: Neighbourhood, django_assert_num_queries: Any
) -> None:
    # given
    first = _kept(_wijk_url(wijk))
    # when
    with django_assert_num_queries(0):
        again = _get(Client(), _wijk_url(wijk))
    # then
    assert again.status_code == 200
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub(
        "", first.content.decode()
    )


@pytest.mark.parametrize("name", ["home", "plans", "meetings", "quarters"])
def test_every_public_list_is_kept(
    name: str, wijk: Neighbourhood, django_assert_num_queries: Any
) -> None:
    # given
    kwargs = {} if name == "home" else {"slug": wijk.slug}
    url = reverse(f"transparency:{name}", kwargs=kwargs)
    assert _kept(url).status_code == 200
    # when
    with django_assert_num_queries(0):
        again = _get(Client(), url)
    # then
    assert again.status_code == 200


def test_a_path_that_is_no_page_makes_no_entry() -> None:
    # given
    url = reverse("transparency:neighbourhood", kwargs={"slug": "bestaat-niet"})
    # when
    answers = [_get(Client(), url).status_code for _ in range(2)]
    # then: nothing was kept for it, not even a version
    assert answers == [404, 404]
    assert cache.get(_VERSION_PREFIX + wijk_scope("bestaat-niet")) is None


def test_every_visitor_gets_their_own_csrf_token(
    wijk: Neighbourhood,
) -> None:
    # given: the page is kept after a first visitor
    _kept(_wijk_url(wijk))
    first = Client(enforce_csrf_checks=True)
    _get(first, _wijk_url(wijk))
    # when: a second visitor gets the kept page and uses its language switch
    second = Client(enforce_csrf_checks=True)
    page = _get(second, _wijk_url(wijk))
    (token,) = set(TOKEN.findall(page.content.decode()))
    switched = second.post(
        reverse("set_language"),
        {"language": "en", "next": _wijk_url(wijk), "csrfmiddlewaretoken": token},
        secure=True,
        headers={"referer": "https://testserver" + _wijk_url(wijk)},
    )
    # then: the token works with the second visitor's own cookie, not the first's
    assert switched.status_code == 302
    name = settings.CSRF_COOKIE_NAME
    assert second.cookies[name].value != first.cookies[name].value


def test_each_language_is_kept_apart(wijk: Neighbourhood) -> None:
    # given
    dutch = _kept(_wijk_url(wijk))
    english_visitor = Client()
    english_visitor.cookies["django_language"] = "en"
    # when
    english = _get(english_visitor, _wijk_url(wijk))
    # then
    assert 'lang="nl"' in dutch.content.decode()
    assert 'lang="en"' in english.content.decode()


def test_a_signed_in_page_is_neither_kept_nor_served_a_kept_one(
    wijk: Neighbourhood,
) -> None:
    # given: an anonymous visitor's page is kept
    _kept(_wijk_url(wijk))
    member = Client()
    member.force_login(UserFactory.create())
    # when
    signed_in = _get(member, _wijk_url(wijk))
    # then: rendered for the member (a sign-out button in the header), never kept
    sign_out = f'action="{reverse("accounts:logout")}"'
    assert sign_out in signed_in.content.decode()
    assert sign_out not in _get(Client(), _wijk_url(wijk)).content.decode()


@pytest.mark.parametrize("cookie", ["messages", "session"])
def test_a_visitor_with_messages_or_a_session_gets_a_fresh_page(
    cookie: str, wijk: Neighbourhood
) -> None:
    # given
    _kept(_wijk_url(wijk))
    visitor = Client()
    name = settings.SESSION_COOKIE_NAME if cookie == "session" else "messages"
    visitor.cookies[name] = "something"
    # when
    with CaptureQueriesContext(connection) as queries:
        _get(visitor, _wijk_url(wijk))
    # then: rendered (the page's own queries), not taken from the cache
    assert len(queries) > 10


def test_a_decision_shows_at_once(
    wijk: Neighbourhood, django_capture_on_commit_callbacks: OnCommit
) -> None:
    # given: a plan with advice, not decided yet; its public page is 404 and the
    # wijk page is kept
    plan = advised_plan(wijk, requested_cents=45_000)
    before = _kept(_wijk_url(wijk))
    assert _get(Client(), _plan_url(plan)).status_code == 404
    # when
    with django_capture_on_commit_callbacks(execute=True):
        decision_issue(
            actor=contact_of(plan),
            initiative=plan,
            outcome=DecisionOutcome.AWARD,
            amount_cents=45_000,
        )
    # then
    after = _get(Client(), _wijk_url(wijk))
    assert plan.title not in _text(before)
    assert plan.title in _text(after)
    assert _get(Client(), _plan_url(plan)).status_code == 200


def test_a_published_decision_list_shows_at_once(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    # given: a held meeting with minutes, not published; the meetings page is kept
    group = regiegroep(neighbourhood_ready(name="Bloemenwijk", slug="bloemenwijk"))
    meeting = planned_meeting(group)
    with on_day(MEETING_DAY):
        meeting_open(actor=group.chair, meeting=meeting)
        meeting_close(actor=group.chair, meeting=meeting)
        minutes_save(actor=group.secretary, meeting=meeting, minutes="Besloten.")
        url = reverse("transparency:meetings", kwargs={"slug": group.wijk.slug})
        list_url = reverse(
            "transparency:decision_list",
            kwargs={"slug": group.wijk.slug, "meeting_uuid": meeting.uuid},
        )
        before = _kept(url)
        # when
        with django_capture_on_commit_callbacks(execute=True):
            minutes_publish(actor=group.secretary, meeting=meeting)
        # then
        after = _get(Client(), url)
    assert list_url not in before.content.decode()
    assert list_url in after.content.decode()


def test_a_spend_shows_at_once(
    wijk: Neighbourhood, django_capture_on_commit_callbacks: OnCommit
) -> None:
    # given: vouchers of € 450 and nothing spent; the wijk page is kept
    _plan, (voucher,) = plan_with_vouchers(wijk, 45_000)
    provider, cashier = approved_provider(wijk)
    before = _kept(_wijk_url(wijk))
    # when: € 12,34 spent at a provider
    with django_capture_on_commit_callbacks(execute=True):
        _spend(voucher, provider, cashier)
    # then
    amount = f"€{NBSP}12,34"
    assert amount not in _text(before)
    assert amount in _text(_get(Client(), _wijk_url(wijk)))


def test_a_spend_renews_only_its_own_wijk(
    wijk: Neighbourhood,
    django_capture_on_commit_callbacks: OnCommit,
    django_assert_num_queries: Any,
) -> None:
    # given: the home page and another wijk's page are kept
    other = neighbourhood_ready(name="Rivierwijk", slug="rivierwijk")
    funded(other)
    _plan, (voucher,) = plan_with_vouchers(wijk, 45_000)
    provider, cashier = approved_provider(wijk)
    home = reverse("transparency:home")
    for url in (home, _wijk_url(other), _wijk_url(wijk)):
        _kept(url)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        _spend(voucher, provider, cashier)
    # then: those two are still served as kept (they show nothing of the spend)...
    with django_assert_num_queries(0):
        assert _get(Client(), home).status_code == 200
        assert _get(Client(), _wijk_url(other)).status_code == 200
    # ...and the spend's own wijk is rendered again, with the spend
    assert f"€{NBSP}12,34" in _text(_get(Client(), _wijk_url(wijk)))


def test_a_change_rolled_back_keeps_the_page(
    wijk: Neighbourhood,
    django_capture_on_commit_callbacks: OnCommit,
    django_assert_num_queries: Any,
) -> None:
    # given
    _kept(_wijk_url(wijk))
    plan = advised_plan(wijk, requested_cents=45_000)
    # when: a decision that the service refuses (more than the plan asked)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        decision_issue(
            actor=contact_of(plan),
            initiative=plan,
            outcome=DecisionOutcome.AWARD,
            amount_cents=10**9,
        )
    # then: nothing to do after a commit, the kept page is still served
    assert callbacks == []
    with django_assert_num_queries(0):
        _get(Client(), _wijk_url(wijk))


class _Unreachable:
    """A cache server that does not answer."""

    def _fail(self, *_args: object, **_kwargs: object) -> None:
        raise ConnectionError("cache unreachable")

    get_many = set = add = set_many = _fail


def test_an_unreachable_cache_costs_only_the_render(
    wijk: Neighbourhood,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    # given
    _plan, (voucher,) = plan_with_vouchers(wijk, 45_000)
    provider, cashier = approved_provider(wijk)
    monkeypatch.setattr("wijkvoucher.core.pagecache.cache", _Unreachable())
    # when: a page is asked and a spend commits
    page = _get(Client(), _wijk_url(wijk))
    with django_capture_on_commit_callbacks(execute=True):
        spent = _spend(voucher, provider, cashier)
    # then: the page is rendered, the spend stands
    assert page.status_code == 200
    assert spent.pk is not None
    assert f"€{NBSP}12,34" in _text(_get(Client(), _wijk_url(wijk)))
