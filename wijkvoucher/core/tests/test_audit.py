from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.constants import AuditResult
from wijkvoucher.core.models import GENESIS_HASH, AuditChainHead, AuditEvent
from wijkvoucher.core.origin import current_origin, origin
from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.core.services import audit_record, audit_seal
from wijkvoucher.neighbourhoods.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _head() -> tuple[int, str]:
    return AuditChainHead.objects.values_list("sequence", "hash").get(pk=1)


def test_the_chain_head_row_exists_from_the_migration() -> None:
    # then: the migration created it; nothing has been recorded in a fresh database
    assert _head() == (AuditEvent.objects.count(), GENESIS_HASH)


def test_the_migration_leaves_an_existing_head_alone() -> None:
    # given
    audit_record(actor=None, action="test.first")
    head_before = _head()
    migration = importlib.import_module(
        "wijkvoucher.core.migrations.0003_auditchainhead_genesis_row"
    )
    # when
    migration.create_head(apps, SimpleNamespace(connection=connection))
    # then
    assert _head() == head_before


def test_an_event_is_written_unsealed_and_the_head_is_not_touched() -> None:
    # given
    head_before = _head()
    # when
    event = audit_record(actor=None, action="test.unsealed")
    # then
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.sequence, stored.previous_hash, stored.hash) == (None, None, None)
    assert _head() == head_before


def test_seal_numbers_the_events_and_links_each_to_the_one_before() -> None:
    # given
    sequence_before, hash_before = _head()
    first = audit_record(actor=None, action="test.first")
    second = audit_record(actor=None, action="test.second")
    # when
    sealed = audit_seal()
    # then
    first.refresh_from_db()
    second.refresh_from_db()
    assert sealed == 2
    assert (first.sequence, second.sequence) == (
        sequence_before + 1,
        sequence_before + 2,
    )
    assert first.previous_hash == hash_before
    assert second.previous_hash == first.hash
    assert first.hash != second.hash
    assert _head() == (second.sequence, second.hash)
    assert audit_seal() == 0
    assert audit_chain_problems() == []


def test_seal_works_in_batches() -> None:
    # given
    for n in range(7):
        audit_record(actor=None, action="test.batch", data={"n": n})
    # when
    sealed = audit_seal(batch=3)
    # then
    assert sealed == 7
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
    assert audit_chain_problems() == []


def test_stored_hash_is_recomputable_from_the_stored_row() -> None:
    # given
    event = audit_record(actor=None, action="test.hash", data={"n": 1})
    audit_seal()
    # when
    stored = AuditEvent.objects.get(pk=event.pk)
    # then
    assert stored.hash is not None
    assert stored.computed_hash() == stored.hash


def test_a_commit_seals_soon_after(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given: no pause between seals
    settings.AUDIT_SEAL_INTERVAL = 0
    # when
    with django_capture_on_commit_callbacks(execute=True):
        event = audit_record(actor=None, action="test.soon")
    # then
    event.refresh_from_db()
    assert event.hash is not None
    assert _head() == (event.sequence, event.hash)


def test_commits_within_the_interval_leave_the_seal_to_the_next(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given: this process sealed a moment ago
    settings.AUDIT_SEAL_INTERVAL = 3600
    with django_capture_on_commit_callbacks(execute=True):
        audit_record(actor=None, action="test.first")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        event = audit_record(actor=None, action="test.later")
    # then
    event.refresh_from_db()
    assert event.hash is None
    assert audit_seal() >= 1


def test_subject_result_and_data_are_recorded() -> None:
    # given
    municipality = MunicipalityFactory.create()
    # when
    event = audit_record(
        actor=None,
        action="municipality.update",
        subject=municipality,
        result=AuditResult.DENIED,
        data={"field": "name"},
    )
    # then
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (
        stored.subject_type,
        stored.subject_id,
        stored.subject_label,
        stored.result,
        stored.data,
    ) == (
        ContentType.objects.get_for_model(municipality),
        str(municipality.pk),
        "Gemeente Dijkstad",
        "denied",
        {"field": "name"},
    )


def test_origin_comes_from_the_context_and_defaults_to_system() -> None:
    # when
    outside = audit_record(actor=None, action="test.outside")
    with origin("web 192.0.2.7 POST /vouchers/redeem"):
        inside = audit_record(actor=None, action="test.inside")
        explicit = audit_record(actor=None, action="test.explicit", origin="cli")
    # then
    assert outside.origin == "system"
    assert inside.origin == "web 192.0.2.7 POST /vouchers/redeem"
    assert explicit.origin == "cli"
    assert current_origin() == "system"


def test_origin_is_cut_at_200_characters() -> None:
    # when
    with origin("web 192.0.2.7 GET /" + "x" * 300):
        event = audit_record(actor=None, action="test.long")
    # then
    assert len(AuditEvent.objects.get(pk=event.pk).origin) == 200


def test_actor_and_a_pseudonymous_actor_label_are_recorded() -> None:
    # given
    official = UserFactory.create(email="ambtenaar@dijkstad.example.nl")
    # when
    by_user = audit_record(actor=official, action="test.user")
    by_system = audit_record(actor=None, action="test.system")
    # then
    assert (by_user.actor, by_user.actor_label) == (official, f"user:{official.uuid}")
    assert (by_system.actor, by_system.actor_label) == (None, "system")
    assert "ambtenaar" not in AuditEvent.objects.get(pk=by_user.pk).actor_label


def test_json_data_with_dates_and_decimals_round_trips_and_verifies() -> None:
    # given
    data = {
        "day": dt.date(2026, 3, 1),
        "at": dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC),
        "amount": Decimal("12.50"),
        "cents": 1250,
        "nested": {"items": [1, "twee", None, True], "ratio": 0.25},
        "naam": "Vereniging 't Hofje — café",
    }
    # when
    event = audit_record(actor=None, action="test.json", data=data)
    # then
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.data == {
        "day": "2026-03-01",
        "at": "2026-03-01T09:30:15.123Z",
        "amount": "12.50",
        "cents": 1250,
        "nested": {"items": [1, "twee", None, True], "ratio": 0.25},
        "naam": "Vereniging 't Hofje — café",
    }
    assert stored.data == event.data
    audit_seal()
    assert audit_chain_problems() == []


def test_not_a_number_is_refused_and_nothing_is_recorded() -> None:
    # given
    count_before = AuditEvent.objects.count()
    # when
    with pytest.raises(ValueError, match="Out of range float values"):
        audit_record(actor=None, action="test.nan", data={"x": float("nan")})
    # then
    assert AuditEvent.objects.count() == count_before


def test_event_disappears_with_the_transaction_it_belongs_to() -> None:
    # given
    head_before = _head()
    count_before = AuditEvent.objects.count()
    # when
    with transaction.atomic():
        audit_record(actor=None, action="test.rolled_back")
        transaction.set_rollback(True)
    # then
    assert AuditEvent.objects.count() == count_before
    assert _head() == head_before
    audit_seal()
    assert audit_chain_problems() == []


def test_a_missing_chain_head_is_a_clear_configuration_error() -> None:
    # given
    AuditChainHead.objects.filter(pk=1).delete()
    audit_record(actor=None, action="test.no_head")
    # when
    with pytest.raises(ImproperlyConfigured, match="audit chain head row is missing"):
        audit_seal()
    # then
    assert [p.message for p in audit_chain_problems()] == [
        "the audit chain head row is missing"
    ]
