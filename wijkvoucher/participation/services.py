"""Writes of the participation ladders: a resident reports their own step on the
social participation ladder (only with explicit consent) and withdraws that
consent, which deletes every report of theirs (docs/participation.md#consent).

The audit trail records that a report was made or withdrawn, never the step."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.refusals import Refusals
from wijkvoucher.core.services import audit_record
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current
from wijkvoucher.participation.constants import SocialStep
from wijkvoucher.participation.models import SocialLadderReport


@transaction.atomic
def social_ladder_report(
    *, actor: User, step: int, consent: bool
) -> SocialLadderReport:
    """Record ``actor``'s own step today. Refused without consent, without a
    current address in a wijk, or with a step that is not 1-6; nothing is stored
    then."""
    User.objects.select_for_update().filter(pk=actor.pk).first()
    refusals = Refusals()
    if not consent:
        refusals.add(
            ValidationError(
                {
                    "consent": ValidationError(
                        _("Without your permission we store nothing."),
                        code="consent_required",
                    )
                }
            )
        )
    if step not in SocialStep.values:
        refusals.add(
            ValidationError(
                {
                    "step": ValidationError(
                        _("Choose one of the six steps."), code="step"
                    )
                }
            )
        )
    refusals.raise_all()
    address = addresses_current(user=actor).filter(neighbourhood__isnull=False).first()
    neighbourhood = address.neighbourhood if address is not None else None
    if neighbourhood is None:
        raise ValidationError(
            _("Add your address in a wijk that takes part first."), code="no_wijk"
        )
    report = SocialLadderReport.objects.create(
        user=actor,
        neighbourhood=neighbourhood,
        step=step,
        reported_on=timezone.localdate(),
        consented_at=timezone.now(),
    )
    audit_record(actor=actor, action="participation.social_report", subject=actor)
    return report


@transaction.atomic
def social_ladder_withdraw(*, actor: User) -> int:
    """Withdraw consent: delete every report of ``actor``. Returns how many."""
    User.objects.select_for_update().filter(pk=actor.pk).first()
    deleted, _rows = SocialLadderReport.objects.filter(user=actor).delete()
    audit_record(
        actor=actor,
        action="participation.social_withdraw",
        subject=actor,
        data={"reports_deleted": deleted},
    )
    return deleted
