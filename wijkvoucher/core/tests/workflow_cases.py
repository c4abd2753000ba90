"""Shared checks for the per-table tests of the status machines (issue #10 point 1):
every allowed step does exactly what it says, every other pair is refused with
nothing changed. Each app's test supplies a row in a given status and its helper."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

import pytest

from wijkvoucher.core.models import AuditEvent, StatusHistory
from wijkvoucher.core.workflow import Machine


@contextmanager
def shared_rows(django_db_blocker: Any) -> Iterator[None]:
    """For a module-scoped fixture: the rows made inside exist for every test of the
    module (each test runs in a savepoint of this transaction) and are rolled back
    after the last one. Saves building a funded plan for every pair of a table."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@dataclass(frozen=True)
class Case:
    source: str
    target: str
    action: str
    allowed: bool

    @property
    def id(self) -> str:
        verdict = "allowed" if self.allowed else "refused"
        return f"{self.source}->{self.target}:{self.action.split('.')[-1]}:{verdict}"


def cases(machine: Machine, statuses: Iterable[str]) -> list[Any]:
    """Every allowed step, and every from→to pair no step allows (tried with an
    action that leads to the target elsewhere in the table, or any action)."""
    every = [str(s) for s in statuses]
    found: list[Case] = []
    for source in every:
        for target in every:
            actions = sorted(
                step.action
                for step in machine.steps
                if (step.source, step.target) == (source, target)
            )
            if actions:
                found += [Case(source, target, a, True) for a in actions]
                continue
            towards = sorted(
                {step.action for step in machine.steps if step.target == target}
            )
            found.append(
                Case(source, target, (towards or sorted(machine.actions()))[0], False)
            )
    return [pytest.param(case, id=case.id) for case in found]


def _counts(row: models.Model) -> tuple[int, int]:
    subject_type = ContentType.objects.get_for_model(row)
    return (
        StatusHistory.objects.filter(
            subject_type=subject_type, subject_id=str(row.pk)
        ).count(),
        AuditEvent.objects.count(),
    )


def check_case(
    *,
    machine: Machine,
    case: Case,
    row: models.Model,
    take: Callable[[models.Model, str, str], object],
    refusal_code: str,
    audit_subject: Callable[[models.Model], models.Model] | None = None,
) -> None:
    """``row`` is in ``case.source``; ``take(row, to, action)`` asks the app's helper
    for the step. Checks the status, the history row and the audit event."""
    history_before, audit_before = _counts(row)
    field = machine.field
    if not case.allowed:
        with pytest.raises(ValidationError) as caught:
            take(row, case.target, case.action)
        assert caught.value.code == refusal_code
        row.refresh_from_db()
        assert str(getattr(row, field)) == case.source
        assert _counts(row) == (history_before, audit_before)
        return
    take(row, case.target, case.action)
    row.refresh_from_db()
    assert str(getattr(row, field)) == case.target
    history_after, audit_after = _counts(row)
    assert audit_after == audit_before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.action == case.action
    subject = audit_subject(row) if audit_subject else row
    assert event.subject_id == str(subject.pk)
    if not machine.history:
        assert history_after == history_before
        return
    assert history_after == history_before + 1
    entry = StatusHistory.objects.order_by("-pk").first()
    assert entry is not None
    assert (entry.machine, entry.action, entry.from_status, entry.to_status) == (
        machine.name,
        case.action,
        case.source,
        case.target,
    )
    assert entry.subject_type == ContentType.objects.get_for_model(row)
    assert entry.subject_id == str(row.pk)
