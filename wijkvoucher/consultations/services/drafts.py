"""Changing a draft wijkraadpleging before it is published."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.models import Consultation
from wijkvoucher.consultations.services.consultations import settings_checked
from wijkvoucher.consultations.services.guards import (
    consultation_lock,
    require_draft,
    require_organiser,
)
from wijkvoucher.core.services import audit_record

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@transaction.atomic
def consultation_update(
    *,
    actor: User,
    consultation: Consultation,
    kind: str,
    title: str,
    question: str,
    ballot_type: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    budget_cents: int | None = None,
    max_choices: int | None = None,
    points: int | None = None,
    rule: str = "",
) -> Consultation:
    """Change a draft's question, ballot and window, checked as at creation. The
    kind (poll or budget vote) changes only while the ballot has no options: a
    poll's options are plans on the agenda, a budget vote's have a cost."""
    locked = consultation_lock(consultation)
    require_organiser(actor=actor, neighbourhood=locked.neighbourhood)
    require_draft(locked)
    if kind != locked.kind and locked.options.exists():
        raise ValidationError(
            _(
                "Take the options off the ballot first: a poll and a budget vote "
                "have different options."
            ),
            code="kind_has_options",
        )
    values = settings_checked(
        kind=kind,
        title=title,
        question=question,
        ballot_type=ballot_type,
        opens_at=opens_at,
        closes_at=closes_at,
        budget_cents=budget_cents,
        max_choices=max_choices,
        points=points,
        rule=rule,
    )
    changed = {
        name: value for name, value in values.items() if getattr(locked, name) != value
    }
    if not changed:
        return locked
    for name, value in changed.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action="consultations.consultation_update",
        subject=locked,
        data={"changed": sorted(changed)},
    )
    return locked
