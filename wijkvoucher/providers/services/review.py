"""The coordinator's review of a provider's application: approve it, return it for
more information, or reject it, each with the applicant told why."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.accounts.models import User
from wijkvoucher.core.pagecache import public_pages_changed
from wijkvoucher.core.refusals import Refusals
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.selectors.roles import (
    municipalities_where_user_has_role,
)
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.providers.constants import ProviderReviewStatus
from wijkvoucher.providers.links import application_url, provider_home_url
from wijkvoucher.providers.models import (
    Provider,
    ProviderMembership,
)
from wijkvoucher.providers.services.memberships import provider_membership_add
from wijkvoucher.providers.services.registration import _lock_provider, _review_step
from wijkvoucher.providers.services.transitions import providers_transition
from wijkvoucher.providers.workflow import PROVIDER_REVIEW


def _require_reviewer(actor: User, provider: Provider) -> None:
    if (
        not municipalities_where_user_has_role(user=actor, roles=[Role.COORDINATOR])
        .filter(pk=provider.municipality_id)
        .exists()
    ):
        raise PermissionDenied


@transaction.atomic
def provider_approve(*, actor: User, provider: Provider) -> Provider:
    """Approve a provider: from now on initiators can spend vouchers there. The
    person who registered it (if any) becomes its first user and is told."""
    provider = _lock_provider(provider)
    if provider.approved_at is not None:
        raise ValidationError(
            _("%(provider)s has already been approved."),
            code="already_approved",
            params={"provider": provider.name},
        )
    _review_step(provider, ProviderReviewStatus.APPROVED, "vouchers.provider_approve")
    # Approved providers are on the public wijk pages.
    public_pages_changed()
    approved_at = timezone.now()
    providers_transition(
        actor=actor,
        machine=PROVIDER_REVIEW,
        row=provider,
        to=ProviderReviewStatus.APPROVED,
        action="vouchers.provider_approve",
        fields={
            "approved_at": approved_at,
            "approved_by": actor,
            "review_reason": "",
        },
        audit_data={"approved_at": approved_at},
    )
    registrant = provider.registered_by
    if (
        registrant is not None
        and registrant.is_active
        and not ProviderMembership.objects.filter(
            provider=provider, user=registrant
        ).exists()
    ):
        provider_membership_add(
            actor=actor,
            provider=provider,
            user=registrant,
            valid_from=timezone.localdate(),
        )
        notification_send(
            recipients=[registrant],
            kind="vouchers.provider_approved",
            subject=_("%(provider)s can now accept vouchers"),
            body=_(
                "The municipality approved %(provider)s. Open the provider portal to "
                "accept vouchers; the first time you set up the second sign-in step."
            ),
            params={"provider": provider.name},
            url=provider_home_url(),
        )
    return provider


def _reason_required(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(
            _("Write the reason for the applicant: they read it in the message."),
            code="reason_required",
        )
    return text


# The coordinator's answers that go back to the applicant with a reason: the message
# each sends (subject, body) in the applicant's language.
_ANSWERS: dict[ProviderReviewStatus, tuple[str, Any, Any]] = {
    ProviderReviewStatus.RETURNED: (
        "return",
        _("Your application for %(provider)s needs more information"),
        _(
            "The municipality checked the application of %(provider)s and needs "
            "more information: %(reason)s Correct the application and send it "
            "again."
        ),
    ),
    ProviderReviewStatus.REJECTED: (
        "reject",
        _("Your application for %(provider)s has been rejected"),
        _(
            "The municipality rejected the application of %(provider)s: %(reason)s "
            "Do you have questions, or do you disagree? Contact the municipality."
        ),
    ),
}


def _answer(
    *, actor: User, provider: Provider, to: ProviderReviewStatus, reason: str
) -> Provider:
    """Return or reject the application with ``reason``, and tell the applicant,
    with a link to their application page. Refuses, all at once, a step the review
    table does not allow now and an empty reason."""
    provider = _lock_provider(provider)
    _require_reviewer(actor, provider)
    refusals = Refusals()
    verb, subject, body = _ANSWERS[to]
    action = f"vouchers.provider_{verb}"
    refusals.check(lambda: _review_step(provider, to, action), None)
    text = refusals.check(lambda: _reason_required(reason), "")
    refusals.raise_all()
    providers_transition(
        actor=actor,
        machine=PROVIDER_REVIEW,
        row=provider,
        to=to,
        action=action,
        fields={"review_reason": text},
        audit_data={"reason": text},
    )
    notification_send(
        recipients=[provider.registered_by],
        kind=f"vouchers.provider_{to.value}",
        subject=subject,
        body=body,
        params={"provider": provider.name, "reason": _sentence(text)},
        url=application_url(provider),
    )
    return provider


@transaction.atomic
def provider_return(*, actor: User, provider: Provider, reason: str) -> Provider:
    """Send the application back to the applicant for more information, with the
    reason; they correct it and send it again (``provider_application_resubmit``)."""
    return _answer(
        actor=actor, provider=provider, to=ProviderReviewStatus.RETURNED, reason=reason
    )


@transaction.atomic
def provider_reject(*, actor: User, provider: Provider, reason: str) -> Provider:
    """Reject the application, with the reason sent to the applicant."""
    return _answer(
        actor=actor, provider=provider, to=ProviderReviewStatus.REJECTED, reason=reason
    )


def _sentence(text: str) -> str:
    """The reason as a sentence inside the message: ends with a full stop."""
    return text if text.endswith((".", "!", "?")) else f"{text}."
