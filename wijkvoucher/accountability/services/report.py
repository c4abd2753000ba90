"""The one short accountability form after the activity, pre-filled from the ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accountability.links import official_execution_url
from wijkvoucher.accountability.models import AccountabilityReport
from wijkvoucher.accountability.selectors import report_due_on, spending_for
from wijkvoucher.accountability.services.guards import (
    PhotoUpload,
    clean_photos,
    lock_plan,
    photos_save,
    require_in_execution,
    require_initiator,
)
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.notifications.services import notification_send

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

MAX_PARTICIPANTS = 1_000_000


@transaction.atomic
def report_submit(
    *,
    actor: User,
    initiative: Initiative,
    what_happened: str,
    participants: int,
    learned: str = "",
    public: bool = False,
    photos: list[PhotoUpload] | None = None,
) -> AccountabilityReport:
    """The initiator sends the report once. The spending is read from the ledger
    now and kept with the report. Refusals: ``invalid_status``,
    ``already_reported``, ``what_happened_required``, ``participants_invalid``,
    ``too_many_photos``, ``not_an_image``, ``too_big``."""
    initiative = lock_plan(initiative)
    require_initiator(actor, initiative)
    require_in_execution(initiative)
    if AccountabilityReport.objects.filter(initiative=initiative).exists():
        raise ValidationError(
            _("You have already sent the report of this plan."),
            code="already_reported",
        )
    what_happened = what_happened.strip()
    if not what_happened:
        raise ValidationError(
            _("Write in a few sentences what happened."),
            code="what_happened_required",
        )
    if (
        isinstance(participants, bool)
        or not isinstance(participants, int)
        or not 0 <= participants <= MAX_PARTICIPANTS
    ):
        raise ValidationError(
            _("Enter how many people took part, as a number."),
            code="participants_invalid",
        )
    cleaned = clean_photos(photos or [])
    spending = spending_for(initiative=initiative)
    now = timezone.now()
    report = AccountabilityReport.objects.create(
        initiative=initiative,
        due_on=report_due_on(initiative=initiative) or timezone.localdate(now),
        spending=spending.as_json(),
        spent_cents=spending.spent_cents,
        left_cents=spending.left_cents,
        what_happened=what_happened,
        participants=participants,
        learned=learned.strip(),
        public=public,
        submitted_by=actor,
        submitted_at=now,
    )
    saved = photos_save(
        actor=actor, initiative=initiative, cleaned=cleaned, report=report
    )
    public_pages_changed(neighbourhood=initiative.neighbourhood)
    audit_record(
        actor=actor,
        action="accountability.report_submit",
        subject=initiative,
        data={
            "report": str(report.uuid),
            "spent_cents": spending.spent_cents,
            "left_cents": spending.left_cents,
            "on_time": report.on_time,
            "public": public,
            "photos": len(saved),
        },
    )
    notification_send(
        recipients=[initiative.contact_official],
        kind="accountability.report_submitted",
        subject=_("Report received: %(title)s"),
        body=_(
            "The initiator of %(title)s has sent the accountability report. Look "
            "at it and settle the plan."
        ),
        params={"title": initiative.title},
        url=official_execution_url(initiative),
    )
    return report
