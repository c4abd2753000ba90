"""The one place that writes a status of a machine declared with ``core.workflow``.

``status_transition`` locks the row, checks the step against the machine's table,
refuses with the caller's refusal (the app's own error, nothing changed), writes the
status with the fields that go with the step, appends a ``StatusHistory`` row when
the machine keeps history, and records the audit event under the step's action.
``status_transition_many`` does the same for many rows in one locked bulk update
(claims paid by a payout batch). The apps wrap these in their own helper, which
supplies the refusal."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from wijkvoucher.core.models import StatusHistory
from wijkvoucher.core.services import audit_record
from wijkvoucher.core.workflow import Machine, Step

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

M = TypeVar("M", bound=models.Model)
# Builds the refusal of a step the table does not allow: (row, current, target).
Refuse = Callable[[Any, str, str], Exception]


def _lock(row: M) -> M:
    manager = type(row)._default_manager
    locked: M = manager.select_for_update().get(pk=row.pk)
    return locked


def step_check(
    *, machine: Machine, row: Any, to: str, action: str, refuse: Refuse
) -> Step:
    """The step ``action`` takes ``row`` to ``to``, or the refusal (no lock, no
    write: for services that check before doing anything else)."""
    current = machine.current(row)
    step = machine.step(current, str(to), action)
    if step is None:
        raise refuse(row, current, str(to))
    return step


def _has_updated_at(model: type[models.Model]) -> bool:
    return any(f.name == "updated_at" for f in model._meta.concrete_fields)


def _history_row(
    machine: Machine,
    row: models.Model,
    step: Step,
    actor: User | None,
    note: str,
) -> StatusHistory:
    return StatusHistory(
        subject_type=ContentType.objects.get_for_model(row),
        subject_id=str(row.pk),
        machine=machine.name,
        action=step.action,
        from_status=step.source,
        to_status=step.target,
        actor=actor if actor is not None and actor.pk else None,
        note=note,
    )


@transaction.atomic
def status_transition(
    *,
    machine: Machine,
    row: M,
    to: str,
    action: str,
    actor: User | None,
    refuse: Refuse,
    fields: Mapping[str, Any] | None = None,
    note: str = "",
    audit: bool = True,
    audit_subject: models.Model | None = None,
    audit_data: dict[str, Any] | None = None,
) -> Step:
    """Move ``row`` (the caller's instance, updated in place) by ``action`` to ``to``.

    The row is locked and its stored status checked against the table; a step the
    table does not allow raises ``refuse(locked row, current, to)`` before anything is
    written. ``fields`` are set and saved with the status. The audit event (unless
    ``audit`` is false, when the service records the event of its wider write
    itself) has the step's action, ``audit_subject`` (default the row) and
    ``audit_data``."""
    locked = _lock(row)
    current = machine.current(locked)
    target = str(to)
    step = machine.step(current, target, action)
    if step is None:
        raise refuse(locked, current, target)
    setattr(row, machine.field, target)
    changed = [machine.field]
    for name, value in (fields or {}).items():
        setattr(row, name, value)
        changed.append(name)
    if _has_updated_at(type(row)):
        changed.append("updated_at")
    row.save(update_fields=changed)
    if machine.history:
        _history_row(machine, row, step, actor, note).save()
    if audit:
        audit_record(
            actor=actor,
            action=step.action,
            subject=audit_subject if audit_subject is not None else row,
            data=audit_data,
        )
    return step


@transaction.atomic
def status_transition_many(
    *,
    machine: Machine,
    queryset: models.QuerySet[M],
    to: str,
    action: str,
    actor: User | None,
    refuse: Refuse,
    fields: Mapping[str, Any] | None = None,
    note: str = "",
) -> list[M]:
    """Move every row of ``queryset`` by ``action`` to ``to`` in one bulk update:
    the rows are locked in primary-key order, every one is checked (one refused
    step refuses them all, nothing changed), and each gets its history row. No
    audit event: the service records the one event of the wider write (the payout
    batch lists the claims it paid). Returns the rows as they were locked."""
    rows = list(queryset.select_for_update().order_by("pk"))
    target = str(to)
    for row in rows:
        current = machine.current(row)
        if machine.step(current, target, action) is None:
            raise refuse(row, current, target)
    if not rows:
        return rows
    model = type(rows[0])
    values: dict[str, Any] = {machine.field: target, **(fields or {})}
    if _has_updated_at(model) and "updated_at" not in values:
        values["updated_at"] = timezone.now()
    model._default_manager.filter(pk__in=[row.pk for row in rows]).update(**values)
    if machine.history:
        StatusHistory.objects.bulk_create(
            [
                _history_row(
                    machine,
                    row,
                    Step(machine.current(row), target, action),
                    actor,
                    note,
                )
                for row in rows
            ]
        )
    return rows


class AppTransitions:
    """An app's transition helper: its refusal per machine over ``step_check`` and
    ``status_transition``, so that an app declares only what it refuses with.
    ``check`` refuses a step the table does not allow now (no lock, no write);
    ``transition`` locks, checks and writes as ``status_transition`` does."""

    def __init__(self, refusals: Mapping[str, Refuse]) -> None:
        self.refusals = dict(refusals)

    def check(self, *, machine: Machine, row: Any, to: str, action: str) -> Step:
        return step_check(
            machine=machine,
            row=row,
            to=to,
            action=action,
            refuse=self.refusals[machine.name],
        )

    def transition(
        self,
        *,
        actor: User | None,
        machine: Machine,
        row: models.Model,
        to: str,
        action: str,
        fields: dict[str, Any] | None = None,
        note: str = "",
        audit: bool = True,
        audit_subject: models.Model | None = None,
        audit_data: dict[str, Any] | None = None,
    ) -> Step:
        return status_transition(
            machine=machine,
            row=row,
            to=to,
            action=action,
            actor=actor,
            refuse=self.refusals[machine.name],
            fields=fields,
            note=note,
            audit=audit,
            audit_subject=audit_subject,
            audit_data=audit_data,
        )
