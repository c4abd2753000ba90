"""Disputes: an initiator says a payment with their voucher is wrong (issue #4 point 5;
docs/adr/0009). Opening one is here; the cash manager upholds or rejects it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.money import format_euro
from wijkvoucher.core.services import audit_record
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.constants import DISPUTE_DAYS, DisputeStatus
from wijkvoucher.vouchers.links import cash_dispute_url
from wijkvoucher.vouchers.models import Dispute, Redemption
from wijkvoucher.vouchers.permissions_resident import may_see_voucher
from wijkvoucher.vouchers.selectors_resident import cash_managers

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

REASON_MAX_LENGTH = 2000


@transaction.atomic
def dispute_open(*, actor: User, redemption: Redemption, reason: str) -> Dispute:
    """The initiator (or a co-initiator who may see the voucher) disputes a payment
    within DISPUTE_DAYS days of it; the municipality's cash managers are told."""
    redemption = (
        Redemption.objects.select_for_update(of=("self",))
        .select_related(
            "voucher__initiative__neighbourhood", "voucher__initiative", "provider"
        )
        .get(pk=redemption.pk)
    )
    voucher = redemption.voucher
    if not may_see_voucher(user=actor, voucher=voucher):
        raise PermissionDenied
    text = (reason or "").strip()
    if not text:
        raise ValidationError(
            _("Tell us what is wrong with this payment."), code="reason_required"
        )
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Use at most %(limit)s characters."),
            code="reason_too_long",
            params={"limit": REASON_MAX_LENGTH},
        )
    if timezone.now() - redemption.created_at >= dt.timedelta(days=DISPUTE_DAYS):
        raise ValidationError(
            _(
                "You can dispute a payment up to %(days)s days after it. For this "
                "payment that time has passed; contact the municipality."
            ),
            code="dispute_too_late",
            params={"days": DISPUTE_DAYS},
        )
    already = ValidationError(
        _("You have already disputed this payment. The municipality is looking at it."),
        code="dispute_open_already",
    )
    if redemption.disputes.filter(status=DisputeStatus.OPEN).exists():
        raise already
    try:
        with transaction.atomic():
            dispute = Dispute.objects.create(
                redemption=redemption, raised_by=actor, reason=text
            )
    except IntegrityError:
        raise already from None
    initiative = voucher.initiative
    audit_record(
        actor=actor,
        action="vouchers.dispute_open",
        subject=dispute,
        data={
            "redemption": str(redemption.uuid),
            "voucher": voucher.number,
            "provider": str(redemption.provider.uuid),
            "amount_cents": redemption.amount_cents,
        },
    )
    notification_send(
        recipients=cash_managers(neighbourhood=initiative.neighbourhood),
        kind="vouchers.dispute_opened",
        subject=_("A payment with voucher %(number)s is disputed"),
        body=_(
            "%(name)s disputes the payment of %(amount)s at %(provider)s with voucher "
            "%(number)s (plan %(title)s). Look at it and uphold or reject it."
        ),
        params={
            "name": actor.display_name,
            "amount": format_euro(int(redemption.amount_cents)),
            "provider": redemption.provider.name,
            "number": voucher.number,
            "title": initiative.title,
        },
        url=cash_dispute_url(dispute),
    )
    return dispute
