"""The fixed contact official, and handing an initiative over to another one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.refusals import Refusals
from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.models import (
    ContactHandover,
    Initiative,
)
from wijkvoucher.initiatives.notify import handover_notify
from wijkvoucher.neighbourhoods.selectors.roles import user_has_role

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

from wijkvoucher.initiatives.permissions import is_wijk_official
from wijkvoucher.initiatives.services.guards import (
    S,
    _lock,
    _require_text,
)
from wijkvoucher.neighbourhoods.roles import OFFICIAL_ROLES


def _check_colleague(actor: User, initiative: Initiative, to_official: User) -> None:
    """The new contact official: someone else than the current one and than the
    person handing over, holding the contact-official or coordinator role for the
    wijk (or the whole municipality) today, and not the initiator."""
    if to_official.pk == initiative.contact_official_id:
        raise ValidationError(
            _("This person is already the contact official."), code="same_official"
        )
    if to_official.pk == actor.pk:
        raise ValidationError(
            _("You cannot hand the plan over to yourself. Choose a colleague."),
            code="self_handover",
        )
    if (
        not to_official.is_active
        or to_official.pk == initiative.initiator_id
        or not user_has_role(
            user=to_official,
            roles=OFFICIAL_ROLES,
            neighbourhood=initiative.neighbourhood,
        )
    ):
        raise ValidationError(
            _(
                "%(person)s is not a contact official of this wijk. Choose a "
                "colleague from the list."
            ),
            code="not_an_official",
            params={"person": to_official.display_name},
        )


@transaction.atomic
def initiative_contact_change(
    *, actor: User, initiative: Initiative, to_official: User, note: str
) -> ContactHandover:
    """Hand the initiative over to another contact official of the wijk (or of the
    whole municipality), with a note so that the resident does not have to tell
    their story twice. Refused, all problems at once: an empty note (``required``),
    the current contact official (``same_official``), oneself (``self_handover``),
    someone without the role (``not_an_official``)."""
    initiative = _lock(initiative)
    if actor.pk == initiative.initiator_id or not is_wijk_official(
        user=actor, initiative=initiative
    ):
        raise PermissionDenied
    if initiative.status == S.DRAFT:
        raise ValidationError(
            _("A draft has no contact official yet."), code="not_submitted"
        )
    refusals = Refusals()
    note = refusals.check(lambda: _require_text(note, str(_("note"))), "")
    refusals.check(lambda: _check_colleague(actor, initiative, to_official), None)
    refusals.raise_all()
    handover = ContactHandover.objects.create(
        initiative=initiative,
        from_official_id=initiative.contact_official_id,
        to_official=to_official,
        note=note,
        actor=actor,
    )
    previous = initiative.contact_official_id
    initiative.contact_official = to_official
    initiative.save(update_fields=["contact_official", "updated_at"])
    handover_notify(initiative=initiative, note=note)
    audit_record(
        actor=actor,
        action="initiatives.initiative_contact_change",
        subject=initiative,
        data={"from": previous, "to": to_official.pk, "handover": handover.pk},
    )
    return handover
