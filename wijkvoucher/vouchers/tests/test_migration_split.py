"""Issue #10 moved providers and payments out of the vouchers app with their model
state only (vouchers.0005). Their content types are renamed in place, so that the
primary keys - which the audit trail's hash covers through ``subject_type_id`` - and
the auth permissions that point at them stay the same."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

BEFORE = [
    ("vouchers", "0004_provider_review_status"),
    ("providers", None),
    ("payments", None),
]
MOVED = {
    "providers": ("provider", "providermembership", "providerapitoken"),
    "payments": ("dispute", "claim", "claimreceipt", "payoutbatch", "payoutline"),
}


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def _migrate_to_the_end() -> None:
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _ids(app_label: str) -> dict[str, int]:
    return {
        model: ContentType.objects.get(app_label=app_label, model=model).pk
        for models in MOVED.values()
        for model in models
    }


@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_the_content_types_primary_keys() -> None:
    # given: the database as it was before the split
    _migrate(BEFORE)
    try:
        old = _ids("vouchers")
        permission = Permission.objects.get(codename="change_provider")
        # when
        _migrate_to_the_end()
    finally:
        _migrate_to_the_end()
    # then: each moved model's content type has its new label and its old key
    for app_label, models in MOVED.items():
        for model in models:
            moved = ContentType.objects.get(app_label=app_label, model=model)
            assert moved.pk == old[model]
    assert not ContentType.objects.filter(
        app_label="vouchers", model__in=[m for ms in MOVED.values() for m in ms]
    ).exists()
    assert Permission.objects.get(pk=permission.pk).content_type_id == old["provider"]
    assert ContentType.objects.filter(app_label="vouchers", model="voucher").exists()


@pytest.mark.django_db(transaction=True)
def test_a_content_type_made_under_the_new_label_gives_way_to_the_old_one() -> None:
    # given: a reversed move after which Django made a new providers.provider row
    _migrate(BEFORE)
    try:
        old = ContentType.objects.get(app_label="vouchers", model="provider").pk
        made = ContentType.objects.create(app_label="providers", model="provider").pk
        # when
        _migrate_to_the_end()
    finally:
        _migrate_to_the_end()
    # then: the old key (the one the audit trail uses) wins
    assert ContentType.objects.get(app_label="providers", model="provider").pk == old
    assert not ContentType.objects.filter(pk=made).exists()


@pytest.mark.django_db(transaction=True)
def test_reversing_the_move_gives_the_content_types_back_to_vouchers() -> None:
    # given
    new = _ids_after_the_move()
    # when
    _migrate(BEFORE)
    try:
        back = _ids("vouchers")
    finally:
        _migrate_to_the_end()
    # then
    assert back == new


def _ids_after_the_move() -> dict[str, int]:
    return {
        model: ContentType.objects.get(app_label=app_label, model=model).pk
        for app_label, models in MOVED.items()
        for model in models
    }
