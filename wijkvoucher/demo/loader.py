"""Load the demo content through the services, so that the audit trail and the ledger
are exactly what real use would have produced. Demo only: the second-factor secrets
are derived from a public seed."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

import time_machine
from PIL import Image, ImageDraw

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.services import otp_device_create_for_demo
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.services import (
    decision_issue,
    initiative_cancel,
    objection_register,
)
from wijkvoucher.demo import content as c
from wijkvoucher.demo.apikey import demo_api_key_suffix
from wijkvoucher.demo.totp import demo_totp_secret_hex
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import (
    budget_line_add,
    co_initiator_accept,
    co_initiator_invite,
    initiative_create,
    initiative_request_information,
    initiative_send,
    initiative_transition,
    initiative_update_draft,
    initiative_withdraw,
    own_contribution_add,
    support_sign,
)
from wijkvoucher.initiatives.services import participation as participation_services
from wijkvoucher.initiatives.services.sending import SendAnswers
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
from wijkvoucher.payments.constants import ClaimKind
from wijkvoucher.payments.services.claims import claim_submit
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_prepare,
)
from wijkvoucher.providers.models import Provider
from wijkvoucher.providers.services import tokens as token_services
from wijkvoucher.providers.services.memberships import provider_membership_add
from wijkvoucher.providers.services.providers import provider_create, provider_register
from wijkvoucher.providers.services.review import provider_approve
from wijkvoucher.regiegroep.models import AgendaItem, Meeting
from wijkvoucher.regiegroep.selectors import (
    conflicts_for,
    members_on,
    voting_member_ids,
)
from wijkvoucher.regiegroep.services import (
    advice_record,
    agenda_item_add,
    agenda_item_defer,
    agenda_item_open,
    assessment_record,
    attendance_record,
    conflict_declare,
    meeting_close,
    meeting_open,
    meeting_plan,
    minutes_publish,
    minutes_save,
    vote_cast,
)
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.services.issuance import vouchers_issue
from wijkvoucher.vouchers.services.redemption import redemption_create, refund_create


def demo_data_exists() -> bool:
    return Municipality.objects.filter(slug=c.MUNICIPALITY_SLUG).exists()


# The story starts this many days before the day the demo is loaded: the regeling,
# the wijken and the people exist from then on (and the regeling is in force from
# 1 January of that year, so the story fits on any day of the year).
STORY_DAYS = 80


def story_year(today: dt.date) -> int:
    """The year the demo's regeling comes into force."""
    return (today - dt.timedelta(days=STORY_DAYS)).year


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


def _by_email(email: str) -> User:
    return User.objects.get(email=email)


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


# --- The story, replayed on a moved clock ----------------------------------------------

Step = tuple[int, int, Callable[[], None]]
# Drafts are written this many days before the demo day.
DRAFT_DAYS_AGO = 3


@dataclass
class _Story:
    """What the replay has made so far, by the keys used in the content."""

    setup: _Setup
    neighbourhoods: dict[str, Neighbourhood]
    plans: dict[str, Initiative] = field(default_factory=dict)
    meetings: dict[tuple[str, int], Meeting] = field(default_factory=dict)
    items: dict[str, AgendaItem] = field(default_factory=dict)
    vouchers: dict[str, list[Voucher]] = field(default_factory=dict)
    redemptions: list[Redemption] = field(default_factory=list)

    def plan(self, key: str) -> Initiative:
        return Initiative.objects.get(pk=self.plans[key].pk)

    def official(self, slug: str) -> User:
        contact = self.neighbourhoods[slug].contact_official
        if contact is None:  # every demo wijk has one
            raise LookupError(slug)
        return contact

    def leader(self, slug: str, role: Role) -> User:
        wijk = next(w for w in c.WIJKEN if w.slug == slug)
        seat = next(s for s in wijk.steering if s.role == role)
        return _person(seat.person)

    def moment(self, days_ago: int, order: int) -> dt.datetime:
        """10:00 local time ``days_ago`` days before the demo day, plus ``order``
        minutes. Today's steps end about now."""
        day = self.setup.today - dt.timedelta(days=days_ago)
        base = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        if days_ago > 0:
            return base + dt.timedelta(minutes=order)
        now = timezone.now()
        midnight = timezone.make_aware(dt.datetime.combine(day, dt.time(0, 1)))
        moment = max(midnight, now - dt.timedelta(minutes=120))
        return min(moment + dt.timedelta(minutes=order), now)


