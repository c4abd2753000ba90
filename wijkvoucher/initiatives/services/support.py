"""Neighbours' support for a plan: signing (with a confirmed address or one given on
the spot) and withdrawing a signature. Until when a plan can be signed:
``constants.OPEN_FOR_SUPPORT``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import OPEN_FOR_SUPPORT, SupportStance
from wijkvoucher.initiatives.models import Initiative, SupportSignature
from wijkvoucher.initiatives.permissions import is_co_initiator
from wijkvoucher.initiatives.services.guards import _lock
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current
from wijkvoucher.neighbourhoods.services.addresses import address_add

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


MAX_COMMENT = 1000


def _require_open_for_support(initiative: Initiative) -> None:
    if initiative.status not in OPEN_FOR_SUPPORT:
        raise ValidationError(
            _("You can only support a plan until it is decided."),
            code="not_open_for_support",
        )


def _require_may_sign(*, actor: User, initiative: Initiative) -> None:
    if actor.pk == initiative.initiator_id or is_co_initiator(
        user=actor, initiative=initiative
    ):
        raise ValidationError(
            _("You take part in this plan yourself, so you cannot sign for it."),
            code="own_plan",
        )


@transaction.atomic
def support_sign(
    *, actor: User, initiative: Initiative, stance: str, comment: str = ""
) -> SupportSignature:
    """A resident of the plan's wijk says they are for, against or neutral. Signing
    again changes the stance. The signature records the current address in the wijk
    (unconfirmed addresses may sign; the official sees whether residency was
    confirmed)."""
    initiative = _lock(initiative)
    _require_open_for_support(initiative)
    _require_may_sign(actor=actor, initiative=initiative)
    if stance not in SupportStance.values:
        raise ValidationError(
            _("Choose for, against or neutral."), code="unknown_stance"
        )
    text = comment.strip()
    if len(text) > MAX_COMMENT:
        raise ValidationError(
            _("Your comment is too long: at most %(max)s characters."),
            code="comment_too_long",
            params={"max": MAX_COMMENT},
        )
    address = (
        addresses_current(user=actor)
        .filter(neighbourhood=initiative.neighbourhood)
        .first()
    )
    if address is None:
        raise ValidationError(
            _("Only residents of %(wijk)s can sign for this plan."),
            code="not_resident",
            params={"wijk": initiative.neighbourhood.name},
        )
    signature = (
        SupportSignature.objects.select_for_update()
        .filter(initiative=initiative, signer=actor)
        .first()
    )
    before = signature.stance if signature is not None else None
    if signature is None:
        signature = SupportSignature.objects.create(
            initiative=initiative,
            signer=actor,
            address=address,
            stance=stance,
            comment=text,
        )
    else:
        signature.address = address
        signature.stance = stance
        signature.comment = text
        signature.save(update_fields=["address", "stance", "comment", "updated_at"])
    audit_record(
        actor=actor,
        action="initiatives.support_sign",
        subject=initiative,
        data={"signature": signature.pk, "stance": [before, stance]},
    )
    return signature


@transaction.atomic
def support_sign_with_address(
    *,
    actor: User,
    initiative: Initiative,
    address: Mapping[str, Any],
    stance: str,
    comment: str = "",
) -> SupportSignature:
    """A neighbour we have no address of in the plan's wijk gives it and signs, on
    the support page itself (issue #9, point 7): both or neither, so that an address
    outside the wijk is not kept. Errors are keyed by field."""
    added = address_add(actor=actor, user=actor, **address)
    if added.neighbourhood_id != initiative.neighbourhood_id:
        raise ValidationError(
            {
                "postcode": ValidationError(
                    _(
                        "This address is not in %(wijk)s. Only residents of %(wijk)s "
                        "can say what they think of this plan."
                    ),
                    code="not_resident",
                    params={"wijk": initiative.neighbourhood.name},
                )
            }
        )
    return support_sign(
        actor=actor, initiative=initiative, stance=stance, comment=comment
    )


@transaction.atomic
def support_withdraw(*, actor: User, initiative: Initiative) -> None:
    """The signer takes their signature back, until the plan is decided."""
    initiative = _lock(initiative)
    _require_open_for_support(initiative)
    signature = (
        SupportSignature.objects.select_for_update()
        .filter(initiative=initiative, signer=actor)
        .first()
    )
    if signature is None:
        raise ValidationError(
            _("You have not signed for this plan."), code="not_signed"
        )
    data = {"signature": signature.pk, "stance": signature.stance}
    signature.delete()
    audit_record(
        actor=actor,
        action="initiatives.support_withdraw",
        subject=initiative,
        data=data,
    )
