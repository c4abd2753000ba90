import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import translation

import pytest
import time_machine

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.money import NBSP
from wijkvoucher.neighbourhoods.constants import AuthorityMode, CostCategory
from wijkvoucher.neighbourhoods.models import Regulation, RegulationVersion
from wijkvoucher.neighbourhoods.selectors.regulations import (
    PARAMETER_NAMES,
    regulation_parameters,
    regulation_plain_rules,
    regulation_version_changes,
    regulation_version_in_force,
)
from wijkvoucher.neighbourhoods.services.regulations import (
    regulation_create,
    regulation_update,
    regulation_version_create,
)
from wijkvoucher.neighbourhoods.tests.factories import MunicipalityFactory

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _regulation(**parameters: Any) -> Regulation:
    return regulation_create(
        actor=UserFactory.create(),
        municipality=MunicipalityFactory.create(),
        name="Regeling wijkvouchers 2026",
        legal_basis="Art. 4:23 Awb",
        valid_from=dt.date(2026, 1, 1),
        **parameters,
    )


def _counts() -> tuple[int, int, int]:
    return (
        Regulation.objects.count(),
        RegulationVersion.objects.count(),
        AuditEvent.objects.count(),
    )


def test_create_makes_version_one_with_defaults_and_overrides() -> None:
    # given
    actor = UserFactory.create()
    # when
    regulation = regulation_create(
        actor=actor,
        municipality=MunicipalityFactory.create(),
        name=" Regeling wijkvouchers 2026 ",
        legal_basis="Art. 4:23 Awb",
        valid_from=dt.date(2026, 1, 1),
        participation_bylaw_article="art. 7",
        max_amount_per_voucher_cents=250_000,
        excluded_cost_categories=["alcohol", "commercial", "alcohol"],
    )
    # then
    assert regulation.name == "Regeling wijkvouchers 2026"
    assert regulation.participation_bylaw_article == "art. 7"
    version = regulation.versions.get()
    assert version.number == 1
    assert version.valid_from == dt.datetime(2026, 1, 1, tzinfo=AMS)
    assert version.created_by == actor
    assert version.max_amount_per_voucher_cents == 250_000
    assert version.excluded_cost_categories == ["alcohol", "commercial"]
    assert version.min_supporters == 5
    assert version.authority_mode == AuthorityMode.ADVICE
    event = AuditEvent.objects.get(action="neighbourhoods.regulation_create")
    assert event.actor == actor
    assert event.data["parameters"]["max_amount_per_voucher_cents"] == 250_000


@pytest.mark.parametrize(
    ("parameters", "code"),
    [
        ({"no_such_rule": 1}, "unknown_parameter"),
        ({"carry_over_years": 4}, "carry_over_too_long"),
        (
            {"decision_term_weeks": 9, "decision_hard_limit_weeks": 8},
            "hard_limit_before_term",
        ),
        ({"advance_max_percent": 101}, "percent_too_high"),
        ({"own_contribution_min_percent": 150}, "percent_too_high"),
        ({"excluded_cost_categories": ["alcohol", "drugs"]}, "unknown_cost_category"),
        ({"payment_modes": ["provider", "cash"]}, "unknown_payment_mode"),
        ({"payment_modes": []}, "no_payment_mode"),
        ({"public_space_request_deadline": "13-01"}, "invalid_deadline"),
        ({"public_space_request_deadline": "02-29"}, "invalid_deadline"),
        ({"public_space_request_deadline": "1001"}, "invalid_deadline"),
        ({"authority_mode": "dictator"}, "invalid_value"),
        ({"min_supporters": -1}, "invalid_value"),
        ({"residency_required": "yes"}, "invalid_value"),
        ({"hourly_fee_cap_cents": None}, "required"),
        ({"steering_group_min_size": 10}, "steering_group_size_order"),
        ({"min_amount_cents": 600_000}, "min_above_max"),
    ],
)
def test_create_refuses_invalid_parameters(
    parameters: dict[str, Any], code: str
) -> None:
    # given
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _regulation(**parameters)
    # then
    assert exc.value.code == code
    assert _counts() == before