def _submit_steps(story: _Story, spec: c.InitiativeSpec) -> list[Step]:
    slug = spec.wijk_slug
    key = spec.key

    def write() -> None:
        story.plans[key] = _draft(story.setup, spec, story.neighbourhoods[slug])

    if spec.status == InitiativeStatus.DRAFT:
        return [(DRAFT_DAYS_AGO, 10, write)]

    def submit() -> None:
        write()
        initiator = _person(spec.initiator)
        initiative_send(
            actor=initiator,
            initiative=story.plan(key),
            answers=SendAnswers(
                full_name=initiator.full_name,
                of_age=True,
                publish_initiator_name=initiator.consent_publish_name,
            ),
        )
        for person in spec.co_initiators:
            _co_initiator(story.plan(key), _person(spec.initiator), _person(person))

    def sign() -> None:
        for person in spec.supporters:
            support_sign(
                actor=_person(person), initiative=story.plan(key), stance="for"
            )

    steps: list[Step] = [(spec.submitted_days_ago, 10, submit)]
    if spec.supporters:
        steps.append((spec.submitted_days_ago - 1, 5, sign))
    return steps + _official_steps(story, spec)


def _official_steps(story: _Story, spec: c.InitiativeSpec) -> list[Step]:
    """The contact official asks for information or marks the plan as checked."""
    slug = spec.wijk_slug
    key = spec.key
    steps: list[Step] = []
    if spec.information_request:

        def ask() -> None:
            initiative_request_information(
                actor=story.official(slug),
                initiative=story.plan(key),
                message=spec.information_request,
            )

        steps.append((spec.information_requested_days_ago, 30, ask))
    if spec.checked_days_ago is not None:

        def check() -> None:
            initiative_transition(
                actor=story.official(slug),
                initiative=story.plan(key),
                to=InitiativeStatus.CHECKED,
            )

        steps.append((spec.checked_days_ago, 30, check))
    return steps


def _co_initiator(initiative: Initiative, initiator: User, person: User) -> None:
    """Invite and accept at once. The token normally exists only in the invitation
    e-mail; here the service gets a known one, so the loader can accept."""
    token = f"demo-{initiative.uuid.hex}-{person.pk}"
    fixed = SimpleNamespace(token_urlsafe=lambda _n=0: token)
    with mock.patch.object(participation_services, "secrets", fixed):
        co_initiator_invite(
            actor=initiator, initiative=initiative, email=person.email or ""
        )
    co_initiator_accept(actor=person, token=token)


def _meeting_steps(story: _Story, spec: c.MeetingSpec) -> list[Step]:
    slug = spec.wijk_slug
    ref = (slug, spec.held_days_ago)

    def plan() -> None:
        story.meetings[ref] = meeting_plan(
            actor=story.leader(slug, Role.STEERING_SECRETARY),
            neighbourhood=story.neighbourhoods[slug],
            held_on=story.setup.today - dt.timedelta(days=spec.held_days_ago),
            starts_at_time=dt.time(19, 30),
        )

    def agenda() -> None:
        for item in spec.items:
            story.items[item.key] = agenda_item_add(
                actor=story.leader(slug, Role.STEERING_SECRETARY),
                meeting=story.meetings[ref],
                initiative=story.plan(item.key),
            )

    steps: list[Step] = [(spec.planned_days_ago, 1, plan)]
    if spec.items:
        steps.append((spec.agenda_days_ago, 40, agenda))
    if spec.held_days_ago < 0:
        return steps
    return steps + _meeting_day_steps(story, spec)


