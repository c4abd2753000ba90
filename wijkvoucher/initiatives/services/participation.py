"""Participation in a plan: co-initiators invited by e-mail, and neighbours who sign
support (for, against or neutral) with their current address.

Invitations carry a random secret (``secrets.token_urlsafe``) that is stored only as its
SHA-256 hash; it expires after ``INVITE_DAYS`` and works once."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.constants import (
    OPEN_FOR_SUPPORT,
    InitiativeStatus,
    SupportStance,
)
from wijkvoucher.initiatives.links import co_initiator_invitation_path, resident_url
from wijkvoucher.initiatives.models import CoInitiator, Initiative, SupportSignature
from wijkvoucher.initiatives.permissions import is_co_initiator
from wijkvoucher.initiatives.selectors_participation import (
    co_initiator_by_token,
    token_hash,
)
from wijkvoucher.initiatives.services.guards import _lock
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current
from wijkvoucher.neighbourhoods.services.addresses import address_add
from wijkvoucher.notifications.services import notification_send

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

logger = logging.getLogger(__name__)

S = InitiativeStatus
INVITE_DAYS = 14
MAX_OPEN_INVITES = 5
MAX_COMMENT = 1000
# Co-initiators can be invited while the plan is written and until it is decided.
OPEN_FOR_CO_INITIATORS: frozenset[S] = OPEN_FOR_SUPPORT


def _email_normalise(email: str) -> str:
    value = email.strip().lower()
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a valid e-mail address, for example naam@voorbeeld.nl."),
            code="invalid_email",
        ) from None
    return value


def _require_initiator(*, actor: User, initiative: Initiative) -> None:
    if actor.pk != initiative.initiator_id:
        raise PermissionDenied


def _require_open_for_co_initiators(initiative: Initiative) -> None:
    if initiative.status not in OPEN_FOR_CO_INITIATORS:
        raise ValidationError(
            _(
                "This plan has been decided on. You can no longer change who takes part."
            ),
            code="decided",
        )


# --- Co-initiators ------------------------------------------------------------------


def co_initiator_invite_email_send(
    *, invitation_id: int, token: str, language: str
) -> None:
    """The invitation e-mail, sent after commit. The token exists only here and in
    the e-mail: the database holds its hash."""
    invitation = (
        CoInitiator.objects.select_related("initiative", "invited_by")
        .filter(pk=invitation_id, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    path = co_initiator_invitation_path(token)
    context = {
        "url": f"{settings.SITE_URL}{path}",
        "title": invitation.initiative.title,
        "inviter": invitation.invited_by.display_name,
        "days": INVITE_DAYS,
    }
    with translation.override(language):
        subject = _g("You are invited to join a plan for your wijk")
        body = render_to_string(
            "initiatives/resident/emails/co_initiator_invite.txt", context
        )
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    try:
        message.send()
    except OSError as exc:
        logger.error(
            "Invitation e-mail could not be sent (invitation %s, %s).",
            invitation.pk,
            type(exc).__name__,
        )


@transaction.atomic
def co_initiator_invite(
    *, actor: User, initiative: Initiative, email: str
) -> CoInitiator:
    """The initiator invites someone by e-mail to be a co-initiator of their plan."""
    initiative = _lock(initiative)
    _require_initiator(actor=actor, initiative=initiative)
    _require_open_for_co_initiators(initiative)
    address = _email_normalise(email)
    if address == (actor.email or "").strip().lower():
        raise ValidationError(
            _("You cannot invite yourself: you are already the initiator."),
            code="self_invite",
        )
    now = timezone.now()
    rows = CoInitiator.objects.filter(initiative=initiative, revoked_at__isnull=True)
    if rows.filter(email=address).exists():
        raise ValidationError(
            _(
                "You have already invited this e-mail address. Withdraw that "
                "invitation first if you want to send a new one."
            ),
            code="already_invited",
        )
    open_invites = rows.filter(
        accepted_at__isnull=True, declined_at__isnull=True, expires_at__gt=now
    ).count()
    if open_invites >= MAX_OPEN_INVITES:
        raise ValidationError(
            _(
                "You can have at most %(max)s open invitations. Wait for an answer "
                "or withdraw an invitation."
            ),
            code="too_many_invites",
            params={"max": MAX_OPEN_INVITES},
        )
    token = secrets.token_urlsafe(24)
    invitation = CoInitiator.objects.create(
        initiative=initiative,
        email=address,
        invited_by=actor,
        token_hash=token_hash(token),
        expires_at=now + dt.timedelta(days=INVITE_DAYS),
    )
    audit_record(
        actor=actor,
        action="initiatives.co_initiator_invite",
        subject=initiative,
        data={"invitation": invitation.pk},
    )
    transaction.on_commit(
        partial(
            co_initiator_invite_email_send,
            invitation_id=invitation.pk,
            token=token,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    )
    return invitation


def _usable_invitation(*, actor: User, token: str) -> CoInitiator:
    found = co_initiator_by_token(token)
    invalid = ValidationError(
        _("This invitation link is not valid. Ask the initiator for a new one."),
        code="invalid_token",
    )
    if found is None:
        raise invalid
    invitation = CoInitiator.objects.select_for_update().get(pk=found.pk)
    if invitation.revoked_at is not None:
        raise invalid
    if invitation.accepted_at is not None or invitation.declined_at is not None:
        raise ValidationError(
            _("This invitation has already been answered."), code="used"
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation has expired. Ask the initiator for a new one."),
            code="expired",
        )
    if (actor.email or "").strip().lower() != invitation.email:
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Sign in with "
                "the address the invitation was sent to."
            ),
            code="wrong_email",
        )
    return invitation


@transaction.atomic
def co_initiator_accept(*, actor: User, token: str) -> CoInitiator:
    """The invited person, signed in with the invited e-mail address, joins."""
    invitation = _usable_invitation(actor=actor, token=token)
    initiative = _lock(invitation.initiative)
    _require_open_for_co_initiators(initiative)
    if actor.pk == initiative.initiator_id:
        raise ValidationError(
            _("You are already the initiator of this plan."), code="self_invite"
        )
    invitation.user = actor
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["user", "accepted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="initiatives.co_initiator_accept",
        subject=initiative,
        data={"invitation": invitation.pk},
    )
    notification_send(
        recipients=[initiative.initiator],
        kind="co_initiator_accepted",
        subject=_("Someone joined your plan %(title)s"),
        body=_("%(name)s is now a co-initiator of your plan %(title)s."),
        params={"title": initiative.title, "name": actor.display_name},
        url=resident_url(initiative),
    )
    return invitation


@transaction.atomic
def co_initiator_decline(*, actor: User, token: str) -> CoInitiator:
    """The invited person says no."""
    invitation = _usable_invitation(actor=actor, token=token)
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at", "updated_at"])
    audit_record(
        actor=actor,
        action="initiatives.co_initiator_decline",
        subject=invitation.initiative,
        data={"invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def co_initiator_revoke(*, actor: User, co_initiator: CoInitiator) -> CoInitiator:
    """The initiator withdraws an invitation, or removes a co-initiator."""
    initiative = _lock(co_initiator.initiative)
    _require_initiator(actor=actor, initiative=initiative)
    _require_open_for_co_initiators(initiative)
    row = CoInitiator.objects.select_for_update().get(
        pk=co_initiator.pk, initiative=initiative
    )
    if row.revoked_at is not None:
        raise ValidationError(
            _("This invitation has already been withdrawn."), code="revoked"
        )
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        action="initiatives.co_initiator_revoke",
        subject=initiative,
        data={"invitation": row.pk, "was_accepted": row.accepted_at is not None},
    )
    return row


# --- Support ------------------------------------------------------------------------


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
