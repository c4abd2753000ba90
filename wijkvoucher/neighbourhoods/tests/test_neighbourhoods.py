import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.models import Municipality, Neighbourhood, PostcodeRange
from wijkvoucher.neighbourhoods.services.neighbourhoods import (
    municipality_create,
    municipality_update,
    neighbourhood_create,
    neighbourhood_update,
    postcode_normalise,
    postcode_range_add,
    postcode_range_remove,
)
from wijkvoucher.neighbourhoods.tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    PostcodeRangeFactory,
    RegulationFactory,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Municipality.objects.count(),
        Neighbourhood.objects.count(),
        PostcodeRange.objects.count(),
        AuditEvent.objects.count(),
    )


def _create(**overrides: object) -> Neighbourhood:
    regulation = RegulationFactory.create()
    arguments: dict[str, Any] = {
        "actor": UserFactory.create(),
        "municipality": regulation.municipality,
        "regulation": regulation,
        "name": "Oosterpark",
        "slug": "oosterpark",
        "population": 9500,
        "designated_from": dt.date(2026, 1, 1),
        "postcode_ranges": [("1091 aa", "1091zz"), ("1092AA", "1092 ZZ")],
    }
    arguments.update(overrides)
    return neighbourhood_create(**arguments)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1234 ab", "1234AB"), (" 1234AB ", "1234AB"), ("1234  zz", "1234ZZ")],
)
def test_postcode_normalise(value: str, expected: str) -> None:
    assert postcode_normalise(value) == expected


@pytest.mark.parametrize("value", ["0123AB", "123AB", "1234A", "1234 A1", ""])
def test_postcode_normalise_refuses(value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        postcode_normalise(value)
    assert exc.value.code == "invalid_postcode"


def test_municipality_create() -> None:
    # given
    actor = UserFactory.create()
    # when
    municipality = municipality_create(
        actor=actor,
        name="Gemeente Polderdam",
        slug="polderdam",
        contact_email="info@polderdam.example.nl",
    )
    # then
    assert municipality.contact_email == "info@polderdam.example.nl"
    event = AuditEvent.objects.get(action="neighbourhoods.municipality_create")
    assert event.actor == actor
    assert event.data["slug"] == "polderdam"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"slug": "dijkstad"}, "slug_taken"),
        ({"slug": "polderdam", "favourite_colour": "blue"}, "unknown_field"),
        ({"slug": "polderdam", "contact_email": "not-an-address"}, "invalid"),
        ({"slug": "polder dam"}, "invalid"),
    ],
)
def test_municipality_create_refusals(kwargs: dict[str, str], code: str) -> None:
    # given
    MunicipalityFactory.create(slug="dijkstad")
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        municipality_create(
            actor=UserFactory.create(), name="Gemeente Polderdam", **kwargs
        )
    # then
    assert exc.value.code == code
    assert _counts() == before


def test_municipality_update_records_the_diff() -> None:
    # given
    municipality = MunicipalityFactory.create()
    # when
    municipality_update(
        actor=UserFactory.create(), municipality=municipality, contact_phone="14 078"
    )
    # then
    municipality.refresh_from_db()
    assert municipality.contact_phone == "14 078"
    event = AuditEvent.objects.get(action="neighbourhoods.municipality_update")
    assert event.data == {"diff": {"contact_phone": ["", "14 078"]}}


def test_municipality_slug_cannot_change() -> None:
    municipality = MunicipalityFactory.create()
    with pytest.raises(ValidationError) as exc:
        municipality_update(
            actor=UserFactory.create(), municipality=municipality, slug="x"
        )
    assert exc.value.code == "unknown_field"


def test_neighbourhood_create_with_normalised_ranges() -> None:
    # when
    neighbourhood = _create(description=" Rond het park ")
    # then
    assert neighbourhood.description == "Rond het park"
    ranges = list(neighbourhood.postcode_ranges.values_list("start", "end"))
    assert ranges == [("1091AA", "1091ZZ"), ("1092AA", "1092ZZ")]
    event = AuditEvent.objects.get(action="neighbourhoods.neighbourhood_create")
    assert event.data["postcode_ranges"] == [["1091AA", "1091ZZ"], ["1092AA", "1092ZZ"]]
    assert (
        AuditEvent.objects.filter(action="neighbourhoods.postcode_range_add").count()
        == 2
    )


def test_neighbourhood_create_refuses_overlap_with_another_wijk() -> None:
    # given
    regulation = RegulationFactory.create()
    other = NeighbourhoodFactory.create(
        municipality=regulation.municipality, regulation=regulation, name="Westwijk"
    )
    PostcodeRangeFactory.create(neighbourhood=other, start="1092MA", end="1092MZ")
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        neighbourhood_create(
            actor=UserFactory.create(),
            municipality=regulation.municipality,
            regulation=regulation,
            name="Oosterpark",
            slug="oosterpark",
            population=9500,
            designated_from=dt.date(2026, 1, 1),
            postcode_ranges=[("1091AA", "1091ZZ"), ("1092AA", "1092ZZ")],
        )
    # then
    assert exc.value.code == "postcode_overlap"
    assert exc.value.params is not None
    assert exc.value.params["wijk"] == "Westwijk"
    assert "Westwijk" in exc.value.messages[0]
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"slug": "taken"}, "slug_taken"),
        ({"designated_until": dt.date(2026, 1, 1)}, "designation_order"),
        ({"postcode_ranges": [("1091ZZ", "1091AA")]}, "postcode_range_order"),
        ({"postcode_ranges": [("1091AA", "nonsense")]}, "invalid_postcode"),
        (
            {"postcode_ranges": [("1091AA", "1091ZZ"), ("1091MA", "1091MZ")]},
            "postcode_overlap",
        ),
    ],
)
def test_neighbourhood_create_refusals(overrides: dict[str, Any], code: str) -> None:
    # given
    NeighbourhoodFactory.create(slug="taken")
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _create(**overrides)
    # then
    assert exc.value.code == code
    assert _counts() == before


