"""Access-matrix rows for participation (merged into tests/test_access_matrix.py):
co-initiator invitations, the support page, and the plan's files.

- Inviting and withdrawing: only the initiator (others 404).
- The invitation page: anyone signed in who holds the link sees it (it says when the
  invitation is for another e-mail address); an unknown link is 404.
- The support page: anyone with the link, from the draft until the decision (someone
  who is not signed in reads the plan and signs in from there); whether they may sign
  is for the service. A decided plan answers 404.
- Files: the initiator, co-initiators, the wijk's officials and regiegroep members
  (after the second factor); anyone else 404."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.access_world import World
from tests.test_access_matrix import Route, everyone, signed_in
from wijkvoucher.accounts.models import User
from wijkvoucher.initiatives.constants import AttachmentKind
from wijkvoucher.initiatives.models import Attachment, CoInitiator, Initiative
from wijkvoucher.initiatives.selectors.participation import token_hash
from wijkvoucher.initiatives.services import initiative_submit, initiative_withdraw
from wijkvoucher.initiatives.tests.factories import InitiativeFactory, complete_draft
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import RegulationVersionFactory

TOKEN = "access-matrix-invitation-token"


def _version(neighbourhood: Neighbourhood) -> None:
    if not neighbourhood.regulation.versions.exists():
        RegulationVersionFactory(
            regulation=neighbourhood.regulation,
            valid_from=start_of_day(dt.date(2020, 1, 1)),
        )


def _submitted(
    neighbourhood: Neighbourhood, initiator: User, contact: User
) -> Initiative:
    _version(neighbourhood)
    neighbourhood.contact_official = contact
    neighbourhood.save(update_fields=["contact_official"])
    today = timezone.localdate()
    draft = complete_draft(
        neighbourhood=neighbourhood,
        initiator=initiator,
        starts_on=today + dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=90),
    )
    return initiative_submit(actor=initiator, initiative=draft)


def _draft(w: World, initiator: User) -> Initiative:
    _version(w.wijk)
    return InitiativeFactory(neighbourhood=w.wijk, initiator=initiator)


def _own_draft(w: World) -> dict[str, Any]:
    return {"initiative_uuid": _draft(w, w.users["resident"]).uuid}


def _other_draft(w: World) -> dict[str, Any]:
    assert w.other_address is not None
    return {"initiative_uuid": _draft(w, w.other_address.user).uuid}


def _invitation(initiative: Initiative, email: str) -> CoInitiator:
    return CoInitiator.objects.create(
        initiative=initiative,
        email=email,
        invited_by=initiative.initiator,
        token_hash=token_hash(TOKEN),
        expires_at=timezone.now() + dt.timedelta(days=14),
    )


def _own_invitation(w: World) -> dict[str, Any]:
    draft = _draft(w, w.users["resident"])
    row = _invitation(draft, "uitgenodigd@example.nl")
    return {"initiative_uuid": draft.uuid, "co_initiator_id": row.pk}


def _other_invitation(w: World) -> dict[str, Any]:
    assert w.other_address is not None
    draft = _draft(w, w.other_address.user)
    row = _invitation(draft, "uitgenodigd@example.nl")
    return {"initiative_uuid": draft.uuid, "co_initiator_id": row.pk}


def _invitation_link(w: World) -> dict[str, Any]:
    assert w.other_address is not None
    _invitation(
        _draft(w, w.other_address.user), (w.users["resident"].email or "").lower()
    )
    return {"token": TOKEN}


def _unknown_link(w: World) -> dict[str, Any]:
    return {"token": "no-such-invitation"}


def _withdrawn_plan(w: World) -> dict[str, Any]:
    assert w.other_address is not None
    plan = _submitted(w.wijk, w.other_address.user, w.users["official"])
    initiative_withdraw(actor=plan.initiator, initiative=plan, motivation="")
    return {"initiative_uuid": plan.uuid}


def _neighbours_plan(w: World) -> dict[str, Any]:
    assert w.other_address is not None
    return {
        "initiative_uuid": _submitted(
            w.wijk, w.other_address.user, w.users["official"]
        ).uuid
    }


def _file(initiative: Initiative) -> Attachment:
    attachment = Attachment(
        initiative=initiative,
        kind=AttachmentKind.DOCUMENT,
        original_name="begroting.pdf",
        content_type="application/pdf",
        size_bytes=9,
        uploaded_by=initiative.initiator,
    )
    attachment.file.save("begroting.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return attachment


def _own_file(w: World) -> dict[str, Any]:
    plan = _submitted(w.wijk, w.users["resident"], w.users["official"])
    return {"initiative_uuid": plan.uuid, "attachment_id": _file(plan).pk}


def _other_file(w: World) -> dict[str, Any]:
    assert w.other_wijk_address is not None
    plan = _submitted(w.other_wijk, w.other_wijk_address.user, w.users["coordinator"])
    return {"initiative_uuid": plan.uuid, "attachment_id": _file(plan).pk}


NOBODY = everyone("missing", anonymous="login")
INITIATOR_ONLY = everyone("missing", anonymous="login", resident="ok")
# The wijk's officials and regiegroep; the coordinator works for the whole
# municipality. An official who has not passed the second factor is sent to it.
FILE_VIEWERS = everyone(
    "missing",
    anonymous="login",
    resident="ok",
    steering_member="ok",
    official="ok",
    official_unverified="otp",
    coordinator="ok",
)

ROUTES: dict[str, Route] = {
    "initiatives:co_initiator_invite": Route(
        method="post",
        data={"email": "buurvrouw@example.nl"},
        expect={
            "own": everyone("missing", anonymous="login", resident="redirect"),
            "other": NOBODY,
        },
        kwargs={"own": _own_draft, "other": _other_draft},
    ),
    "initiatives:co_initiator_revoke": Route(
        method="post",
        expect={
            "own": everyone("missing", anonymous="login", resident="redirect"),
            "other": NOBODY,
        },
        kwargs={"own": _own_invitation, "other": _other_invitation},
    ),
    "initiatives:co_initiator_invitation": Route(
        expect={"own": signed_in("ok"), "other": NOBODY},
        kwargs={"own": _invitation_link, "other": _unknown_link},
    ),
    "initiatives:support_page": Route(
        expect={"own": everyone("ok"), "other": everyone("missing")},
        kwargs={"own": _neighbours_plan, "other": _withdrawn_plan},
    ),
    "initiatives:support_withdraw": Route(
        method="post",
        expect={"own": signed_in("redirect"), "other": NOBODY},
        kwargs={"own": _neighbours_plan, "other": _withdrawn_plan},
    ),
    "initiatives:plan_files": Route(
        expect={"own": INITIATOR_ONLY, "other": NOBODY},
        kwargs={"own": _own_draft, "other": _other_draft},
    ),
    "initiatives:attachment_download": Route(
        expect={
            "own": FILE_VIEWERS,
            "other": everyone("missing", anonymous="login", coordinator="ok"),
        },
        kwargs={"own": _own_file, "other": _other_file},
    ),
}
