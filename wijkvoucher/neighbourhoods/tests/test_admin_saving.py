"""Saving in the admin goes through the services: a regeling edit makes a new version,
and a refusal shows the form again with nothing saved."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import django_otp
import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.forms import EuroField
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.money import format_euro_amount
from wijkvoucher.ledger.models import LedgerTransaction
from wijkvoucher.neighbourhoods.admin.budgets import BudgetPeriodForm
from wijkvoucher.neighbourhoods.admin.regulations import RegulationVersionForm
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    BudgetPeriod,
    Municipality,
    Neighbourhood,
    Regulation,
    RegulationVersion,
    RoleAssignment,
)
from wijkvoucher.neighbourhoods.selectors.regulations import (
    PARAMETER_NAMES,
    regulation_parameters,
)
from wijkvoucher.neighbourhoods.services.budgets import (
    budget_period_create,
    budget_period_publish,
)
from wijkvoucher.neighbourhoods.services.regulations import regulation_create
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    PostcodeRangeFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.vouchers.models import Provider
from wijkvoucher.vouchers.services import provider_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]
NOW = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)


class HttpsClient(Client):
    def generic(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture(autouse=True)
def _english_at_a_fixed_time(english_text: None) -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def municipality() -> Municipality:
    return MunicipalityFactory.create()


@pytest.fixture
def coordinator(municipality: Municipality) -> User:
    user: User = UserFactory.create(is_staff=True)
    RoleAssignmentFactory.create(
        user=user,
        role=Role.COORDINATOR,
        municipality=municipality,
        neighbourhood=None,
        valid_from=dt.date(2020, 1, 1),
    )
    return user


@pytest.fixture
def client(coordinator: User) -> Client:
    client = HttpsClient()
    device = TOTPDevice.objects.create(user=coordinator, name="t", confirmed=True)
    client.force_login(coordinator)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def regulation(municipality: Municipality) -> Regulation:
    return regulation_create(
        actor=UserFactory.create(),
        municipality=municipality,
        name="Regeling wijkvouchers",
        legal_basis="Art. 4:23 Awb",
        valid_from=dt.date(2026, 1, 1),
    )


def _url(model: type[Any], view: str, *args: Any) -> str:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    return reverse(name, args=args)


def _form_value(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else None
    if name.endswith("_cents"):
        return format_euro_amount(value)  # the admin takes euros
    return value


def _version_data(version: RegulationVersion, **changes: Any) -> dict[str, Any]:
    values = {**regulation_parameters(version=version), **changes}
    # The word lists are typed one word per line, one box per kind of cost.
    words = values.pop("cost_words")
    values.update(
        {f"words_{kind}": "\n".join(listed) for kind, listed in words.items()}
    )
    data = {name: _form_value(name, value) for name, value in values.items()}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(
        {
            "change_note": "Raadsbesluit",
            "new_valid_from_0": "",
            "new_valid_from_1": "",
        }
    )
    return data


def _errors(response: Any) -> list[str]:
    form = response.context["adminform"].form
    return [str(e) for e in form.non_field_errors()]


def test_saving_a_version_makes_a_new_one_and_keeps_the_old(
    client: Client, regulation: Regulation, coordinator: User
) -> None:
    # given
    first = regulation.versions.get()
    before = regulation_parameters(version=first)
    # when
    response = client.post(
        _url(RegulationVersion, "change", first.pk),
        _version_data(first, max_amount_per_voucher_cents=250_000),
    )
    # then
    assert response.status_code == 302
    assert regulation.versions.count() == 2
    first.refresh_from_db()
    assert regulation_parameters(version=first) == before
    second = regulation.versions.get(number=2)
    assert second.max_amount_per_voucher_cents == 250_000
    assert second.valid_from == NOW
    assert second.created_by == coordinator
    assert second.change_note == "Raadsbesluit"
    changed = {k for k in PARAMETER_NAMES if getattr(first, k) != getattr(second, k)}
    assert changed == {"max_amount_per_voucher_cents"}


def test_a_version_that_changes_nothing_is_refused_with_the_form_again(
    client: Client, regulation: Regulation
) -> None:
    # given
    first = regulation.versions.get()
    events = AuditEvent.objects.count()
    # when
    response = client.post(
        _url(RegulationVersion, "change", first.pk), _version_data(first)
    )
    # then
    assert response.status_code == 200
    assert _errors(response) == ["Nothing changed, so no new version was made."]
    assert regulation.versions.count() == 1
    assert AuditEvent.objects.count() == events


def test_only_the_latest_version_can_be_edited(
    client: Client, regulation: Regulation
) -> None:
    # given
    first = regulation.versions.get()
    client.post(
        _url(RegulationVersion, "change", first.pk),
        _version_data(first, min_supporters=9),
    )
    # when
    view = client.get(_url(RegulationVersion, "change", first.pk))
    post = client.post(
        _url(RegulationVersion, "change", first.pk),
        _version_data(first, min_supporters=3),
    )
    latest = client.get(
        _url(RegulationVersion, "change", regulation.versions.get(number=2).pk)
    )
    # then
    assert view.status_code == 200
    assert 'name="_save"' not in view.content.decode()
    assert post.status_code == 403
    assert regulation.versions.count() == 2
    assert 'name="_save"' in latest.content.decode()
    assert "v1" in latest.content.decode()


def test_regulation_add_makes_version_one(
    client: Client, municipality: Municipality
) -> None:
    # when
    response = client.post(
        _url(Regulation, "add"),
        {
            "municipality": municipality.pk,
            "name": "Nieuwe regeling",
            "legal_basis": "ASV art. 2",
            "participation_bylaw_article": "",
            "valid_from": "2026-07-01",
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    # then
    assert response.status_code == 302
    regulation = Regulation.objects.get(name="Nieuwe regeling")
    assert regulation.versions.get().number == 1
    assert (
        AuditEvent.objects.filter(action="neighbourhoods.regulation_create").count()
        == 1
    )


def _neighbourhood_data(regulation: Regulation, **overrides: Any) -> dict[str, Any]:
    data = {
        "municipality": regulation.municipality_id,
        "regulation": regulation.pk,
        "name": "Oosterpark",
        "slug": "oosterpark",
        "description": "",
        "population": "9500",
        "designated_from": "2026-01-01",
        "designated_until": "",
        "contact_official": "",
        "meeting_place": "",
        "postcode_ranges-TOTAL_FORMS": "1",
        "postcode_ranges-INITIAL_FORMS": "0",
        "postcode_ranges-MIN_NUM_FORMS": "0",
        "postcode_ranges-MAX_NUM_FORMS": "1000",
        "postcode_ranges-0-start": "1091 aa",
        "postcode_ranges-0-end": "1091 zz",
    }
    data.update(overrides)
    return data


def test_neighbourhood_add_with_postcodes_goes_through_the_services(
    client: Client, regulation: Regulation
) -> None:
    # when
    response = client.post(_url(Neighbourhood, "add"), _neighbourhood_data(regulation))
    # then
    assert response.status_code == 302
    neighbourhood = Neighbourhood.objects.get(slug="oosterpark")
    assert list(neighbourhood.postcode_ranges.values_list("start", "end")) == [
        ("1091AA", "1091ZZ")
    ]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "neighbourhoods.neighbourhood_create",
        "neighbourhoods.postcode_range_add",
    } <= actions


def test_neighbourhood_add_with_overlapping_postcodes_saves_nothing(
    client: Client, regulation: Regulation
) -> None:
    # given
    other = NeighbourhoodFactory.create(
        municipality=regulation.municipality, regulation=regulation, name="Westwijk"
    )
    PostcodeRangeFactory.create(neighbourhood=other, start="1091MA", end="1091MZ")
    neighbourhoods, events = Neighbourhood.objects.count(), AuditEvent.objects.count()
    # when
    response = client.post(_url(Neighbourhood, "add"), _neighbourhood_data(regulation))
    # then
    assert response.status_code == 200
    assert "Westwijk" in _errors(response)[0]
    assert Neighbourhood.objects.count() == neighbourhoods
    assert AuditEvent.objects.count() == events


def test_neighbourhood_change_and_remove_a_range(
    client: Client, regulation: Regulation
) -> None:
    # given
    client.post(_url(Neighbourhood, "add"), _neighbourhood_data(regulation))
    neighbourhood = Neighbourhood.objects.get(slug="oosterpark")
    postcode_range = neighbourhood.postcode_ranges.get()
    data = _neighbourhood_data(
        regulation,
        name="Oosterpark-Noord",
        **{
            "postcode_ranges-TOTAL_FORMS": "1",
            "postcode_ranges-INITIAL_FORMS": "1",
            "postcode_ranges-0-id": str(postcode_range.pk),
            "postcode_ranges-0-neighbourhood": str(neighbourhood.pk),
            "postcode_ranges-0-DELETE": "on",
        },
    )
    # when
    response = client.post(_url(Neighbourhood, "change", neighbourhood.pk), data)
    # then
    assert response.status_code == 302
    neighbourhood.refresh_from_db()
    assert neighbourhood.name == "Oosterpark-Noord"
    assert neighbourhood.postcode_ranges.count() == 0
    assert (
        AuditEvent.objects.filter(action="neighbourhoods.postcode_range_remove").count()
        == 1
    )


def _period(regulation: Regulation) -> BudgetPeriod:
    neighbourhood = NeighbourhoodFactory.create(
        municipality=regulation.municipality,
        regulation=regulation,
        slug="oost",
        name="Oost",
    )
    return budget_period_create(
        actor=UserFactory.create(),
        neighbourhood=neighbourhood,
        name="2026",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        ceiling_cents=5_000_000,
        publication_date=dt.date(2025, 12, 1),
    )


def test_publish_action_puts_the_ceiling_in_the_ledger_once(
    client: Client, regulation: Regulation
) -> None:
    # given
    period = _period(regulation)
    action = {"action": "publish", "_selected_action": [str(period.pk)]}
    # when
    first = client.post(_url(BudgetPeriod, "changelist"), action, follow=True)
    second = client.post(_url(BudgetPeriod, "changelist"), action, follow=True)
    # then
    period.refresh_from_db()
    assert period.published_at == NOW
    assert LedgerTransaction.objects.count() == 1
    assert [str(m) for m in first.context["messages"]] == [
        "Budget periods published: 1."
    ]
    assert [str(m) for m in second.context["messages"]] == [
        "Oost 2026: Budget period 2026 has already been published."
    ]


def test_ceiling_change_needs_a_reason(client: Client, regulation: Regulation) -> None:
    # given
    period = budget_period_publish(
        actor=UserFactory.create(), budget_period=_period(regulation)
    )
    url = _url(BudgetPeriod, "change", period.pk)
    # when
    refused = client.post(url, {"ceiling_cents": "60.000", "ceiling_change_reason": ""})
    accepted = client.post(
        url, {"ceiling_cents": "60.000", "ceiling_change_reason": "Raadsbesluit"}
    )
    # then
    assert refused.status_code == 200
    assert _errors(refused) == ["Give the reason for changing the ceiling."]
    assert accepted.status_code == 302
    period.refresh_from_db()
    assert period.ceiling_cents == 6_000_000
    assert LedgerTransaction.objects.count() == 2


def _period_data(period: BudgetPeriod, **overrides: str) -> dict[str, str]:
    data = {
        "neighbourhood": str(period.neighbourhood_id),
        "name": period.name,
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "ceiling_cents": format_euro_amount(period.ceiling_cents),
        "publication_date": period.publication_date.isoformat(),
        "ceiling_change_reason": "",
    }
    if period.carry_over_allowed:
        data["carry_over_allowed"] = "on"
    data.update(overrides)
    return data


def test_budget_period_add_takes_the_ceiling_in_euros(
    client: Client, regulation: Regulation
) -> None:
    # given
    neighbourhood = NeighbourhoodFactory.create(
        municipality=regulation.municipality, regulation=regulation
    )
    # when
    form = client.get(_url(BudgetPeriod, "add"))
    response = client.post(
        _url(BudgetPeriod, "add"),
        {
            "neighbourhood": str(neighbourhood.pk),
            "name": "2026",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "ceiling_cents": "45.000",
            "publication_date": "2025-12-01",
        },
    )
    # then
    assert "Ceiling (euro)" in form.content.decode()
    assert "(cents)" not in form.content.decode()
    assert response.status_code == 302
    period = BudgetPeriod.objects.get(neighbourhood=neighbourhood)
    assert period.ceiling_cents == 4_500_000
    event = AuditEvent.objects.get(action="neighbourhoods.budget_period_create")
    assert event.data["ceiling_cents"] == 4_500_000


def test_budget_period_ceiling_in_cents_is_refused_plainly(
    client: Client, regulation: Regulation
) -> None:
    # given
    period = _period(regulation)
    row = BudgetPeriod.objects.values().get(pk=period.pk)
    events = AuditEvent.objects.count()
    # when
    response = client.post(
        _url(BudgetPeriod, "change", period.pk),
        _period_data(period, ceiling_cents="5000000,00 euro"),
    )
    # then
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["ceiling_cents"] == [
        "Enter an amount in euros, such as 45.000 or 12,50."
    ]
    assert BudgetPeriod.objects.values().get(pk=period.pk) == row
    assert AuditEvent.objects.count() == events


def test_unpublished_budget_period_is_edited_through_the_service(
    client: Client, regulation: Regulation
) -> None:
    # given
    period = _period(regulation)
    url = _url(BudgetPeriod, "change", period.pk)
    # when
    form = client.get(url)
    response = client.post(
        url,
        _period_data(
            period,
            name="2026-2027",
            ends_on="2027-06-30",
            ceiling_cents="€ 62.500,50",
            carry_over_allowed="on",
        ),
    )
    # then
    assert 'value="50.000"' in form.content.decode()
    assert 'name="starts_on"' in form.content.decode()
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.name == "2026-2027"
    assert period.ends_on == dt.date(2027, 6, 30)
    assert period.ceiling_cents == 6_250_050
    assert period.carry_over_allowed is True
    assert period.published_at is None
    assert LedgerTransaction.objects.count() == 0
    event = AuditEvent.objects.get(action="neighbourhoods.budget_period_update")
    assert set(event.data["diff"]) == {
        "name",
        "ends_on",
        "ceiling_cents",
        "carry_over_allowed",
    }


def test_unpublished_budget_period_edit_refused_saves_nothing(
    client: Client, regulation: Regulation
) -> None:
    # given: a 2027 period after the 2026 one
    first = _period(regulation)
    second = budget_period_create(
        actor=UserFactory.create(),
        neighbourhood=first.neighbourhood,
        name="2027",
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        ceiling_cents=5_000_000,
        publication_date=dt.date(2026, 12, 1),
    )
    row = BudgetPeriod.objects.values().get(pk=second.pk)
    events = AuditEvent.objects.count()
    # when
    response = client.post(
        _url(BudgetPeriod, "change", second.pk),
        _period_data(second, starts_on="2026-06-01"),
    )
    # then
    assert response.status_code == 200
    assert _errors(response) == [
        "This period overlaps with budget period 2026 (1 January 2026 to 31 December 2026)."
    ]
    assert BudgetPeriod.objects.values().get(pk=second.pk) == row
    assert AuditEvent.objects.count() == events


def test_published_budget_period_keeps_its_fields_fixed(
    client: Client, regulation: Regulation
) -> None:
    # given
    period = budget_period_publish(
        actor=UserFactory.create(), budget_period=_period(regulation)
    )
    url = _url(BudgetPeriod, "change", period.pk)
    # when
    form = client.get(url)
    response = client.post(
        url,
        _period_data(
            period,
            name="Anders",
            ceiling_cents="55.000",
            ceiling_change_reason="Raadsbesluit",
        ),
    )
    # then
    assert 'name="starts_on"' not in form.content.decode()
    assert 'name="ceiling_cents"' in form.content.decode()
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.name == "2026"
    assert period.ceiling_cents == 5_500_000
    assert not AuditEvent.objects.filter(
        action="neighbourhoods.budget_period_update"
    ).exists()


def test_regulation_version_amounts_are_typed_in_euros(
    client: Client, regulation: Regulation
) -> None:
    # given
    first = regulation.versions.get()
    url = _url(RegulationVersion, "change", first.pk)
    # when
    form = client.get(url)
    response = client.post(
        url,
        {
            **_version_data(first),
            "max_amount_per_voucher_cents": "€ 2.500",
            "min_amount_cents": "12,5",
            "hourly_fee_cap_cents": "62.50",
        },
    )
    # then
    page = form.content.decode()
    assert "Maximum per voucher (euro)" in page
    assert "(cents)" not in page
    assert 'value="5.000"' in page
    assert response.status_code == 302
    second = regulation.versions.get(number=2)
    assert second.max_amount_per_voucher_cents == 250_000
    assert second.min_amount_cents == 1_250
    assert second.hourly_fee_cap_cents == 6_250


def test_role_add_and_end_through_the_services(
    client: Client, regulation: Regulation, coordinator: User
) -> None:
    # given
    neighbourhood = NeighbourhoodFactory.create(
        municipality=regulation.municipality, regulation=regulation
    )
    person = UserFactory.create()
    chair = RoleAssignmentFactory.create(
        neighbourhood=neighbourhood, role=Role.STEERING_CHAIR
    )
    data = {
        "user": person.pk,
        "role": Role.STEERING_CHAIR,
        "municipality": neighbourhood.municipality_id,
        "neighbourhood": neighbourhood.pk,
        "valid_from": "2026-03-01",
        "valid_until": "",
        "note": "",
    }
    # when: a second chair at the same time
    refused = client.post(_url(RoleAssignment, "add"), data)
    # then
    assert refused.status_code == 200
    assert _errors(refused) == [
        f"{chair.user} is already regiegroep chair in this period."
    ]
    assert RoleAssignment.objects.filter(user=person).count() == 0
    # when: the first chair's term ends, then the new one is appointed
    ended = client.post(
        _url(RoleAssignment, "change", chair.pk), {"valid_until": "2026-02-28"}
    )
    added = client.post(_url(RoleAssignment, "add"), data)
    # then
    assert (ended.status_code, added.status_code) == (302, 302)
    chair.refresh_from_db()
    assert chair.valid_until == dt.date(2026, 2, 28)
    new = RoleAssignment.objects.get(user=person)
    assert new.appointed_by == coordinator


def test_provider_approve_action(client: Client, municipality: Municipality) -> None:
    # given
    provider = provider_create(
        actor=UserFactory.create(), municipality=municipality, name="Bakker"
    )
    # when
    response = client.post(
        _url(Provider, "changelist"),
        {"action": "approve", "_selected_action": [str(provider.pk)]},
    )
    # then
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.approved_at == timezone.now()
    assert AuditEvent.objects.filter(action="vouchers.provider_approve").count() == 1


def test_every_amount_in_the_admin_forms_is_typed_in_euros() -> None:
    # given
    forms_and_fields: list[tuple[Any, list[str]]] = [
        (BudgetPeriodForm, BudgetPeriodForm.Meta.fields),
        (RegulationVersionForm, RegulationVersionForm.Meta.fields),
    ]
    # when
    amounts = {
        (form.__name__, name): type(form.base_fields[name])
        for form, fields in forms_and_fields
        for name in fields
        if name.endswith("_cents")
    }
    # then
    assert len(amounts) == 8
    assert set(amounts.values()) == {EuroField}


def test_the_paying_account_is_checked_and_saved_through_the_service(
    client: Client, municipality: Municipality
) -> None:
    # given
    url = _url(Municipality, "change", municipality.pk)
    data = {
        "name": municipality.name,
        "contact_email": "",
        "contact_phone": "",
        "website": "",
        "postal_address": "",
        "payout_account_name": "Gemeente Dijkstad",
        "payout_bic": "abnanl2a",
        # The inline of other signatories, left empty.
        "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0",
    }
    events = AuditEvent.objects.count()
    # when: a wrong IBAN comes back on the form and nothing is saved
    refused = client.post(url, {**data, "payout_iban": "NL00ABNA0123456789"})
    # then
    assert refused.status_code == 200
    assert "not a valid IBAN" in refused.content.decode()
    municipality.refresh_from_db()
    assert municipality.payout_iban == ""
    assert AuditEvent.objects.count() == events
    # when: a valid one, typed with spaces, is normalised and audited
    saved = client.post(url, {**data, "payout_iban": "nl02 abna 0123 4567 89"})
    # then
    assert saved.status_code == 302
    municipality.refresh_from_db()
    assert municipality.payout_iban == "NL02ABNA0123456789"
    assert municipality.payout_bic == "ABNANL2A"
    assert AuditEvent.objects.count() == events + 1
