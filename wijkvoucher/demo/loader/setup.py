"""The demo's cast and places: the municipality, its regeling and wijken, the people and their roles, providers and drafts."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import Image, ImageDraw

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.services import otp_device_create_for_demo
from wijkvoucher.demo import content as c
from wijkvoucher.demo.totp import demo_totp_secret_hex
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import (
    budget_line_add,
    initiative_create,
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
from wijkvoucher.neighbourhoods.services.documents import municipality_logo_set
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    municipality_create,
    municipality_update,
    neighbourhood_create,
)
from wijkvoucher.neighbourhoods.services.regulations import regulation_create
from wijkvoucher.neighbourhoods.services.roles import role_assign
from wijkvoucher.providers.services.memberships import provider_membership_add
from wijkvoucher.providers.services.providers import provider_create
from wijkvoucher.providers.services.registration import provider_register
from wijkvoucher.providers.services.review import provider_approve


@dataclass
class _Setup:
    coordinator: User
    municipality: Municipality
    regulation: Regulation
    year: int
    today: dt.date

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


def _start(year: int, today: dt.date) -> _Setup:
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
    setup = _Setup(coordinator, municipality, regulation, year, today)
    _municipal_role(setup, _user(c.CASH_MANAGER, official=True), Role.CASH_MANAGER)
    _municipal_role(
        setup, _user(c.SECOND_CASH_MANAGER, official=True), Role.CASH_MANAGER
    )
    _payout_account(setup)
    _municipal_role(setup, _user(c.COUNCIL_MEMBER, official=True), Role.COUNCIL)
    municipality_logo_set(
        actor=coordinator, municipality=municipality, file=_demo_logo()
    )
    _municipal_role(
        setup, _user(c.MUNICIPAL_CONTACT_OFFICIAL, official=True), Role.CONTACT_OFFICIAL
    )
    return setup


def _demo_logo() -> SimpleUploadedFile:
    """Dijkstad's logo, drawn here: a dike over water in a blue shield."""
    image = Image.new("RGBA", (300, 300), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, 290, 290), radius=48, fill=(0, 70, 140, 255))
    draw.polygon(
        [(40, 170), (110, 90), (190, 90), (260, 170)], fill=(120, 190, 90, 255)
    )
    for top in (185, 220, 255):
        for left in range(40, 260, 55):
            draw.arc((left, top, left + 55, top + 30), 200, 340, fill="white", width=8)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("dijkstad.png", out.getvalue(), content_type="image/png")


def _payout_account(setup: _Setup) -> None:
    """The paying account (SEPA debtor) of the municipality's payout batches."""
    setup.municipality = municipality_update(
        actor=setup.coordinator,
        municipality=setup.municipality,
        **c.MUNICIPALITY_PAYOUT_ACCOUNT,
    )


def _budget_periods(setup: _Setup, wijk: c.Wijk, neighbourhood: Neighbourhood) -> None:
    """One period per calendar year from the regeling's first year up to the year
    after today; the ones that have started are published."""
    this_year = setup.today.year
    for year in range(setup.year, this_year + 2):
        period = budget_period_create(
            actor=setup.coordinator,
            neighbourhood=neighbourhood,
            name=str(year),
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            ceiling_cents=(
                wijk.ceiling_next_year_cents
                if year > this_year
                else wijk.ceiling_this_year_cents
            ),
            publication_date=dt.date(year - 1, 12, 1),
        )
        if year <= this_year:
            budget_period_publish(actor=setup.coordinator, budget_period=period)


def _home(
    user: User,
    home: c.Home,
    *,
    confirmed: bool,
    confirmed_by: User | None,
    birth_date: dt.date | None = None,
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
        address_confirm_residency(
            actor=confirmed_by, address=address, birth_date=birth_date
        )


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
        _home(
            user,
            resident.home,
            confirmed=resident.confirmed,
            confirmed_by=official,
            birth_date=resident.birth_date,
        )
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
            birth_date=resident.birth_date,
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


def _pending_application(
    setup: _Setup, neighbourhoods: dict[str, Neighbourhood]
) -> None:
    """A business a resident signed up, waiting for the coordinator's review."""
    spec = c.PENDING_PROVIDER
    provider_register(
        actor=_person(spec.user),
        municipality=setup.municipality,
        name=spec.name,
        kvk_number=spec.kvk_number,
        iban=spec.iban,
        street_address=spec.street_address,
        postcode=spec.postcode,
        city=c.CITY,
        neighbourhoods=[neighbourhoods[slug] for slug in spec.wijk_slugs],
        categories=["services", "rental"],
        description=spec.description,
        email="info@fietsenmakerspaak.example.nl",
    )


def _person(person: c.Person) -> User:
    return User.objects.get(email=person.email)


def _draft(
    setup: _Setup, spec: c.InitiativeSpec, neighbourhood: Neighbourhood
) -> Initiative:
    initiator = _person(spec.initiator)
    initiative = initiative_create(
        actor=initiator, neighbourhood=neighbourhood, title=spec.title
    )
    starts_on = setup.today + dt.timedelta(days=spec.starts_in_days)
    initiative = initiative_update_draft(
        actor=initiator,
        initiative=initiative,
        summary=spec.summary,
        description=spec.description,
        goals=[goal.value for goal in spec.goals],
        target_group=spec.target_group,
        location_text=spec.location_text,
        uses_public_space=spec.uses_public_space,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=spec.lasts_days),
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
