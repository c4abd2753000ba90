"""The coordinators' admin at /beheer/: who gets in, and that saving goes through the
services (a refusal shows the form again and saves nothing)."""

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

import django_otp
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.admin import check_admin_site
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction
from wijkvoucher.ledger.services import ledger_account_open, ledger_transaction_post
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    BudgetPeriod,
    Municipality,
    Neighbourhood,
    Regulation,
    RegulationVersion,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.services.budgets import budget_period_create
from wijkvoucher.neighbourhoods.services.regulations import regulation_create
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.vouchers.models import Provider, ProviderMembership

pytestmark = pytest.mark.django_db

INDEX = "/beheer/"


class HttpsClient(Client):
    """Production redirects plain http (SECURE_SSL_REDIRECT)."""

    def generic(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture(autouse=True)
def _english(english_text: None) -> None:
    """Assert on the English msgids, whatever Dutch translations exist."""


@pytest.fixture
def municipality() -> Municipality:
    return MunicipalityFactory.create()


def _staff(municipality: Municipality, *, role: bool = True, **kwargs: Any) -> User:
    user: User = UserFactory.create(is_staff=kwargs.pop("is_staff", True), **kwargs)
    if role:
        RoleAssignmentFactory.create(
            user=user,
            role=Role.COORDINATOR,
            municipality=municipality,
            neighbourhood=None,
            valid_from=dt.date(2020, 1, 1),
        )
    return user


def _client(user: User, *, verified: bool = True) -> Client:
    client = HttpsClient()
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    client.force_login(user)
    if verified:
        session = client.session
        session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def coordinator(municipality: Municipality) -> User:
    return _staff(municipality)


@pytest.fixture
def admin_client(coordinator: User) -> Client:
    return _client(coordinator)


def _changelist(model: type[Any]) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _url(model: type[Any], view: str, *args: Any) -> str:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    return reverse(name, args=args)


# --- Access ----------------------------------------------------------------------------


def test_the_admin_site_is_ours() -> None:
    assert check_admin_site() == []


def test_anonymous_is_sent_to_our_sign_in() -> None:
    # given
    client = HttpsClient()
    # when
    first = client.get(INDEX)
    second = client.get(first["Location"])
    # then
    assert first.status_code == 302
    assert first["Location"].startswith(reverse("admin:login"))
    assert second.status_code == 302
    assert second["Location"] == reverse("accounts:login") + "?next=%2Fbeheer%2F"


def test_admin_login_never_shows_a_password_form() -> None:
    response = HttpsClient().post(
        reverse("admin:login"), {"username": "x@example.nl", "password": "secret"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_coordinator_without_second_factor_is_sent_to_the_second_step(
    coordinator: User,
) -> None:
    # given
    client = _client(coordinator, verified=False)
    # when
    first = client.get(INDEX)
    second = client.get(first["Location"])
    # then
    assert first.status_code == 302
    assert first["Location"].startswith(reverse("admin:login"))
    assert second.status_code == 302
    assert second["Location"].startswith(reverse("accounts:otp_verify"))


@pytest.mark.parametrize(
    "kind", ["no_role", "not_staff", "inactive_role", "inactive_user"]
)
def test_others_are_refused(municipality: Municipality, kind: str) -> None:
    # given
    if kind == "no_role":
        user = _staff(municipality, role=False)
    elif kind == "not_staff":
        user = _staff(municipality, is_staff=False)
    elif kind == "inactive_role":
        user = _staff(municipality, role=False)
        RoleAssignmentFactory.create(
            user=user,
            role=Role.COORDINATOR,
            municipality=municipality,
            neighbourhood=None,
            valid_from=dt.date(2020, 1, 1),
            valid_until=dt.date(2020, 12, 31),
        )
    else:
        user = _staff(municipality)
    client = _client(user)
    if kind == "inactive_user":
        User.objects.filter(pk=user.pk).update(is_active=False)
    # when
    index = client.get(INDEX)
    changelist = client.get(_changelist(Neighbourhood))
    # then
    assert index.status_code == 302
    assert changelist.status_code == 302
    assert client.get(index["Location"]).status_code in {302, 403}
    assert client.get(reverse("admin:login")).status_code in {302, 403}


def test_verified_staff_without_role_gets_403_not_a_loop(
    municipality: Municipality,
) -> None:
    client = _client(_staff(municipality, role=False))
    response = client.get(reverse("admin:login") + "?next=/beheer/")
    assert response.status_code == 403


def test_superuser_with_second_factor_gets_in(municipality: Municipality) -> None:
    client = _client(_staff(municipality, role=False, is_superuser=True))
    assert client.get(INDEX).status_code == 200


MODELS = [
    Municipality,
    Regulation,
    RegulationVersion,
    Neighbourhood,
    BudgetPeriod,
    RoleAssignment,
    User,
    AuditEvent,
    Account,
    LedgerTransaction,
]


def test_verified_coordinator_sees_index_and_every_changelist(
    admin_client: Client, municipality: Municipality
) -> None:
    # given: something in every list
    regulation = regulation_create(
        actor=UserFactory.create(),
        municipality=municipality,
        name="Regeling",
        legal_basis="",
        valid_from=dt.date(2026, 1, 1),
    )
    neighbourhood = NeighbourhoodFactory.create(
        municipality=municipality, regulation=regulation
    )
    budget_period_create(
        actor=UserFactory.create(),
        neighbourhood=neighbourhood,
        name="2026",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        ceiling_cents=100_000,
        publication_date=dt.date(2025, 12, 1),
    )
    # when
    index = admin_client.get(INDEX)
    # then
    assert index.status_code == 200
    for model in MODELS:
        response = admin_client.get(_changelist(model))
        assert response.status_code == 200, model
    for model in (Entry, Provider, ProviderMembership):
        assert admin_client.get(_changelist(model)).status_code == 200, model
    for model in (Regulation, Neighbourhood, BudgetPeriod, RoleAssignment, Provider):
        assert admin_client.get(_url(model, "add")).status_code == 200, model
    assert (
        admin_client.get(_url(Neighbourhood, "change", neighbourhood.pk)).status_code
        == 200
    )


@pytest.mark.parametrize("model", [AuditEvent, Account, LedgerTransaction, Entry, User])
def test_read_only_models_cannot_be_added_changed_or_deleted(
    admin_client: Client, coordinator: User, model: type[Any]
) -> None:
    # given: one row of each
    funding = ledger_account_open(
        actor=coordinator,
        code="f",
        kind=AccountKind.FUNDING,
        name="f",
        allow_negative=True,
    )
    budget = ledger_account_open(
        actor=coordinator, code="b", kind=AccountKind.BUDGET, name="b"
    )
    ledger_transaction_post(
        actor=coordinator,
        kind=TransactionKind.ADJUSTMENT,
        entries=[(funding, -100), (budget, 100)],
    )
    obj = coordinator if model is User else model._default_manager.first()
    before = model._default_manager.count()
    # when
    add = admin_client.get(_url(model, "add"))
    view = admin_client.get(_url(model, "change", obj.pk))
    change = admin_client.post(_url(model, "change", obj.pk), {})
    delete = admin_client.post(_url(model, "delete", obj.pk), {"post": "yes"})
    # then
    assert (add.status_code, view.status_code) == (403, 200)
    assert (change.status_code, delete.status_code) == (403, 403)
    assert model._default_manager.count() == before
    assert 'name="_save"' not in view.content.decode()


def test_coordinator_sees_only_their_municipality(
    admin_client: Client, municipality: Municipality
) -> None:
    # given
    own = NeighbourhoodFactory.create(municipality=municipality, name="Eigen wijk")
    other_municipality = MunicipalityFactory.create(slug="elders", name="Elders")
    other = NeighbourhoodFactory.create(
        municipality=other_municipality, name="Andere wijk"
    )
    # when
    response = admin_client.get(_changelist(Neighbourhood))
    detail = admin_client.get(_url(Neighbourhood, "change", other.pk))
    # then
    assert own.name in response.content.decode()
    assert other.name not in response.content.decode()
    assert detail.status_code == 302  # "does not exist" and back to the index
