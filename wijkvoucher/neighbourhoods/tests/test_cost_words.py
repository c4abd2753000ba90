"""The regeling's word lists per kind of cost (issue #9): kept clean by the services,
edited by the coordinator in the admin (a new version each time), shown on the wijk
page where it helps, and empty for versions that existed before the lists did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.money import NBSP
from wijkvoucher.neighbourhoods.constants import (
    DEFAULT_COST_WORDS,
    WORD_CATEGORIES,
    CostCategory,
    Role,
)
from wijkvoucher.neighbourhoods.models import Regulation, RegulationVersion
from wijkvoucher.neighbourhoods.selectors.regulations import regulation_plain_rules
from wijkvoucher.neighbourhoods.services.regulations import (
    regulation_version_create,
)
from wijkvoucher.neighbourhoods.tests.factories import (
    RoleAssignmentFactory,
)
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, sign_in_verified
from wijkvoucher.neighbourhoods.tests.test_regulations import _regulation

AMS = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 3, 1, 10, 0, tzinfo=AMS)


def _counts() -> tuple[int, int]:
    return RegulationVersion.objects.count(), AuditEvent.objects.count()


@pytest.fixture(autouse=True)
def _fixed_time() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


# The services ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_regeling_starts_with_the_default_word_lists() -> None:
    version = _regulation().versions.get()
    assert version.cost_words == DEFAULT_COST_WORDS
    assert set(version.cost_words) == set(WORD_CATEGORIES)
    assert "bier" in version.cost_words["alcohol"]


@pytest.mark.django_db
def test_a_changed_word_list_is_a_new_version_kept_clean() -> None:
    # given
    regulation = _regulation()
    first = regulation.versions.get()
    # when: the coordinator types words with stray spaces, capitals and accents twice
    second = regulation_version_create(
        actor=UserFactory.create(),
        regulation=regulation,
        change_note="Kortere lijst voor alcohol",
        cost_words={
            "alcohol": [" Bier ", "bier", "BIER", "Glühwein", "gluhwein", "", "  "],
            "party": ["silent   disco"],
        },
    )
    # then: each word once, as first written; a kind left out has no words
    assert second.cost_words["alcohol"] == ["Bier", "Glühwein"]
    assert second.cost_words["party"] == ["silent disco"]
    assert second.cost_words["food_drink"] == []
    assert set(second.cost_words) == set(WORD_CATEGORIES)
    first.refresh_from_db()
    assert first.cost_words == DEFAULT_COST_WORDS
    event = AuditEvent.objects.get(action="neighbourhoods.regulation_version_create")
    assert event.data["diff"]["cost_words"][1]["alcohol"] == ["Bier", "Glühwein"]


@pytest.mark.django_db
def test_the_same_words_with_stray_spaces_change_nothing() -> None:
    regulation = _regulation()
    before = _counts()
    same = {
        kind: [f" {word} " for word in listed]
        for kind, listed in reversed(DEFAULT_COST_WORDS.items())
    }
    with pytest.raises(ValidationError) as exc:
        regulation_version_create(
            actor=UserFactory.create(),
            regulation=regulation,
            change_note="Spaties",
            cost_words=same,
        )
    assert exc.value.code == "no_changes"
    assert _counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cost_words", "code"),
    [
        ({"beer": ["bier"]}, "unknown_word_kind"),
        ({"alcohol": ["!!!"]}, "word_without_letters"),
        ({"alcohol": ["b" * 51]}, "word_too_long"),
        ({"alcohol": [f"woord{n}" for n in range(201)]}, "too_many_words"),
        ({"alcohol": "bier"}, "invalid_value"),
        (["bier"], "invalid_value"),
    ],
)
def test_a_wrong_word_list_is_refused_and_nothing_is_saved(
    cost_words: Any, code: str
) -> None:
    # given
    regulation = _regulation()
    before = _counts()
    # when
    with pytest.raises(ValidationError) as exc:
        regulation_version_create(
            actor=UserFactory.create(),
            regulation=regulation,
            change_note="Woorden",
            cost_words=cost_words,
        )
    # then
    assert exc.value.code == code
    assert _counts() == before


@pytest.mark.django_db
def test_a_version_with_words_stays_append_only() -> None:
    version = _regulation().versions.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        RegulationVersion.objects.filter(pk=version.pk).update(cost_words={})


# The wijk page --------------------------------------------------------------------------


def _texts(version: RegulationVersion) -> str:
    with translation.override("en"):
        rules = regulation_plain_rules(version=version)
    return "\n".join(f"{rule.title}: {rule.text}" for rule in rules).replace(NBSP, " ")


def test_the_wijk_page_says_that_we_read_the_costs_and_how_many_years() -> None:
    text = _texts(RegulationVersion())
    assert (
        "We read what you write about each cost. A cost that names alcohol, such as "
        "bier, wijn, prosecco, counts as alcohol, whatever kind of cost you choose."
    ) in text
    assert "The same activity can get money in at most 3 years." in text
    quiet = _texts(
        RegulationVersion(cost_words={}, max_support_years_same_initiative=0)
    )
    assert "We read what you write" not in quiet
    assert "The same activity" not in quiet
    one = _texts(RegulationVersion(max_support_years_same_initiative=1))
    assert "The same activity can get money in at most 1 year." in one


# The coordinator's admin ---------------------------------------------------------------


def _coordinator_client(regulation: Regulation) -> Client:
    user: User = UserFactory.create(is_staff=True)
    RoleAssignmentFactory.create(
        user=user,
        role=Role.COORDINATOR,
        municipality=regulation.municipality,
        neighbourhood=None,
        valid_from=dt.date(2020, 1, 1),
    )
    client = HttpsClient()
    sign_in_verified(client, user)
    return client


def _change_url(version: RegulationVersion) -> str:
    return reverse("admin:neighbourhoods_regulationversion_change", args=[version.pk])


def _form_data(page: Any) -> dict[str, Any]:
    """What the admin form would send back unchanged."""
    form = page.context["adminform"].form
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif name == "new_valid_from":
            data.update({f"{name}_0": "", f"{name}_1": ""})
        else:
            data[name] = value
    return data


@pytest.mark.django_db
@pytest.mark.usefixtures("english_interface")
def test_the_coordinator_edits_a_word_list_one_word_per_line() -> None:
    # given
    regulation = _regulation()
    first = regulation.versions.get()
    client = _coordinator_client(regulation)
    page = client.get(_change_url(first))
    html = page.content.decode()
    assert "Words that show what a cost is" in html
    assert "Words for: alcohol" in html
    assert 'name="words_alcohol"' in html
    data = _form_data(page)
    assert data["words_alcohol"].splitlines()[:3] == ["bier", "wijn", "prosecco"]
    # when: kombucha added, amstel removed, one word per line
    words = [w for w in data["words_alcohol"].splitlines() if w != "amstel"]
    data.update(
        words_alcohol="\r\n".join([*words, "Kombucha"]),
        change_note="Kombucha erbij, Amstel eraf (een rivier).",
    )
    response = client.post(_change_url(first), data)
    # then: a new version with the new list; the first is unchanged
    assert response.status_code == 302, response.content.decode()[:2000]
    second = regulation.versions.get(number=2)
    assert second.cost_words["alcohol"][-1] == "Kombucha"
    assert "amstel" not in second.cost_words["alcohol"]
    assert second.cost_words["party"] == DEFAULT_COST_WORDS["party"]
    first.refresh_from_db()
    assert first.cost_words == DEFAULT_COST_WORDS
    # and the new version says what changed in the words
    html = client.get(_change_url(second)).content.decode()
    assert "Words for: alcohol: added Kombucha; removed amstel" in html
    # and the old version shows its words, read-only
    old = client.get(_change_url(first)).content.decode()
    assert 'name="words_alcohol"' not in old
    assert "amstel" in old


@pytest.mark.django_db
@pytest.mark.usefixtures("english_interface")
def test_a_wrong_word_in_the_admin_shows_the_form_again_and_saves_nothing() -> None:
    regulation = _regulation()
    first = regulation.versions.get()
    client = _coordinator_client(regulation)
    data = _form_data(client.get(_change_url(first)))
    data.update(words_fees="uurloon\n---", change_note="Nieuw woord")
    before = _counts()
    response = client.post(_change_url(first), data)
    assert response.status_code == 200
    assert "has no letters. Write one word per line." in response.content.decode()
    assert _counts() == before


# Versions from before the word lists -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_versions_from_before_the_word_lists_keep_no_words() -> None:
    # given: the database as it was before the word lists, with a version in it
    before = [("neighbourhoods", "0005_municipality_letterhead_and_signatories")]
    after = [("neighbourhoods", "0006_regulationversion_cost_words")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        municipality = apps.get_model("neighbourhoods", "Municipality").objects.create(
            name="Oudstad", slug="oudstad"
        )
        regulation = apps.get_model("neighbourhoods", "Regulation").objects.create(
            municipality=municipality,
            name="Oude regeling",
            valid_from=dt.date(2025, 1, 1),
        )
        old = apps.get_model("neighbourhoods", "RegulationVersion").objects.create(
            regulation=regulation, number=1, valid_from=NOW
        )
        # when
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    # then: the old version has no words, and still cannot be changed
    version = RegulationVersion.objects.get(pk=old.pk)
    assert version.cost_words == {}
    with pytest.raises(DatabaseError), transaction.atomic():
        RegulationVersion.objects.filter(pk=old.pk).update(number=2)
    assert CostCategory.ALCOHOL.value in DEFAULT_COST_WORDS
