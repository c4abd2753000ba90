"""Participation in a plan: co-initiators invited by e-mail, and neighbours who sign
support (for, against or neutral) with their current address (their services are in
``support``).

Invitations carry a random secret (``secrets.token_urlsafe``) that is stored only as its
SHA-256 hash; it expires after ``INVITE_DAYS`` and works once."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from functools import partial
from typing import TYPE_CHECKING

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
)
from wijkvoucher.initiatives.links import co_initiator_invitation_path, resident_url
from wijkvoucher.initiatives.models import CoInitiator, Initiative
from wijkvoucher.initiatives.selectors.participation import (
    co_initiator_by_token,
    token_hash,
)
from wijkvoucher.initiatives.services.guards import _lock
from wijkvoucher.notifications.services import notification_send

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

logger = logging.getLogger(__name__)

S = InitiativeStatus
INVITE_DAYS = 14
MAX_OPEN_INVITES = 5
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