def _meeting_day_steps(story: _Story, spec: c.MeetingSpec) -> list[Step]:
    """The meeting itself; for a past meeting also closing it and the minutes."""
    slug = spec.wijk_slug
    ref = (slug, spec.held_days_ago)

    def hold() -> None:
        meeting = story.meetings[ref]
        present = [
            m.user
            for m in members_on(neighbourhood=meeting.neighbourhood, on=meeting.held_on)
            if m.user.email not in spec.absent
        ]
        attendance_record(
            actor=story.leader(slug, Role.STEERING_SECRETARY),
            meeting=meeting,
            present=present,
        )
        meeting = meeting_open(
            actor=story.leader(slug, Role.STEERING_CHAIR), meeting=meeting
        )
        for item in spec.items:
            _discuss(
                story, meeting, item, present, story.leader(slug, Role.STEERING_CHAIR)
            )

    steps: list[Step] = [(spec.held_days_ago, 50, hold)]
    if not spec.minutes:
        return steps

    def close() -> None:
        meeting = meeting_close(
            actor=story.leader(slug, Role.STEERING_CHAIR), meeting=story.meetings[ref]
        )
        minutes_save(
            actor=story.leader(slug, Role.STEERING_SECRETARY),
            meeting=meeting,
            minutes=spec.minutes,
        )

    def publish() -> None:
        minutes_publish(
            actor=story.leader(slug, Role.STEERING_CHAIR), meeting=story.meetings[ref]
        )

    steps += [(spec.held_days_ago, 90, close), (spec.held_days_ago - 2, 20, publish)]
    return steps


def _discuss(
    story: _Story, meeting: Meeting, spec: c.Item, present: list[User], chair: User
) -> None:
    """One agenda item: interests, each member's judgement, the discussion, the
    votes and the advice (or deferral)."""
    item = AgendaItem.objects.get(pk=story.items[spec.key].pk)
    if spec.outcome == "defer":
        agenda_item_defer(
            actor=chair,
            agenda_item=item,
            reason_code=spec.reason_code,
            motivation=spec.motivation,
        )
        return
    voters = voting_member_ids(meeting=meeting)
    detected = conflicts_for(agenda_item=item)
    declared = {email: (kind, note) for email, kind, note in spec.declared}
    eligible: list[User] = []
    for member in present:
        if member.pk not in voters:
            continue
        kind, note = declared.get(member.email or "", ("", ""))
        conflict = member.pk in detected or bool(kind)
        conflict_declare(
            actor=chair,
            agenda_item=item,
            member=member,
            has_conflict=conflict,
            kind=kind,
            note=note,
        )
        if not conflict:
            eligible.append(member)
    for member in eligible:
        assessment_record(
            actor=member, agenda_item=item, opinion=_choice(spec, member, judge=True)
        )
    item = agenda_item_open(actor=chair, agenda_item=item)
    if spec.outcome == "open":
        return
    if not spec.by_consensus:
        for member in eligible:
            vote_cast(actor=member, agenda_item=item, choice=_choice(spec, member))
    advice_record(
        actor=chair,
        agenda_item=item,
        outcome=spec.outcome,
        motivation=spec.motivation,
        amount_cents=spec.amount_cents,
        reason_code=spec.reason_code,
        conditions=spec.conditions,
        by_consensus=spec.by_consensus,
    )


def _choice(spec: c.Item, member: User, *, judge: bool = False) -> str:
    """A member's vote (or, with ``judge``, their opinion beforehand)."""
    if member.email in spec.against:
        return "against"
    if member.email in spec.abstain:
        return "partly" if judge else "abstain"
    if judge and spec.outcome == "partly_award":
        return "partly"
    return "for"


