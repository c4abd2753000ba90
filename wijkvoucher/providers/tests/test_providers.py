import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

import pytest
import time_machine

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
)
from wijkvoucher.providers.models import Provider, ProviderMembership
from wijkvoucher.providers.permissions import user_is_provider_user
from wijkvoucher.providers.selectors import (
    provider_memberships_active,
    providers_approved,
)
from wijkvoucher.providers.services.memberships import (
    provider_membership_add,
    provider_membership_end,
)
from wijkvoucher.providers.services.providers import provider_create
from wijkvoucher.providers.services.review import provider_approve

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Provider.objects.count(),
        Provider.objects.filter(approved_at__isnull=False).count(),
        ProviderMembership.objects.count(),
        AuditEvent.objects.count(),
    )


def _provider(municipality: Municipality | None = None, **kwargs: object) -> Provider:
    arguments: dict[str, Any] = {
        "actor": UserFactory.create(),
        "municipality": municipality or MunicipalityFactory.create(),
        "name": "Bouwmarkt De Dijk",
        **kwargs,
    }
    return provider_create(**arguments)


def test_provider_create_normalises_and_audits() -> None:
    # given
    neighbourhood = NeighbourhoodFactory.create()
    actor = UserFactory.create()
    # when
    provider = _provider(
        neighbourhood.municipality,
        actor=actor,
        kvk_number="1234 5678",
        iban=" nl91 abna 0417 1643 00 ",
        postcode="1091 ab",
        city=" Dijkstad ",
        neighbourhoods=[neighbourhood],
    )
    # then
    assert provider.kvk_number == "12345678"
    assert provider.iban == "NL91ABNA0417164300"
    assert provider.postcode == "1091AB"
    assert provider.city == "Dijkstad"
    assert provider.approved_at is None
    assert list(provider.neighbourhoods.all()) == [neighbourhood]
    event = AuditEvent.objects.get(action="vouchers.provider_create")
    assert event.actor == actor
    assert event.data["neighbourhoods"] == [neighbourhood.slug]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kvk_number": "1234567"}, "invalid_kvk"),
        ({"kvk_number": "1234567a"}, "invalid_kvk"),
        ({"name": "  "}, "required"),
        ({"postcode": "12345"}, "invalid_postcode"),
        ({"iban": "NL" + "1" * 40}, "invalid_iban"),
        ({"iban": "NL00ABNA0417164300"}, "invalid_iban"),
        ({"iban": "geen iban"}, "invalid_iban"),
    ],
)
def test_provider_create_refusals(kwargs: dict[str, Any], code: str) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _provider(**kwargs)
    assert exc.value.code == code
    assert _counts() == before


def test_provider_create_refuses_wijk_of_another_municipality() -> None:
    # given
    foreign = NeighbourhoodFactory.create(
        municipality=MunicipalityFactory.create(slug="elders")
    )
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _provider(MunicipalityFactory.create(), neighbourhoods=[foreign])
    # then
    assert exc.value.code == "neighbourhood_other_municipality"
    assert _counts() == before


def test_provider_create_refuses_the_same_kvk_twice() -> None:
    municipality = MunicipalityFactory.create()
    _provider(municipality, kvk_number="12345678")
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _provider(municipality, kvk_number="12345678", name="Andere naam")
    assert exc.value.code == "provider_exists"
    assert _counts() == before


@time_machine.travel(dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC), tick=False)
def test_provider_approve_once() -> None:
    # given
    provider = _provider()
    actor = UserFactory.create()
    # when
    provider_approve(actor=actor, provider=provider)
    # then
    provider.refresh_from_db()
    assert provider.approved_at == dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)
    assert provider.approved_by == actor
    assert AuditEvent.objects.filter(action="vouchers.provider_approve").count() == 1
    # and a second approval is refused without changes
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        provider_approve(actor=UserFactory.create(), provider=provider)
    assert exc.value.code == "already_approved"
    assert _counts() == before
    provider.refresh_from_db()
    assert provider.approved_by == actor


