from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.decisions.models import Decision
from wijkvoucher.demo.content import WIJKEN
from wijkvoucher.initiatives.checks import plan_checks
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import (
    BudgetLine,
    Initiative,
    OwnContribution,
    StatusChange,
)
from wijkvoucher.initiatives.rules import submission_blockers
from wijkvoucher.initiatives.selectors.initiatives import initiatives_for_official
from wijkvoucher.initiatives.workflow import DECISION_PENDING
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.selectors import account_balance_from_entries_cents
from wijkvoucher.neighbourhoods.constants import CostCategory, Role
from wijkvoucher.neighbourhoods.models import (
    Address,
    BudgetPeriod,
    Municipality,
    Neighbourhood,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.roles import STEERING_ROLES
from wijkvoucher.providers.models import Provider, ProviderMembership

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
        Initiative,
        BudgetLine,
        OwnContribution,
        StatusChange,
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


def test_periods_that_have_started_are_published_and_awards_come_out_of_them() -> None:
    # given: the demo data is loaded on 2 March 2026; its story starts 80 days
    # earlier, in 2025, so the regeling and the budgets start on 1 January 2025

    # when
    periods = BudgetPeriod.objects.select_related("account", "neighbourhood")

    # then
    published = sorted(
        (p.neighbourhood.slug, p.name, p.ceiling_cents)
        for p in periods
        if p.published_at is not None
    )
    assert published == [
        ("de-hoven", "2025", 6_000_000),
        ("de-hoven", "2026", 6_000_000),
        ("havenkwartier", "2025", 4_500_000),
        ("havenkwartier", "2026", 4_500_000),
        ("molenbuurt", "2025", 3_000_000),
        ("molenbuurt", "2026", 3_000_000),
    ]
    for period in periods.filter(published_at__isnull=False):
        assert period.account is not None
        # a cancelled plan's reservation went back to the budget
        awarded = sum(
            d.amount_cents
            for d in Decision.objects.filter(budget_period=period).exclude(
                initiative__status=S.CANCELLED
            )
        )
        assert 0 <= awarded <= period.ceiling_cents
        # a settled plan's unspent money and what was paid back came back
        back = sum(
            int(e.amount_cents)
            for e in period.account.entries.filter(
                transaction__kind__in=["voucher.void", "recovery.receive"]
            )
        )
        assert period.account.balance_cents == period.ceiling_cents - awarded + back
        assert (
            account_balance_from_entries_cents(account=period.account)
            == period.account.balance_cents
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
    # 45 in content.py (3 of them initiators of the year's history), 20 more in
    # content_actie.py (the ladder reports).
    assert addresses.count() == 65
    assert addresses.filter(neighbourhood__isnull=True).count() == 0
    assert addresses.filter(residency_confirmed_at__isnull=True).count() == 3
    assert assisted.email is None
    assert assisted.registered_by is not None
    assert assisted.addresses.get().residency_confirmed_at is not None
    # 12, and two initiators of the year's history
    assert User.objects.filter(consent_publish_name=True).count() == 14


def test_residents_have_plans_in_every_status_spread_over_the_three_wijken() -> None:
    # given: the demo data is loaded

    # when
    initiatives = Initiative.objects.select_related("initiator", "neighbourhood")

    # then: every status but "on the agenda" (the plan waiting on an agenda is put
    # to the wijk in the open poll, so it is "in consultation") and "awarded" /
    # "partly awarded": every award that is carried out has its vouchers, which
    # starts the execution; settled: the havendag and the year's history, one plan
    # per wijk
    assert Counter(i.status for i in initiatives) == {
        S.DRAFT: 2,
        S.SUBMITTED: 2,
        S.INFORMATION_REQUESTED: 1,
        S.NOT_PROCESSED: 1,
        S.CHECKED: 1,
        S.IN_CONSULTATION: 1,
        S.IN_DELIBERATION: 1,
        S.DEFERRED: 1,
        S.ADVISED: 1,
        S.REJECTED: 2,
        S.IN_EXECUTION: 2,
        S.SETTLED: 4,
        S.CANCELLED: 1,
        S.WITHDRAWN: 1,
    }
    assert {i.neighbourhood.slug for i in initiatives} == {w.slug for w in WIJKEN}
    for initiative in initiatives:
        address = initiative.initiator.addresses.get()
        assert address.neighbourhood_id == initiative.neighbourhood_id
        assert address.residency_confirmed_at is not None
        assert 1 <= initiative.budget_lines.count() <= 3
        assert initiative.own_contributions.exists()
        assert initiative.starts_on is not None
        if initiative.status != S.DRAFT:
            assert initiative.submitted_at is not None
            lead = (initiative.starts_on - initiative.submitted_at.date()).days
            assert lead >= 28
            assert initiative.contact_official_id == (
                initiative.neighbourhood.contact_official_id
            )
            assert initiative.requested_amount_cents == sum(
                line.amount_cents for line in initiative.budget_lines.all()
            )


def test_one_draft_breaks_a_hard_rule_and_every_sent_plan_fitted_when_sent() -> None:
    # given: the demo data is loaded

    # when
    blockers = {
        i.title: [
            check.code
            for check in submission_blockers(
                plan_checks(initiative=i, at=i.submitted_at or timezone.now())
            )
        ]
        for i in Initiative.objects.all()
    }

    # then
    assert blockers.pop("Buurtmarkt op de Kloosterhof") == ["alcohol"]
    assert all(codes == [] for codes in blockers.values()), blockers


def test_the_sent_plans_with_food_explain_why_so_their_food_check_passes() -> None:
    # given: the demo data is loaded

    # when
    food = {
        i.title: {c.code: c.outcome for c in plan_checks(initiative=i)}["food_drink"]
        for i in Initiative.objects.filter(
            budget_lines__category=CostCategory.FOOD_DRINK
        ).exclude(status=S.DRAFT)
    }

    # then
    assert food == {
        "Buurtbarbecue op de Visserskade": "pass",
        "Repair Café in De Wiek": "pass",
    }


def test_exactly_one_plan_is_overdue_on_its_contact_officials_work_list() -> None:
    # given: the demo data is loaded
    officials = User.objects.filter(
        email__in=[wijk.contact_official.email for wijk in WIJKEN]
    )

    # when
    overdue = [
        (official.full_name, initiative.title)
        for official in officials
        for initiative in initiatives_for_official(official=official)
        if getattr(initiative, "is_overdue", False)
    ]

    # then
    assert overdue == [("Anouk Verhoeven", "Drie bankjes op de Kadestraat")]
    late = Initiative.objects.get(title="Drie bankjes op de Kadestraat")
    assert late.submitted_at is not None
    assert late.submitted_at.date() == dt.date(2025, 12, 30)
    assert late.decision_due_on == dt.date(2026, 2, 24)
    others = Initiative.objects.exclude(pk=late.pk).filter(
        status__in=list(DECISION_PENDING)
    )
    assert others.count() == 6
    assert all(
        i.decision_due_on is not None and i.decision_due_on >= dt.date(2026, 3, 2)
        for i in others
    )


def test_the_information_request_says_what_is_missing_and_by_when() -> None:
    # given: the demo data is loaded
    initiative = Initiative.objects.get(title="Buurtbarbecue op de Visserskade")

    # when
    change = StatusChange.objects.get(
        initiative=initiative, to_status=S.INFORMATION_REQUESTED
    )

    # then
    assert initiative.status == S.INFORMATION_REQUESTED
    assert initiative.clock_paused_on == dt.date(2026, 2, 28)
    assert change.actor is not None
    assert change.actor.email == "anouk.verhoeven@example.nl"
    assert "tekening of foto" in change.motivation
    assert "14 maart 2026" in change.motivation


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
