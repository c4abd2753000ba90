"""Access-matrix rows for the organisers' pages of a wijkraadpleging (merged into
tests/test_access_matrix.py). "own" consultations are in the world's wijk, where the
steering member and the contact official work; "other" ones in the other wijk, where
only the municipality-wide coordinator works.

Readers: the regiegroep and the wijk's officials. Organisers: the contact official
(the world has no chair or secretary). Election officials (assisted and paper
ballots): the contact official and the coordinator."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from typing import Any

from tests.access_world import World
from tests.test_access_matrix import Route, everyone
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.tests.factories import (
    ConsultationFactory,
    ConsultationOptionFactory,
    photo_put,
)
from wijkvoucher.neighbourhoods.models import Neighbourhood

READ = everyone(
    "forbidden",
    anonymous="login",
    official_unverified="otp",
    steering_member="ok",
    official="ok",
    coordinator="ok",
)
READ_ELSEWHERE = {**READ, "steering_member": "missing", "official": "missing"}
ORGANISE = {**READ, "steering_member": "forbidden", "coordinator": "forbidden"}
ORGANISE_ELSEWHERE = {
    **ORGANISE,
    "steering_member": "missing",
    "official": "missing",
}
ASSIST = {**READ, "steering_member": "forbidden"}
ASSIST_ELSEWHERE = {**ASSIST, "steering_member": "missing", "official": "missing"}


def _consultation(w: World, wijk: Neighbourhood) -> Consultation:
    consultation = ConsultationFactory(
        neighbourhood=wijk, created_by=w.users["official"]
    )
    ConsultationOptionFactory(consultation=consultation, position=1)
    return consultation


def _own(w: World) -> dict[str, Any]:
    return {"consultation_uuid": _consultation(w, w.wijk).uuid}


def _other(w: World) -> dict[str, Any]:
    return {"consultation_uuid": _consultation(w, w.other_wijk).uuid}


def _own_option(w: World) -> dict[str, Any]:
    consultation = _consultation(w, w.wijk)
    option = consultation.options.get()
    return {"consultation_uuid": consultation.uuid, "option_id": option.pk}


def _other_option(w: World) -> dict[str, Any]:
    consultation = _consultation(w, w.other_wijk)
    option = consultation.options.get()
    return {"consultation_uuid": consultation.uuid, "option_id": option.pk}


def _own_photo(w: World) -> dict[str, Any]:
    found = _own_option(w)
    photo_put(ConsultationOption.objects.get(pk=found["option_id"]))
    return found


def _other_photo(w: World) -> dict[str, Any]:
    found = _other_option(w)
    photo_put(ConsultationOption.objects.get(pk=found["option_id"]))
    return found


ONE = {"own": _own, "other": _other}


def _per_consultation(
    own: dict[str, str], other: dict[str, str], method: str = "get"
) -> Route:
    return Route(expect={"own": own, "other": other}, kwargs=ONE, method=method)


def _redirecting(expect: dict[str, str]) -> dict[str, str]:
    return {p: "redirect" if v == "ok" else v for p, v in expect.items()}


ROUTES: dict[str, Route] = {
    "consultations_manage:home": Route(expect={"-": READ}),
    "consultations_manage:create": Route(
        expect={"own": ORGANISE, "other": ORGANISE_ELSEWHERE},
        kwargs={
            "own": lambda w: {"slug": w.wijk.slug},
            "other": lambda w: {"slug": w.other_wijk.slug},
        },
    ),
    "consultations_manage:detail": _per_consultation(READ, READ_ELSEWHERE),
    "consultations_manage:harvest": _per_consultation(READ, READ_ELSEWHERE),
    "consultations_manage:edit": _per_consultation(ORGANISE, ORGANISE_ELSEWHERE),
    "consultations_manage:publish": _per_consultation(ORGANISE, ORGANISE_ELSEWHERE),
    "consultations_manage:cancel": _per_consultation(ORGANISE, ORGANISE_ELSEWHERE),
    "consultations_manage:roll": _per_consultation(ORGANISE, ORGANISE_ELSEWHERE),
    "consultations_manage:replace_letter": _per_consultation(
        ORGANISE, ORGANISE_ELSEWHERE
    ),
    "consultations_manage:certify": _per_consultation(ORGANISE, ORGANISE_ELSEWHERE),
    # An empty form is refused and shown again.
    "consultations_manage:option_add_plan": _per_consultation(
        ORGANISE, ORGANISE_ELSEWHERE, method="post"
    ),
    "consultations_manage:option_add_free": _per_consultation(
        ORGANISE, ORGANISE_ELSEWHERE, method="post"
    ),
    "consultations_manage:option_photo": Route(
        expect={"own": ORGANISE, "other": ORGANISE_ELSEWHERE},
        kwargs={"own": _own_option, "other": _other_option},
    ),
    "consultations_manage:option_photo_file": Route(
        expect={"own": ORGANISE, "other": ORGANISE_ELSEWHERE},
        kwargs={"own": _own_photo, "other": _other_photo},
    ),
    "consultations_manage:option_remove": Route(
        method="post",
        expect={
            "own": _redirecting(ORGANISE),
            "other": _redirecting(ORGANISE_ELSEWHERE),
        },
        kwargs={"own": _own_option, "other": _other_option},
    ),
    # A draft takes no ballots: the page says so.
    "consultations_manage:assisted": _per_consultation(ASSIST, ASSIST_ELSEWHERE),
    "consultations_manage:paper": _per_consultation(ASSIST, ASSIST_ELSEWHERE),
}