def _decision_steps(story: _Story) -> list[Step]:
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = []
    for decided in c.DECISIONS:

        def issue(decided: c.DecisionSpec = decided) -> None:
            initiative = story.plan(decided.key)
            slug = specs[decided.key].wijk_slug
            if initiative.status == InitiativeStatus.INFORMATION_REQUESTED:
                decision_issue(
                    actor=story.official(slug),
                    initiative=initiative,
                    outcome="not_processed",
                    reason_code="other",
                    motivation=decided.motivation,
                )
                return
            advice = initiative.advices.order_by("-pk").first()
            if advice is None:  # the meeting gave it
                raise LookupError(decided.key)
            decision_issue(
                actor=story.official(slug),
                initiative=initiative,
                outcome=advice.outcome,
                amount_cents=advice.amount_cents,
                reason_code=advice.reason_code,
                motivation=decided.motivation or advice.motivation,
                public_explanation=decided.public_explanation,
                conditions=advice.conditions,
            )

        steps.append((decided.days_ago, 60, issue))
    return steps


def _follow_up_steps(story: _Story) -> list[Step]:
    """After the decisions: execution, a cancellation, a withdrawal, an objection."""
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = []
    for key, days_ago, reason, motivation in c.CANCELLATIONS:

        def cancel(
            key: str = key, reason: str = reason, text: str = motivation
        ) -> None:
            initiative_cancel(
                actor=_person(specs[key].initiator),
                initiative=story.plan(key),
                reason_code=reason,
                motivation=text,
            )

        steps.append((days_ago, 60, cancel))
    for key, days_ago, motivation in c.WITHDRAWALS:

        def withdraw(key: str = key, text: str = motivation) -> None:
            initiative_withdraw(
                actor=_person(specs[key].initiator),
                initiative=story.plan(key),
                motivation=text,
            )

        steps.append((days_ago, 60, withdraw))
    for key, received, registered, grounds in c.OBJECTIONS:

        def object_(
            key: str = key, received: int = received, text: str = grounds
        ) -> None:
            decision = Decision.objects.get(initiative=story.plan(key))
            objection_register(
                actor=story.official(specs[key].wijk_slug),
                decision=decision,
                received_on=story.setup.today - dt.timedelta(days=received),
                objector_name=specs[key].initiator.full_name,
                grounds=text,
            )

        steps.append((registered, 60, object_))
    return steps


# --- The money after the award ----------------------------------------------------------


def _provider(name: str) -> Provider:
    return Provider.objects.get(municipality__slug=c.MUNICIPALITY_SLUG, name=name)


def _provider_user(name: str) -> User:
    spec = next(p for p in c.PROVIDERS if p.name == name)
    return _person(spec.user)


def _api_token() -> None:
    """The API provider's key, from the public demo seed (see ``demo.apikey``)."""
    suffix = demo_api_key_suffix(c.API_PROVIDER)
    fixed = SimpleNamespace(token_urlsafe=lambda _n=0: suffix)
    with mock.patch.object(token_services, "secrets", fixed):
        token_services.api_token_create(
            actor=_provider_user(c.API_PROVIDER),
            provider=_provider(c.API_PROVIDER),
            name=c.API_TOKEN_NAME,
        )