def test_providers_approved_for_a_wijk() -> None:
    # given
    neighbourhood = NeighbourhoodFactory.create()
    municipality = neighbourhood.municipality
    other_wijk = NeighbourhoodFactory.create(municipality=municipality)
    serves_wijk = _provider(municipality, name="B", neighbourhoods=[neighbourhood])
    serves_all = _provider(municipality, name="A")
    serves_other = _provider(municipality, name="C", neighbourhoods=[other_wijk])
    both = _provider(municipality, name="D", neighbourhoods=[neighbourhood, other_wijk])
    not_approved = _provider(municipality, name="E", neighbourhoods=[neighbourhood])
    elsewhere = _provider(MunicipalityFactory.create(slug="elders"), name="F")
    for provider in (serves_wijk, serves_all, serves_other, both, elsewhere):
        provider_approve(actor=UserFactory.create(), provider=provider)
    # when
    result = list(providers_approved(neighbourhood=neighbourhood))
    # then
    assert result == [serves_all, serves_wijk, both]
    assert not_approved not in result


def test_membership_add_and_active_memberships() -> None:
    # given
    provider = _provider()
    provider_approve(actor=UserFactory.create(), provider=provider)
    user = UserFactory.create()
    # when
    membership = provider_membership_add(
        actor=UserFactory.create(),
        provider=provider,
        user=user,
        valid_from=dt.date(2026, 1, 1),
    )
    # then
    assert list(provider_memberships_active(user=user, on=dt.date(2026, 1, 1))) == [
        membership
    ]
    assert not provider_memberships_active(user=user, on=dt.date(2025, 12, 31)).exists()
    assert (
        AuditEvent.objects.filter(action="vouchers.provider_membership_add").count()
        == 1
    )


def test_membership_of_an_unapproved_provider_is_not_active() -> None:
    provider = _provider()
    user = UserFactory.create()
    provider_membership_add(
        actor=UserFactory.create(),
        provider=provider,
        user=user,
        valid_from=dt.date(2020, 1, 1),
    )
    assert not provider_memberships_active(user=user).exists()
    assert user_is_provider_user(user=user) is False


@pytest.mark.parametrize(
    ("member", "active", "code"),
    [(True, True, "already_member"), (False, False, "user_inactive")],
)
def test_membership_add_refusals(member: bool, active: bool, code: str) -> None:
    # given
    provider = _provider()
    user = UserFactory.create(is_active=active)
    if member:
        ProviderMembership.objects.create(
            provider=provider, user=user, valid_from=dt.date(2026, 1, 1)
        )
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        provider_membership_add(
            actor=UserFactory.create(),
            provider=provider,
            user=user,
            valid_from=dt.date(2026, 1, 1),
        )
    # then
    assert exc.value.code == code
    assert _counts() == before


@time_machine.travel(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC), tick=False)
def test_user_is_provider_user() -> None:
    # given
    provider = _provider()
    provider_approve(actor=UserFactory.create(), provider=provider)
    user = UserFactory.create()
    membership = provider_membership_add(
        actor=UserFactory.create(),
        provider=provider,
        user=user,
        valid_from=dt.date(2026, 1, 1),
    )
    # then
    assert user_is_provider_user(user=user) is True
    assert user_is_provider_user(user=UserFactory.create()) is False
    assert user_is_provider_user(user=AnonymousUser()) is False
    # and after the membership ends, no longer
    provider_membership_end(
        actor=UserFactory.create(), membership=membership, on=dt.date(2026, 2, 28)
    )
    assert user_is_provider_user(user=user) is False
    user.is_active = False
    assert user_is_provider_user(user=user) is False


def test_membership_end_refusals() -> None:
    provider = _provider()
    membership = provider_membership_add(
        actor=UserFactory.create(),
        provider=provider,
        user=UserFactory.create(),
        valid_from=dt.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        provider_membership_end(
            actor=UserFactory.create(), membership=membership, on=dt.date(2025, 1, 1)
        )
    assert exc.value.code == "period_order"
    provider_membership_end(
        actor=UserFactory.create(), membership=membership, on=dt.date(2026, 6, 1)
    )
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        provider_membership_end(
            actor=UserFactory.create(), membership=membership, on=dt.date(2026, 7, 1)
        )
    assert exc.value.code == "already_ended"
    assert _counts() == before
    membership.refresh_from_db()
    assert membership.valid_until == dt.date(2026, 6, 1)
