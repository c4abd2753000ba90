import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood, RoleAssignment
from wijkvoucher.neighbourhoods.selectors.roles import (
    municipalities_where_user_has_role,
    user_has_role,
)
from wijkvoucher.neighbourhoods.services.roles import role_assign, role_end
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
)

pytestmark = pytest.mark.django_db

JAN_1 = dt.date(2026, 1, 1)


def _counts() -> tuple[int, int]:
    return RoleAssignment.objects.count(), AuditEvent.objects.count()


def _assign(
    user: User, role: Role, neighbourhood: Neighbourhood | None, **kwargs: object
) -> RoleAssignment:
    municipality = kwargs.pop("municipality", None) or (
        neighbourhood.municipality if neighbourhood else MunicipalityFactory.create()
    )
    actor = kwargs.pop("actor", None) or UserFactory.create()
    arguments: dict[str, Any] = {"valid_from": JAN_1, **kwargs}
    return role_assign(
        actor=actor,  # type: ignore[arg-type]
        user=user,
        role=role,
        municipality=municipality,  # type: ignore[arg-type]
        neighbourhood=neighbourhood,
        **arguments,
    )


def test_assign_steering_member() -> None:
    # given
    neighbourhood = NeighbourhoodFactory.create()
    user = UserFactory.create()
    actor = UserFactory.create()
    # when
    assignment = _assign(
        user,
        Role.STEERING_MEMBER,
        neighbourhood,
        previously_active=True,
        note=" x ",
        actor=actor,
    )
    # then
    assert assignment.appointed_by == actor
    assert assignment.previously_active is True
    assert assignment.note == "x"
    assert user_has_role(
        user=user,
        roles=[Role.STEERING_MEMBER],
        neighbourhood=neighbourhood,
        on=dt.date(2026, 3, 1),
    )
    event = AuditEvent.objects.get(action="neighbourhoods.role_assign")
    assert event.data["role"] == "steering_member"
    assert event.data["neighbourhood"] == neighbourhood.slug


def test_assign_coordinator_for_the_municipality() -> None:
    # given
    municipality = MunicipalityFactory.create()
    user = UserFactory.create()
    # when
    _assign(user, Role.COORDINATOR, None, municipality=municipality)
    # then
    assert list(
        municipalities_where_user_has_role(
            user=user, roles=[Role.COORDINATOR], on=dt.date(2026, 2, 1)
        )
    ) == [municipality]


def test_contact_official_may_be_for_a_wijk_or_municipality_wide() -> None:
    neighbourhood = NeighbourhoodFactory.create()
    user = UserFactory.create()
    _assign(user, Role.CONTACT_OFFICIAL, neighbourhood)
    _assign(user, Role.CONTACT_OFFICIAL, None, municipality=neighbourhood.municipality)
    assert RoleAssignment.objects.filter(user=user).count() == 2


@pytest.mark.parametrize(
    ("role", "with_neighbourhood", "code"),
    [
        (Role.STEERING_MEMBER, False, "neighbourhood_required"),
        (Role.STEERING_CHAIR, False, "neighbourhood_required"),
        (Role.COORDINATOR, True, "municipality_wide_role"),
        (Role.COUNCIL, True, "municipality_wide_role"),
        ("janitor", False, "invalid_role"),
    ],
)
def test_assign_scope_refusals(role: Role, with_neighbourhood: bool, code: str) -> None:
    # given
    neighbourhood = NeighbourhoodFactory.create()
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _assign(
            UserFactory.create(),
            role,
            neighbourhood if with_neighbourhood else None,
            municipality=neighbourhood.municipality,
        )
    # then
    assert exc.value.code == code
    assert _counts() == before


def test_assign_refuses_wijk_of_another_municipality() -> None:
    neighbourhood = NeighbourhoodFactory.create()
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _assign(
            UserFactory.create(),
            Role.STEERING_MEMBER,
            neighbourhood,
            municipality=MunicipalityFactory.create(slug="elders"),
        )
    assert exc.value.code == "neighbourhood_other_municipality"
    assert _counts() == before


def test_assign_refuses_end_before_start_and_inactive_people() -> None:
    neighbourhood = NeighbourhoodFactory.create()
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _assign(
            UserFactory.create(),
            Role.STEERING_MEMBER,
            neighbourhood,
            valid_until=dt.date(2025, 12, 31),
        )
    assert exc.value.code == "period_order"
    with pytest.raises(ValidationError) as exc:
        _assign(
            UserFactory.create(is_active=False), Role.STEERING_MEMBER, neighbourhood
        )
    assert exc.value.code == "user_inactive"
    assert _counts() == before