@time_machine.travel(dt.datetime(2026, 3, 1, 10, 0, tzinfo=AMS), tick=False)
def test_version_create_copies_latest_and_applies_changes() -> None:
    # given
    regulation = _regulation(min_supporters=7)
    first = regulation.versions.get()
    actor = UserFactory.create()
    # when
    second = regulation_version_create(
        actor=actor,
        regulation=regulation,
        change_note="Raad besluit 12 februari",
        max_amount_per_voucher_cents=300_000,
    )
    # then
    assert second.number == 2
    assert second.valid_from == dt.datetime(2026, 3, 1, 10, 0, tzinfo=AMS)
    assert second.max_amount_per_voucher_cents == 300_000
    assert second.min_supporters == 7
    assert second.change_note == "Raad besluit 12 februari"
    assert second.created_by == actor
    first.refresh_from_db()
    assert first.max_amount_per_voucher_cents == 500_000
    params_first = regulation_parameters(version=first)
    params_second = regulation_parameters(version=second)
    assert {k for k in PARAMETER_NAMES if params_first[k] != params_second[k]} == {
        "max_amount_per_voucher_cents"
    }
    assert regulation_version_changes(version=second) == {
        "max_amount_per_voucher_cents": (500_000, 300_000)
    }
    event = AuditEvent.objects.get(action="neighbourhoods.regulation_version_create")
    assert event.data["diff"] == {"max_amount_per_voucher_cents": [500_000, 300_000]}
    assert event.data["number"] == 2


@time_machine.travel(dt.datetime(2025, 11, 1, 12, 0, tzinfo=AMS), tick=False)
def test_version_before_the_regulation_starts_defaults_to_its_start() -> None:
    # given: version 1 only starts on 1 January 2026
    regulation = _regulation()
    # when
    second = regulation_version_create(
        actor=UserFactory.create(),
        regulation=regulation,
        change_note="Correctie voor de start",
        min_supporters=10,
    )
    # then: it starts together with version 1 and wins because it is newer
    assert second.valid_from == dt.datetime(2026, 1, 1, tzinfo=AMS)
    in_force = regulation_version_in_force(
        regulation=regulation, at=dt.datetime(2026, 1, 1, tzinfo=AMS)
    )
    assert in_force == second


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"no_such_rule": 1}, "unknown_parameter"),
        ({}, "no_changes"),
        ({"min_supporters": 5}, "no_changes"),
        ({"min_supporters": 6, "change_note": "  "}, "change_note_required"),
        ({"carry_over_years": 5}, "carry_over_too_long"),
        (
            {
                "min_supporters": 6,
                "valid_from": dt.datetime(2026, 2, 28, tzinfo=AMS),
            },
            "valid_from_in_past",
        ),
    ],
)
@time_machine.travel(dt.datetime(2026, 3, 1, 10, 0, tzinfo=AMS), tick=False)
def test_version_create_refusals_change_nothing(
    kwargs: dict[str, Any], code: str
) -> None:
    # given
    regulation = _regulation()
    before = _counts()
    arguments: dict[str, Any] = {"change_note": "Wijziging", **kwargs}
    # when
    with pytest.raises(ValidationError) as exc:
        regulation_version_create(
            actor=UserFactory.create(), regulation=regulation, **arguments
        )
    # then
    assert exc.value.code == code
    assert _counts() == before


@time_machine.travel(dt.datetime(2026, 3, 1, 10, 0, tzinfo=AMS), tick=False)
def test_version_cannot_start_before_the_latest_version() -> None:
    # given
    regulation = _regulation()
    regulation_version_create(
        actor=UserFactory.create(),
        regulation=regulation,
        change_note="Vanaf juli",
        valid_from=dt.datetime(2026, 7, 1, tzinfo=AMS),
        min_supporters=8,
    )
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        regulation_version_create(
            actor=UserFactory.create(),
            regulation=regulation,
            change_note="Vanaf juni",
            valid_from=dt.datetime(2026, 6, 1, tzinfo=AMS),
            min_supporters=9,
        )
    # then
    assert exc.value.code == "valid_from_before_previous"
    assert _counts() == before


