"""The spend's hand-written statement (docs/adr/0012-hot-path-sql.md) against the ORM
selectors the portal still uses: whether a provider may serve the voucher's wijk
(``provider_may_serve``) and whether it is connected to the plan's people
(``provider_connections``), in every situation that decides either, and the flag a
spend then stores on its redemption."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value,list-item"
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.initiatives.models import CoInitiator, Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Address, Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.providers.models import Provider, ProviderMembership
from wijkvoucher.providers.selectors import provider_may_serve
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.selectors.portal import provider_connections
from wijkvoucher.vouchers.services.redemption import (
    _voucher_for_spend,
    redemption_create,
)
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db

Setup = Callable[[Initiative, Provider, Neighbourhood], None]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


@pytest.fixture
def plan(wijk: Neighbourhood) -> tuple[Initiative, Voucher]:
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    return initiative, vouchers[0]


def _member(provider: Provider, user_id: int, **dates: dt.date | None) -> None:
    ProviderMembership.objects.create(
        provider=provider,
        user_id=user_id,
        valid_from=dates.get("valid_from") or dt.date(2026, 1, 1),
        valid_until=dates.get("valid_until"),
    )


def _co_initiator(initiative: Initiative, *, accepted: bool, revoked: bool) -> int:
    user = UserFactory.create()
    now = timezone.now()
    CoInitiator.objects.create(
        initiative=initiative,
        email=user.email,
        user=user,
        invited_by=initiative.initiator,
        token_hash=f"{user.pk:064d}",
        expires_at=now + dt.timedelta(days=7),
        accepted_at=now if accepted else None,
        revoked_at=now if revoked else None,
    )
    return int(user.pk)


def _lives_at(user_id: int, postcode: str, number: int, letter: str = "") -> None:
    Address.objects.create(
        user_id=user_id, postcode=postcode, house_number=number, house_letter=letter
    )


def _shop_at(provider: Provider, street: str, postcode: str) -> None:
    Provider.objects.filter(pk=provider.pk).update(
        street_address=street, postcode=postcode
    )
    provider.refresh_from_db()


def nothing(initiative: Initiative, provider: Provider, wijk: Neighbourhood) -> None:
    return None


def initiator_works_there(initiative: Initiative, provider: Provider, _w: Any) -> None:
    _member(provider, initiative.initiator_id)


def initiator_worked_there_before(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    _member(provider, initiative.initiator_id, valid_until=dt.date(2026, 3, 1))


def initiator_starts_there_later(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    _member(provider, initiative.initiator_id, valid_from=dt.date(2027, 1, 1))


def co_initiator_works_there(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    _member(provider, _co_initiator(initiative, accepted=True, revoked=False))


def invited_only_works_there(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    _member(provider, _co_initiator(initiative, accepted=False, revoked=False))


def revoked_co_initiator_works_there(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    _member(provider, _co_initiator(initiative, accepted=True, revoked=True))


def initiator_lives_at_the_shop(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    _shop_at(provider, "Dorpsstraat 12b", "1234AB")
    _lives_at(initiative.initiator_id, "1234AB", 12, "B")


def initiator_lives_next_door(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    _shop_at(provider, "Dorpsstraat 12b", "1234AB")
    _lives_at(initiative.initiator_id, "1234AB", 12, "C")


def co_initiator_lives_at_the_shop(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    _shop_at(provider, "Dorpsstraat 7", "1234AB")
    _lives_at(_co_initiator(initiative, accepted=True, revoked=False), "1234AB", 7)


def shop_without_postcode(initiative: Initiative, provider: Provider, _w: Any) -> None:
    _shop_at(provider, "Dorpsstraat 7", "")
    _lives_at(initiative.initiator_id, "", 7)


def shop_serves_every_wijk(initiative: Initiative, provider: Provider, _w: Any) -> None:
    provider.neighbourhoods.clear()


def shop_serves_another_wijk(
    initiative: Initiative, provider: Provider, wijk: Neighbourhood
) -> None:
    other = NeighbourhoodFactory(municipality=wijk.municipality, name="Anderwijk")
    provider.neighbourhoods.set([other])


def shop_of_another_municipality(
    initiative: Initiative, provider: Provider, _w: Any
) -> None:
    Provider.objects.filter(pk=provider.pk).update(
        municipality=MunicipalityFactory(name="Gemeente Veldstad", slug="veldstad")
    )
    provider.neighbourhoods.clear()
    provider.refresh_from_db()


# (situation, may the provider serve the voucher's wijk, is it connected)
SITUATIONS: list[tuple[Setup, bool, bool]] = [
    (nothing, True, False),
    (initiator_works_there, True, True),
    (initiator_worked_there_before, True, False),
    (initiator_starts_there_later, True, False),
    (co_initiator_works_there, True, True),
    (invited_only_works_there, True, False),
    (revoked_co_initiator_works_there, True, False),
    (initiator_lives_at_the_shop, True, True),
    (initiator_lives_next_door, True, False),
    (co_initiator_lives_at_the_shop, True, True),
    (shop_without_postcode, True, False),
    (shop_serves_every_wijk, True, False),
    (shop_serves_another_wijk, False, False),
    (shop_of_another_municipality, False, False),
]


@pytest.mark.parametrize(
    ("situation", "serves", "linked"),
    SITUATIONS,
    ids=[situation.__name__ for situation, _s, _l in SITUATIONS],
)
def test_the_statement_answers_as_the_selectors_do(
    situation: Setup,
    serves: bool,
    linked: bool,
    wijk: Neighbourhood,
    plan: tuple[Initiative, Voucher],
) -> None:
    # given
    initiative, voucher = plan
    provider, _user = approved_provider(wijk)
    situation(initiative, provider, wijk)
    # when
    with transaction.atomic():
        found = _voucher_for_spend(provider=provider, code=voucher.code)
    # then: the expected answer, and the same as the ORM selectors give
    assert found is not None
    read, may_serve, connected = found
    assert read.pk == voucher.pk
    assert read.account_id == voucher.account_id
    assert read.valid_until == voucher.valid_until
    assert read.initiative.uuid == initiative.uuid
    assert (may_serve, connected) == (serves, linked)
    expected_serve = voucher.neighbourhood.municipality_id == (
        provider.municipality_id
    ) and provider_may_serve(provider=provider, neighbourhood=voucher.neighbourhood)
    assert may_serve is expected_serve
    assert connected is bool(
        provider_connections(provider=provider, initiative=initiative)
    )


@pytest.mark.parametrize(
    ("situation", "flag"),
    [
        (nothing, False),
        (initiator_works_there, True),
        (co_initiator_lives_at_the_shop, True),
        (initiator_lives_next_door, False),
    ],
    ids=lambda s: getattr(s, "__name__", str(s)),
)
def test_a_spend_stores_the_connected_flag(
    situation: Setup,
    flag: bool,
    wijk: Neighbourhood,
    plan: tuple[Initiative, Voucher],
) -> None:
    # given
    initiative, voucher = plan
    provider, user = approved_provider(wijk)
    situation(initiative, provider, wijk)
    # when
    redemption = redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=5 * EUR,
        description="Verf",
        channel=Channel.PORTAL,
    )
    # then
    assert Redemption.objects.get(pk=redemption.pk).connected is flag


def test_an_unknown_code_reads_nothing(wijk: Neighbourhood) -> None:
    provider, _user = approved_provider(wijk)
    with transaction.atomic():
        assert _voucher_for_spend(provider=provider, code="AAAA-BBBB-CCCC-DDDD") is None