def _receipt(name: str) -> SimpleUploadedFile:
    """A small photo of a receipt, made in memory."""
    image = Image.new("RGB", (240, 320), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), "Kwekerij De Dijkweg", fill="black")
    draw.text((20, 60), "Wilgentenen  34,75", fill="black")
    draw.text((20, 100), "Contant betaald", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _money_steps(story: _Story) -> list[Step]:
    """The API key, vouchers, purchases at providers (portal and API), a refund."""
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = [(c.API_TOKEN_DAYS_AGO, 5, _api_token)]
    for issue in c.VOUCHER_ISSUES:

        def issue_(issue: c.VoucherIssue = issue) -> None:
            story.vouchers[issue.key] = vouchers_issue(
                actor=story.official(specs[issue.key].wijk_slug),
                initiative=story.plan(issue.key),
                amounts_cents=list(issue.amounts_cents),
            )

        steps.append((issue.days_ago, 60, issue_))
    for bought in c.REDEMPTIONS:

        def redeem(bought: c.RedemptionSpec = bought) -> None:
            voucher = story.vouchers[bought.key][bought.voucher - 1]
            story.redemptions.append(
                redemption_create(
                    actor=_provider_user(bought.provider),
                    provider=_provider(bought.provider),
                    code=voucher.code,
                    amount_cents=bought.amount_cents,
                    description=bought.description,
                    reference=bought.reference,
                    channel=Channel(bought.channel),
                )
            )

        steps.append((bought.days_ago, 120, redeem))
    for refund in c.REFUNDS:

        def pay_back(refund: c.RefundSpec = refund) -> None:
            redemption = story.redemptions[refund.redemption]
            refund_create(
                actor=_provider_user(redemption.provider.name),
                redemption=redemption,
                amount_cents=refund.amount_cents,
                reason=refund.reason,
                channel=Channel.PORTAL,
            )

        steps.append((refund.days_ago, 130, pay_back))
    return steps


def _claim_and_payout_steps(story: _Story) -> list[Step]:
    """A reimbursement waiting for approval and an approved payout batch."""
    specs = {spec.key: spec for spec in c.INITIATIVES}
    steps: list[Step] = []
    for claim in c.CLAIMS:

        def submit(claim: c.ClaimSpec = claim) -> None:
            initiative = story.plan(claim.key)
            claim_submit(
                actor=_person(specs[claim.key].initiator),
                initiative=initiative,
                kind=ClaimKind.REIMBURSEMENT,
                amount_cents=claim.amount_cents,
                description=claim.description,
                payee_name=claim.payee_name,
                iban=claim.iban,
                budget_line=initiative.budget_lines.get(description=claim.budget_line),
                files=[_receipt(claim.receipt_name)],
            )

        steps.append((claim.days_ago, 140, submit))

    def prepare() -> None:
        payout_batch_prepare(
            actor=_person(c.CASH_MANAGER),
            municipality=story.setup.municipality,
            execution_date=story.setup.today
            + dt.timedelta(days=c.PAYOUT_EXECUTION_IN_DAYS),
        )

    def approve() -> None:
        batch = story.setup.municipality.payout_batches.get()
        payout_batch_approve(actor=_person(c.SECOND_CASH_MANAGER), batch=batch)

    steps.append((c.PAYOUT_PREPARED_DAYS_AGO, 150, prepare))
    steps.append((c.PAYOUT_APPROVED_DAYS_AGO, 150, approve))
    return steps


def _replay(story: _Story) -> None:
    """Run every step of the story in time order, each on the clock of its moment."""
    steps: list[Step] = []
    for spec in c.INITIATIVES:
        steps += _submit_steps(story, spec)
    for meeting in c.MEETINGS:
        steps += _meeting_steps(story, meeting)
    steps += _decision_steps(story)
    steps += _follow_up_steps(story)
    steps += _money_steps(story)
    steps += _claim_and_payout_steps(story)
    for days_ago, order, run in sorted(steps, key=lambda s: (-s[0], s[1])):
        with time_machine.travel(story.moment(days_ago, order), tick=False):
            run()


def demo_load(*, today: dt.date | None = None) -> bool:
    """Create the demo data. Returns False, changing nothing, when it already exists.
    The story is told relative to ``today`` (default: the real today)."""
    with transaction.atomic():
        if demo_data_exists():
            return False
        day = today or timezone.localdate()
        year = story_year(day)
        story_start = timezone.make_aware(
            dt.datetime.combine(day - dt.timedelta(days=STORY_DAYS), dt.time(9, 0))
        )
        with time_machine.travel(story_start, tick=False):
            setup = _start(year, day)
            neighbourhoods = {wijk.slug: _wijk(setup, wijk) for wijk in c.WIJKEN}
            _providers(setup, neighbourhoods)
            _pending_application(setup, neighbourhoods)
        _replay(_Story(setup, neighbourhoods))
    return True
