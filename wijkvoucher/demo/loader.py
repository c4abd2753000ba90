"""Load the demo content through the services, so that the audit trail and the ledger
are exactly what real use would have produced. Demo only: the second-factor secrets
are derived from a public seed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.services import otp_device_create_for_demo
from wijkvoucher.demo import content as c
from wijkvoucher.demo.totp import demo_totp_secret_hex
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import (
    budget_line_add,
    initiative_create,
    initiative_request_information,
    initiative_submit,
    initiative_transition,
    initiative_update_draft,
    own_contribution_add,
)
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood, Regulation
from wijkvoucher.neighbourhoods.services.addresses import (
    address_add,
    address_confirm_residency,
    resident_register_assisted,
)
from wijkvoucher.neighbourhoods.services.budgets import (
    budget_period_create,
    budget_period_publish,
)
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    municipality_create,
    neighbourhood_create,
)
from wijkvoucher.neighbourhoods.services.regulations import (
    regulation_create,
    start_of_day,
)
from wijkvoucher.neighbourhoods.services.roles import role_assign
from wijkvoucher.vouchers.services import (
    provider_approve,
    provider_create,
    provider_membership_add,
)


def demo_data_exists() -> bool:
    return Municipality.objects.filter(slug=c.MUNICIPALITY_SLUG).exists()


@dataclass
class _Setup:
    coordinator: User
    municipality: Municipality
    regulation: Regulation
    year: int

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.year, 1, 1)


def _user(person: c.Person, *, is_staff: bool = False, official: bool = False) -> User:
    user = User.objects.create_user(
        person.email or "",
        full_name=person.full_name,
        phone=person.phone,
        consent_publish_name=person.consent_publish_name,
        is_staff=is_staff,
    )
    if official and person.email:
        otp_device_create_for_demo(
            user=user, secret_hex=demo_totp_secret_hex(person.email)
        )
    return user


def _municipal_role(setup: _Setup, user: User, role: Role) -> None:
    role_assign(
        actor=setup.coordinator,
        user=user,
        role=role,
        municipality=setup.municipality,
        valid_from=setup.year_start,
    )


def _start(year: int) -> _Setup:
    coordinator = _user(c.COORDINATOR, is_staff=True, official=True)
    municipality = municipality_create(actor=coordinator, **c.MUNICIPALITY)
    role_assign(
        actor=coordinator,
        user=coordinator,
        role=Role.COORDINATOR,
        municipality=municipality,
        valid_from=dt.date(year, 1, 1),
        note="Functioneel beheerder wijkvouchers",
    )
    regulation = regulation_create(
        actor=coordinator,
        municipality=municipality,
        name=f"Regeling wijkvouchers Dijkstad {year}",
        legal_basis=c.REGULATION_LEGAL_BASIS,
        valid_from=dt.date(year, 1, 1),
        participation_bylaw_article=c.REGULATION_BYLAW_ARTICLE,
        **c.REGULATION_PARAMETERS,
    )
    setup = _Setup(coordinator, municipality, regulation, year)
    _municipal_role(setup, _user(c.CASH_MANAGER, official=True), Role.CASH_MANAGER)
    _municipal_role(setup, _user(c.COUNCIL_MEMBER, official=True), Role.COUNCIL)
    return setup


def _budget_periods(setup: _Setup, wijk: c.Wijk, neighbourhood: Neighbourhood) -> None:
    year = setup.year
    current = budget_period_create(
        actor=setup.coordinator,
        neighbourhood=neighbourhood,
        name=str(year),
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
        ceiling_cents=wijk.ceiling_this_year_cents,
        publication_date=dt.date(year - 1, 12, 1),
    )
    budget_period_publish(actor=setup.coordinator, budget_period=current)
    budget_period_create(
        actor=setup.coordinator,
        neighbourhood=neighbourhood,
        name=str(year + 1),
        starts_on=dt.date(year + 1, 1, 1),
        ends_on=dt.date(year + 1, 12, 31),
        ceiling_cents=wijk.ceiling_next_year_cents,
        publication_date=dt.date(year, 12, 1),
    )


def _home(
    user: User, home: c.Home, *, confirmed: bool, confirmed_by: User | None
) -> None:
    address = address_add(
        actor=user,
        user=user,
        postcode=home.postcode,
        house_number=home.house_number,
        house_letter=home.house_letter,
        house_number_addition=home.addition,
        street=home.street,
        city=c.CITY,
    )
    if confirmed and confirmed_by is not None:
        address_confirm_residency(actor=confirmed_by, address=address)


def _steering_group(
    setup: _Setup, wijk: c.Wijk, neighbourhood: Neighbourhood, official: User
) -> None:
    for seat in wijk.steering:
        user = _user(seat.person, official=True)
        if seat.home is not None:
            _home(user, seat.home, confirmed=True, confirmed_by=official)
        role_assign(
            actor=setup.coordinator,
            user=user,
            role=seat.role,
            municipality=setup.municipality,
            neighbourhood=neighbourhood,
            valid_from=setup.year_start,
            valid_until=dt.date(setup.year + 1, 12, 31),
            previously_active=seat.previously_active,
            note=seat.note,
        )


def _residents(wijk: c.Wijk, official: User) -> None:
    for resident in wijk.residents:
        user = _user(resident.person)
        _home(user, resident.home, confirmed=resident.confirmed, confirmed_by=official)
    for resident in wijk.assisted:
        resident_register_assisted(
            actor=official,
            full_name=resident.person.full_name,
            email=resident.person.email,
            phone=resident.person.phone,
            postcode=resident.home.postcode,
            house_number=resident.home.house_number,
            house_letter=resident.home.house_letter,
            house_number_addition=resident.home.addition,
            street=resident.home.street,
            city=c.CITY,
        )


def _wijk(setup: _Setup, wijk: c.Wijk) -> Neighbourhood:
    official = _user(wijk.contact_official, official=True)
    neighbourhood = neighbourhood_create(
        actor=setup.coordinator,
        municipality=setup.municipality,
        regulation=setup.regulation,
        name=wijk.name,
        slug=wijk.slug,
        population=wijk.population,
        designated_from=setup.year_start,
        postcode_ranges=list(wijk.postcode_ranges),
        description=wijk.description,
        contact_official=official,
        meeting_place=wijk.meeting_place,
    )
    role_assign(
        actor=setup.coordinator,
        user=official,
        role=Role.CONTACT_OFFICIAL,
        municipality=setup.municipality,
        neighbourhood=neighbourhood,
        valid_from=setup.year_start,
    )
    _budget_periods(setup, wijk, neighbourhood)
    _steering_group(setup, wijk, neighbourhood, official)
    _residents(wijk, official)
    return neighbourhood


def _providers(setup: _Setup, neighbourhoods: dict[str, Neighbourhood]) -> None:
    for spec in c.PROVIDERS:
        provider = provider_create(
            actor=setup.coordinator,
            municipality=setup.municipality,
            name=spec.name,
            kvk_number=spec.kvk_number,
            iban=spec.iban,
            street_address=spec.street_address,
            postcode=spec.postcode,
            city=c.CITY,
            neighbourhoods=[neighbourhoods[slug] for slug in spec.wijk_slugs],
            description=spec.description,
        )
        provider_approve(actor=setup.coordinator, provider=provider)
        provider_membership_add(
            actor=setup.coordinator,
            provider=provider,
            user=_user(spec.user, official=True),
            valid_from=setup.year_start,
        )


def _person(person: c.Person) -> User:
    return User.objects.get(email=person.email)


def _submitted_at(setup: _Setup, days_ago: int) -> dt.datetime:
    """``days_ago`` days before now, but not before the regeling came into force (in
    early January an "overdue" plan therefore is not overdue yet)."""
    moment = timezone.now() - dt.timedelta(days=days_ago)
    return max(moment, start_of_day(setup.year_start))


def _draft(
    setup: _Setup, spec: c.InitiativeSpec, neighbourhood: Neighbourhood
) -> Initiative:
    initiator = _person(spec.initiator)
    initiative = initiative_create(
        actor=initiator, neighbourhood=neighbourhood, title=spec.title
    )
    year = setup.year + 1
    initiative = initiative_update_draft(
        actor=initiator,
        initiative=initiative,
        summary=spec.summary,
        description=spec.description,
        goals=[goal.value for goal in spec.goals],
        target_group=spec.target_group,
        location_text=spec.location_text,
        starts_on=dt.date(year, *spec.starts),
        ends_on=dt.date(year, *spec.ends),
        food_drink_motivation=spec.food_drink_motivation,
    )
    for line in spec.costs:
        budget_line_add(
            actor=initiator,
            initiative=initiative,
            description=line.description,
            category=line.category.value,
            amount_cents=line.amount_cents,
            hours=line.hours,
            provider_name=line.provider_name,
        )
    for contribution in spec.contributions:
        own_contribution_add(
            actor=initiator,
            initiative=initiative,
            kind=contribution.kind.value,
            description=contribution.description,
            amount_cents=contribution.amount_cents,
            hours=contribution.hours,
        )
    return initiative


def _initiatives(setup: _Setup, neighbourhoods: dict[str, Neighbourhood]) -> None:
    """The residents' plans, each taken as far as its spec says. The contact official
    of the wijk takes the official steps."""
    officials = {wijk.slug: _person(wijk.contact_official) for wijk in c.WIJKEN}
    for spec in c.INITIATIVES:
        initiative = _draft(setup, spec, neighbourhoods[spec.wijk_slug])
        if spec.status == InitiativeStatus.DRAFT:
            continue
        initiative = initiative_submit(
            actor=initiative.initiator,
            initiative=initiative,
            at=_submitted_at(setup, spec.submitted_days_ago),
        )
        official = officials[spec.wijk_slug]
        if spec.status == InitiativeStatus.INFORMATION_REQUESTED:
            initiative_request_information(
                actor=official, initiative=initiative, message=spec.information_request
            )
        elif spec.status != InitiativeStatus.SUBMITTED:
            initiative_transition(actor=official, initiative=initiative, to=spec.status)


def demo_load(*, year: int | None = None) -> bool:
    """Create the demo data. Returns False, changing nothing, when it already exists."""
    with transaction.atomic():
        if demo_data_exists():
            return False
        setup = _start(year or timezone.localdate().year)
        neighbourhoods = {wijk.slug: _wijk(setup, wijk) for wijk in c.WIJKEN}
        _providers(setup, neighbourhoods)
        _initiatives(setup, neighbourhoods)
    return True
