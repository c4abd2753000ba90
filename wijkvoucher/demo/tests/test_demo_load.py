from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

from django.core.management import CommandError, call_command

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.selectors import account_balance_from_entries_cents
from wijkvoucher.neighbourhoods.constants import STEERING_ROLES, Role
from wijkvoucher.neighbourhoods.models import (
    Address,
    BudgetPeriod,
    Municipality,
    Neighbourhood,
    RoleAssignment,
)
from wijkvoucher.vouchers.models import Provider, ProviderMembership

pytestmark = pytest.mark.usefixtures("demo_loaded", "db", "demo_mode")


def _counts() -> dict[str, int]:
    models = [
        AuditEvent,
        User,
        Neighbourhood,
        BudgetPeriod,
        RoleAssignment,
        Address,
        Provider,
        ProviderMembership,
        TOTPDevice,
        Account,
        LedgerTransaction,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_creates_three_wijken_with_postcodes_and_populations() -> None:
    # given: the demo data is loaded

    # when
    wijken = list(Neighbourhood.objects.order_by("name"))

    # then
    assert [(w.name, w.slug, w.population) for w in wijken] == [
        ("De Hoven", "de-hoven", 11_600),
        ("Havenkwartier", "havenkwartier", 7_850),
        ("Molenbuurt", "molenbuurt", 4_320),
    ]
    assert [(r.start, r.end) for r in wijken[0].postcode_ranges.order_by("start")] == [
        ("2813AA", "2813ZZ"),
        ("2814AA", "2814KZ"),
    ]
    assert Municipality.objects.get().name == "Gemeente Dijkstad"


def test_this_years_periods_are_published_and_their_balances_equal_the_ceilings() -> (
    None
):
    # given: the demo data is loaded

    # when
    periods = BudgetPeriod.objects.select_related("account", "neighbourhood")

    # then
    published = sorted(
        (p.neighbourhood.slug, p.name, p.ceiling_cents)
        for p in periods
        if p.published_at is not None
    )
    assert published == [
        ("de-hoven", "2026", 6_000_000),
        ("havenkwartier", "2026", 4_500_000),
        ("molenbuurt", "2026", 3_000_000),
    ]
    for period in periods.filter(published_at__isnull=False):
        assert period.account is not None
        assert period.account.balance_cents == period.ceiling_cents
        assert (
            account_balance_from_entries_cents(account=period.account)
            == period.ceiling_cents
        )
    upcoming = periods.filter(published_at__isnull=True)
    assert sorted(p.name for p in upcoming) == ["2027", "2027", "2027"]
    assert {p.publication_date for p in upcoming} == {dt.date(2026, 12, 1)}
    assert all(p.account is None for p in upcoming)


def test_every_wijk_has_a_regiegroep_with_one_chair_and_one_secretary() -> None:
    # given: the demo data is loaded

    for wijk in Neighbourhood.objects.all():
        # when
        roles = Counter(
            RoleAssignment.objects.filter(
                neighbourhood=wijk, role__in=list(STEERING_ROLES)
            ).values_list("role", flat=True)
        )

        # then
        assert roles[Role.STEERING_CHAIR] == 1
        assert roles[Role.STEERING_SECRETARY] == 1
        assert roles[Role.STEERING_ADVISER] == 1
        assert 5 <= sum(roles.values()) <= 7
        assert wijk.contact_official is not None
        assert RoleAssignment.objects.filter(
            neighbourhood=wijk, role=Role.CONTACT_OFFICIAL, user=wijk.contact_official
        ).exists()


def test_every_role_is_held_and_every_official_has_a_confirmed_second_factor() -> None:
    # given: the demo data is loaded

    # when
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    officials = set(RoleAssignment.objects.values_list("user_id", flat=True)) | set(
        ProviderMembership.objects.values_list("user_id", flat=True)
    )
    with_device = set(
        TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True)
    )

    # then
    assert held == set(Role.values)
    assert with_device == officials
    assert User.objects.get(email="maaike.schouten@example.nl").is_staff is True
    assert Provider.objects.filter(approved_at__isnull=False).count() == 4
    assert ProviderMembership.objects.count() == 4


def test_residents_live_in_the_wijken_and_one_came_through_assisted_intake() -> None:
    # given: the demo data is loaded

    # when
    addresses = Address.objects.select_related("user")
    assisted = User.objects.get(full_name="Joke Vermeulen")

    # then
    assert addresses.count() == 25
    assert addresses.filter(neighbourhood__isnull=True).count() == 0
    assert addresses.filter(residency_confirmed_at__isnull=True).count() == 3
    assert assisted.email is None
    assert assisted.registered_by is not None
    assert assisted.addresses.get().residency_confirmed_at is not None
    assert User.objects.filter(consent_publish_name=True).count() == 8


def test_a_second_run_says_so_and_changes_nothing() -> None:
    # given
    before = _counts()
    out = StringIO()

    # when
    call_command("demo_load", stdout=out)

    # then
    assert (
        out.getvalue() == "demo_load: the demo data already exists; nothing changed.\n"
    )
    assert _counts() == before


def test_ledger_and_audit_trail_verify_clean_after_loading() -> None:
    # given
    out = StringIO()

    # when
    call_command("ledger_verify", stdout=out)
    call_command("audit_verify", stdout=out)

    # then: neither command raised CommandError
    assert "ledger_verify: clean" in out.getvalue()
    assert "chain intact" in out.getvalue()


@pytest.mark.django_db
def test_demo_load_refuses_to_run_outside_demo_mode(settings: object) -> None:
    # given
    settings.DEMO_MODE = False  # type: ignore[attr-defined]

    # when
    with pytest.raises(CommandError) as raised:
        call_command("demo_load", stdout=StringIO())

    # then
    assert "WIJKVOUCHER_DEMO=1" in str(raised.value)
