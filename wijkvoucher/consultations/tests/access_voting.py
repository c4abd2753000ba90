"""Access-matrix rows for the voting pages and the public consultation pages (merged
into tests/test_access_matrix.py). Voting needs a code or a confirmed address, not a
role: the code page and the QR link are open to everyone, the ballot is refused to a
browser that brought no code, voting with an account is refused to everyone whose
residency in the wijk is not confirmed (nobody in the test world). The public pages
are open to all; the published ballots exist only once the result is certified."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tests.access_world import World
from tests.test_access_matrix import Route, everyone, page
from wijkvoucher.consultations.codes import ballot_key_generate
from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.models import Ballot, Consultation, ConsultationOption
from wijkvoucher.consultations.tests.factories import photo_put


def _consultation(w: World, status: str) -> Consultation:
    now = timezone.now()
    certified = status == ConsultationStatus.CERTIFIED
    consultation = Consultation.objects.create(
        neighbourhood=w.wijk,
        kind="budget_vote",
        title="Wijkbudget",
        question="Welke plannen?",
        ballot_type="approval",
        budget_cents=1_000_000,
        rule="greedy",
        opens_at=now - dt.timedelta(days=20 if certified else 1),
        closes_at=now - dt.timedelta(days=6)
        if certified
        else now + dt.timedelta(days=6),
        status=status,
        created_by=w.users["official"],
        ballot_key=None if certified else ballot_key_generate(),
    )
    option = ConsultationOption.objects.create(
        consultation=consultation, title="Bankjes", cost_cents=300_000, position=1
    )
    if certified:
        Ballot.objects.create(
            consultation=consultation,
            choices=[option.pk],
            receipt="0123456789",
            channel="letter",
            cast_on=timezone.localdate(now) - dt.timedelta(days=10),
        )
        consultation.result = {
            "rule": "greedy",
            "selected": [option.pk],
            "cost": 300_000,
            "budget": 1_000_000,
            "votes": {str(option.pk): 1},
            "unsupported": [],
            "ballots": 1,
            "tie_break_matters": False,
        }
        consultation.certified_at = now - dt.timedelta(days=5)
        consultation.save(update_fields=["result", "certified_at"])
    return consultation


def _open(w: World) -> dict[str, Any]:
    return {"consultation_uuid": _consultation(w, ConsultationStatus.PUBLISHED).uuid}


def _open_photo(w: World) -> dict[str, Any]:
    consultation = _consultation(w, ConsultationStatus.PUBLISHED)
    option = consultation.options.get()
    photo_put(option)
    return {"consultation_uuid": consultation.uuid, "option_id": option.pk}


def _open_page(w: World) -> dict[str, Any]:
    return {"slug": w.wijk.slug, **_open(w)}


def _certified_page(w: World) -> dict[str, Any]:
    consultation = _consultation(w, ConsultationStatus.CERTIFIED)
    return {"slug": w.wijk.slug, "consultation_uuid": consultation.uuid}


def _draft_page(w: World) -> dict[str, Any]:
    consultation = _consultation(w, ConsultationStatus.DRAFT)
    return {"slug": w.wijk.slug, "consultation_uuid": consultation.uuid}


ROUTES: dict[str, Route] = {
    "consultations:vote": page(everyone("ok")),
    "consultations:vote_link": Route(
        expect={"code": everyone("ok")},
        kwargs={"code": lambda w: {"code": "ABCD-EFGH-JKMN0"}},
    ),
    "consultations:ballot": Route(
        expect={"open": everyone("forbidden")}, kwargs={"open": _open}
    ),
    "consultations:option_photo": Route(
        expect={"open": everyone("ok")}, kwargs={"open": _open_photo}
    ),
    # Anyone may open it; it shows a receipt only to the browser that just voted.
    "consultations:receipt": Route(
        expect={"open": everyone("ok")}, kwargs={"open": _open}
    ),
    "consultations:account_start": Route(
        method="post",
        expect={"open": everyone("forbidden", anonymous="login")},
        kwargs={"open": _open},
    ),
    "consultations:list": Route(
        expect={"wijk": everyone("ok")},
        kwargs={"wijk": lambda w: {"slug": w.wijk.slug}},
    ),
    "consultations:detail": Route(
        expect={
            "open": everyone("ok"),
            "certified": everyone("ok"),
            "draft": everyone("missing"),
        },
        kwargs={
            "open": _open_page,
            "certified": _certified_page,
            "draft": _draft_page,
        },
    ),
    **{
        name: Route(
            expect={"certified": everyone("ok"), "open": everyone("missing")},
            kwargs={"certified": _certified_page, "open": _open_page},
        )
        for name in (
            "consultations:ballots",
            "consultations:ballots_csv",
            "consultations:ballots_pb",
        )
    },
}
