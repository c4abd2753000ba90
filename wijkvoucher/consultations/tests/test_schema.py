"""The schema keeps the promises of docs/voting.md: one ballot per credential is a
unique constraint, and no column joins a ballot to a credential, user or address."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, connection, transaction

import pytest

from wijkvoucher.consultations.models import Ballot
from wijkvoucher.consultations.tests.factories import (
    ConsultationFactory,
    ConsultationOptionFactory,
    CredentialFactory,
)

pytestmark = pytest.mark.django_db


def _constraints(table: str) -> dict[str, dict[str, Any]]:
    with connection.cursor() as cursor:
        found: dict[str, dict[str, Any]] = connection.introspection.get_constraints(
            cursor, table
        )
    return found


def test_the_unique_constraint_on_consultation_and_link_exists() -> None:
    # when
    constraints = _constraints(Ballot._meta.db_table)
    # then
    unique = [
        c["columns"]
        for c in constraints.values()
        if c["unique"] and not c["primary_key"]
    ]
    assert ["consultation_id", "link"] in unique
    assert ["consultation_id", "receipt"] in unique


def test_the_database_refuses_a_second_ballot_with_the_same_link() -> None:
    # given
    consultation = ConsultationFactory.create()
    Ballot.objects.create(
        consultation=consultation,
        link="a" * 64,
        choices=[],
        receipt="A" * 10,
        channel="letter",
        cast_on="2026-06-15",
    )
    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            consultation=consultation,
            link="a" * 64,
            choices=[],
            receipt="B" * 10,
            channel="letter",
            cast_on="2026-06-15",
        )
    assert Ballot.objects.count() == 1


def test_no_ballot_column_refers_to_a_credential_user_or_address() -> None:
    # when
    relations = {
        field.related_model._meta.label
        for field in Ballot._meta.concrete_fields
        if field.is_relation and isinstance(field.related_model, type)
    }
    columns = {field.column for field in Ballot._meta.concrete_fields}
    with connection.cursor() as cursor:
        described = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, Ballot._meta.db_table
            )
        }
    # then
    assert relations == {"consultations.Consultation"}
    assert (
        described
        == columns
        == {"id", "consultation_id", "link", "choices", "receipt", "channel", "cast_on"}
    )


def test_the_factories_make_valid_rows() -> None:
    # when
    option = ConsultationOptionFactory.create()
    credential = CredentialFactory.create(consultation=option.consultation)
    advisory = ConsultationFactory.create(advisory=True)
    # then
    assert option.consultation.status == "draft"
    assert len(credential.code_digest or "") == 64
    assert advisory.budget_cents is None
    assert advisory.ballot_type == "advisory"