def test_version_in_force_across_a_change() -> None:
    # given
    with time_machine.travel(dt.datetime(2026, 2, 1, 9, 0, tzinfo=AMS), tick=False):
        regulation = _regulation()
        first = regulation.versions.get()
        second = regulation_version_create(
            actor=UserFactory.create(),
            regulation=regulation,
            change_note="Vanaf 1 april meer steun nodig",
            valid_from=dt.datetime(2026, 4, 1, tzinfo=AMS),
            min_supporters=10,
        )
    change = dt.datetime(2026, 4, 1, tzinfo=AMS)

    def at(moment: dt.datetime) -> RegulationVersion:
        return regulation_version_in_force(regulation=regulation, at=moment)

    # when / then
    assert at(dt.datetime(2026, 1, 1, tzinfo=AMS)) == first
    assert at(change - dt.timedelta(microseconds=1)) == first
    assert at(change) == second
    assert at(dt.datetime(2027, 1, 1, tzinfo=AMS)) == second
    with pytest.raises(ValidationError) as exc:
        at(dt.datetime(2025, 12, 31, 23, 59, tzinfo=AMS))
    assert exc.value.code == "no_version_in_force"


def test_versions_cannot_be_changed_or_deleted_in_the_database() -> None:
    # given
    regulation = _regulation()
    version = regulation.versions.get()
    # when / then
    with pytest.raises(DatabaseError), transaction.atomic():
        RegulationVersion.objects.filter(pk=version.pk).update(min_supporters=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        RegulationVersion.objects.filter(pk=version.pk).delete()
    version.refresh_from_db()
    assert version.min_supporters == 5


def test_regulation_update_changes_identity_only() -> None:
    # given
    regulation = _regulation()
    actor = UserFactory.create()
    # when
    regulation_update(
        actor=actor,
        regulation=regulation,
        name="Regeling wijkvouchers 2026 (gewijzigd)",
        valid_until=dt.date(2026, 12, 31),
    )
    # then
    regulation.refresh_from_db()
    assert regulation.name == "Regeling wijkvouchers 2026 (gewijzigd)"
    assert regulation.valid_until == dt.date(2026, 12, 31)
    event = AuditEvent.objects.get(action="neighbourhoods.regulation_update")
    assert event.data["diff"]["valid_until"] == [None, "2026-12-31"]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"min_supporters": 3}, "unknown_field"),
        ({"name": " "}, "required"),
        ({"valid_until": dt.date(2025, 12, 31)}, "period_order"),
    ],
)
def test_regulation_update_refusals(fields: dict[str, Any], code: str) -> None:
    # given
    regulation = _regulation()
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        regulation_update(actor=UserFactory.create(), regulation=regulation, **fields)
    # then
    assert exc.value.code == code
    assert _counts() == before
    regulation.refresh_from_db()
    assert regulation.name == "Regeling wijkvouchers 2026"
    assert regulation.valid_until is None


def _texts(version: RegulationVersion) -> str:
    with translation.override("en"):
        rules = regulation_plain_rules(version=version)
    return "\n".join(f"{rule.title}: {rule.text}" for rule in rules).replace(NBSP, " ")


def test_plain_rules_describe_the_version() -> None:
    # given
    version = _regulation().versions.get()
    # when
    text = _texts(version)
    # then
    assert "How much money: You can get at most € 5.000 per voucher." in text
    assert "Ask for the money at least 4 weeks before your activity." in text
    assert "At least 5 households from the neighbourhood support your plan." in text
    assert "We do not pay for: commercial or profit aim, private interest," in text
    assert "alcohol" in text
    assert "at most € 50 per hour" in text
    assert "The municipality decides." in text
    assert "You hear the decision within 4 weeks after your application" in text
    assert "before 1 October" in text
    assert "Carry out your plan within 12 months after the decision." in text
    assert "You contribute something yourself" in text


@time_machine.travel(dt.datetime(2026, 3, 1, 10, 0, tzinfo=AMS), tick=False)
def test_plain_rules_follow_a_changed_parameter() -> None:
    # given
    regulation = _regulation()
    # when
    second = regulation_version_create(
        actor=UserFactory.create(),
        regulation=regulation,
        change_note="Lager maximum, andere beslisser",
        max_amount_per_voucher_cents=125_050,
        min_supporters=1,
        authority_mode=AuthorityMode.MANDATE,
        lead_time_before_activity_days=10,
        own_contribution_min_percent=20,
        excluded_cost_categories=[CostCategory.ALCOHOL],
    )
    # then
    text = _texts(second)
    assert "You can get at most € 1.250,50 per voucher." in text
    assert "For one plan you can get at most € 5.000 per year." in text
    assert "At least 1 household from the neighbourhood supports your plan." in text
    assert "decides about your plan for the municipality" in text
    assert "at least 10 days before your activity" in text
    assert "at least 20% of the costs yourself" in text
    assert "We do not pay for: alcohol." in text
    assert "€ 5.000 per voucher" not in text