def test_neighbourhood_create_refuses_regulation_of_another_municipality() -> None:
    # given
    regulation = RegulationFactory.create(
        municipality=MunicipalityFactory.create(slug="elders")
    )
    municipality = MunicipalityFactory.create()
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        _create(municipality=municipality, regulation=regulation)
    # then
    assert exc.value.code == "regulation_other_municipality"
    assert _counts() == before


def test_same_postcodes_in_another_municipality_are_fine() -> None:
    # given
    elsewhere = NeighbourhoodFactory.create(
        municipality=MunicipalityFactory.create(slug="elders", name="Elders")
    )
    PostcodeRangeFactory.create(neighbourhood=elsewhere, start="1091AA", end="1091ZZ")
    # when
    neighbourhood = _create()
    # then
    assert neighbourhood.postcode_ranges.count() == 2


def test_postcode_range_add_next_to_an_existing_range() -> None:
    # given
    neighbourhood = _create()
    actor = UserFactory.create()
    # when
    added = postcode_range_add(
        actor=actor, neighbourhood=neighbourhood, start="1093 aa", end="1093 ab"
    )
    # then
    assert (added.start, added.end) == ("1093AA", "1093AB")
    assert neighbourhood.postcode_ranges.count() == 3


def test_postcode_range_add_refuses_overlap_naming_the_wijk() -> None:
    # given
    neighbourhood = _create()
    other = NeighbourhoodFactory.create(
        municipality=neighbourhood.municipality,
        regulation=neighbourhood.regulation,
        name="Noordhoek",
    )
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        postcode_range_add(
            actor=UserFactory.create(),
            neighbourhood=other,
            start="1092ZZ",
            end="1093AA",
        )
    # then
    assert exc.value.code == "postcode_overlap"
    assert exc.value.params is not None
    assert exc.value.params["wijk"] == "Oosterpark"
    assert _counts() == before


def test_postcode_range_remove() -> None:
    # given
    neighbourhood = _create()
    postcode_range = neighbourhood.postcode_ranges.get(start="1091AA")
    # when
    postcode_range_remove(actor=UserFactory.create(), postcode_range=postcode_range)
    # then
    assert list(neighbourhood.postcode_ranges.values_list("start", flat=True)) == [
        "1092AA"
    ]
    event = AuditEvent.objects.get(action="neighbourhoods.postcode_range_remove")
    assert event.data == {
        "neighbourhood": "oosterpark",
        "start": "1091AA",
        "end": "1091ZZ",
    }


def test_neighbourhood_update_records_the_diff() -> None:
    # given
    neighbourhood = _create()
    official = UserFactory.create(is_staff=True)
    # when
    neighbourhood_update(
        actor=UserFactory.create(),
        neighbourhood=neighbourhood,
        name="Oosterpark-Zuid",
        population=9600,
        contact_official=official,
        designated_until=dt.date(2029, 12, 31),
    )
    # then
    neighbourhood.refresh_from_db()
    assert neighbourhood.name == "Oosterpark-Zuid"
    assert neighbourhood.contact_official == official
    event = AuditEvent.objects.get(action="neighbourhoods.neighbourhood_update")
    assert event.data["diff"] == {
        "name": ["Oosterpark", "Oosterpark-Zuid"],
        "population": [9500, 9600],
        "contact_official": [None, official.pk],
        "designated_until": [None, "2029-12-31"],
    }


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"municipality": None}, "unknown_field"),
        ({"slug": "taken"}, "slug_taken"),
        ({"designated_until": dt.date(2025, 1, 1)}, "designation_order"),
        ({"name": ""}, "blank"),
    ],
)
def test_neighbourhood_update_refusals(fields: dict[str, Any], code: str) -> None:
    # given
    neighbourhood = _create()
    NeighbourhoodFactory.create(slug="taken", municipality=neighbourhood.municipality)
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        neighbourhood_update(
            actor=UserFactory.create(), neighbourhood=neighbourhood, **fields
        )
    # then
    assert exc.value.code == code
    assert _counts() == before
    neighbourhood.refresh_from_db()
    assert (neighbourhood.name, neighbourhood.slug) == ("Oosterpark", "oosterpark")


def test_neighbourhood_update_refuses_regulation_of_another_municipality() -> None:
    neighbourhood = _create()
    foreign = RegulationFactory.create(
        municipality=MunicipalityFactory.create(slug="elders")
    )
    with pytest.raises(ValidationError) as exc:
        neighbourhood_update(
            actor=UserFactory.create(), neighbourhood=neighbourhood, regulation=foreign
        )
    assert exc.value.code == "regulation_other_municipality"