@pytest.mark.parametrize(
    ("first_until", "second_from", "second_until", "allowed"),
    [
        (None, dt.date(2027, 1, 1), None, False),
        (dt.date(2026, 6, 30), dt.date(2026, 6, 30), None, False),
        (dt.date(2026, 6, 30), dt.date(2026, 7, 1), None, True),
        (None, dt.date(2025, 1, 1), dt.date(2026, 1, 1), False),
        (None, dt.date(2025, 1, 1), dt.date(2025, 12, 31), True),
    ],
)
def test_same_role_twice_only_in_separate_periods(
    first_until: dt.date | None,
    second_from: dt.date,
    second_until: dt.date | None,
    allowed: bool,
) -> None:
    # given
    neighbourhood = NeighbourhoodFactory.create(designated_from=dt.date(2024, 1, 1))
    user = UserFactory.create()
    _assign(user, Role.STEERING_MEMBER, neighbourhood, valid_until=first_until)
    before = _counts()
    # when
    try:
        _assign(
            user,
            Role.STEERING_MEMBER,
            neighbourhood,
            valid_from=second_from,
            valid_until=second_until,
        )
        code = None
    except ValidationError as exc:
        code = exc.code
    # then
    if allowed:
        assert code is None
        assert RoleAssignment.objects.filter(user=user).count() == 2
    else:
        assert code == "role_overlap"
        assert _counts() == before


@pytest.mark.parametrize(
    ("role", "code"),
    [
        (Role.STEERING_CHAIR, "chair_taken"),
        (Role.STEERING_SECRETARY, "secretary_taken"),
    ],
)
def test_one_chair_and_one_secretary_per_wijk(role: Role, code: str) -> None:
    # given
    neighbourhood = NeighbourhoodFactory.create()
    first = _assign(UserFactory.create(full_name="Anna de Vries"), role, neighbourhood)
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _assign(
            UserFactory.create(), role, neighbourhood, valid_from=dt.date(2026, 5, 1)
        )
    # then
    assert exc.value.code == code
    assert exc.value.params is not None
    assert exc.value.params["person"] == "Anna de Vries"
    assert _counts() == before
    # and after the first one's term ends, someone else can take over
    role_end(actor=UserFactory.create(), assignment=first, on=dt.date(2026, 4, 30))
    _assign(UserFactory.create(), role, neighbourhood, valid_from=dt.date(2026, 5, 1))
    # and another wijk has its own chair and secretary
    _assign(
        UserFactory.create(),
        role,
        NeighbourhoodFactory.create(municipality=neighbourhood.municipality),
    )


def test_one_regiegroep_role_per_person() -> None:
    neighbourhood = NeighbourhoodFactory.create()
    user = UserFactory.create()
    _assign(user, Role.STEERING_MEMBER, neighbourhood)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _assign(user, Role.STEERING_CHAIR, neighbourhood)
    assert exc.value.code == "steering_role_overlap"
    assert _counts() == before


def test_role_end_sets_the_last_day() -> None:
    # given
    assignment = _assign(
        UserFactory.create(), Role.STEERING_MEMBER, NeighbourhoodFactory.create()
    )
    # when
    role_end(actor=UserFactory.create(), assignment=assignment, on=dt.date(2026, 6, 30))
    # then
    assignment.refresh_from_db()
    assert assignment.valid_until == dt.date(2026, 6, 30)
    assert user_has_role(
        user=assignment.user, roles=[Role.STEERING_MEMBER], on=dt.date(2026, 6, 30)
    )
    assert not user_has_role(
        user=assignment.user, roles=[Role.STEERING_MEMBER], on=dt.date(2026, 7, 1)
    )
    event = AuditEvent.objects.get(action="neighbourhoods.role_end")
    assert event.data == {"old_valid_until": None, "valid_until": "2026-06-30"}


@pytest.mark.parametrize(
    ("until", "on", "code"),
    [
        (None, dt.date(2025, 12, 31), "period_order"),
        (dt.date(2026, 6, 30), dt.date(2026, 6, 30), "already_ended"),
        (dt.date(2026, 6, 30), dt.date(2026, 9, 1), "already_ended"),
    ],
)
def test_role_end_refusals(until: dt.date | None, on: dt.date, code: str) -> None:
    # given
    assignment = _assign(
        UserFactory.create(),
        Role.STEERING_MEMBER,
        NeighbourhoodFactory.create(),
        valid_until=until,
    )
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        role_end(actor=UserFactory.create(), assignment=assignment, on=on)
    # then
    assert exc.value.code == code
    assert _counts() == before
    assignment.refresh_from_db()
    assert assignment.valid_until == until
