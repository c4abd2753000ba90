"""Voting with an official: assisted at a voting location (the official looks the
voter up, checks their ID and fills in the ballot with them), and paper ballots
(two officials each type the code and the choices; the second matching entry casts
the ballot)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.consultations import forms_manage as f
from wijkvoucher.consultations.codes import receipt_format
from wijkvoucher.consultations.models import Credential
from wijkvoucher.consultations.permissions_manage import (
    Desk,
    access_consultation_to_assist,
)
from wijkvoucher.consultations.selectors import consultation_options
from wijkvoucher.consultations.selectors_manage import (
    credential_by_address,
    credential_by_code,
)
from wijkvoucher.consultations.services import (
    BallotOrigin,
    ballot_cast,
    paper_entry_record,
)
from wijkvoucher.consultations.services.paper import COUNTED, DIFFERS
from wijkvoucher.consultations.views.manage import is_accepting
from wijkvoucher.core.addresses import client_ip
from wijkvoucher.core.forms import add_refusal

# The voter found at the desk travels to the ballot step signed, for this official
# and this consultation, for half an hour.
VOTER_SALT = "consultations.assisted-voter"
VOTER_MAX_AGE = 30 * 60
BALLOT_ERROR_FIELDS = {"unknown_code": "code", "entered_twice": "code"}


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _closed_page(request: HttpRequest, desk: Desk, template: str) -> HttpResponse:
    return render(
        request,
        template,
        {"consultation": desk.consultation, "accepting": False},
    )


def _voter_token(desk: Desk, credential: Credential) -> str:
    return signing.dumps(
        {"c": credential.pk, "k": desk.consultation.pk, "u": desk.user.pk},
        salt=VOTER_SALT,
    )


def _voter_from(desk: Desk, token: str) -> Credential | None:
    try:
        data = signing.loads(token, salt=VOTER_SALT, max_age=VOTER_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("k") != desk.consultation.pk or data.get("u") != desk.user.pk:
        return None
    return Credential.objects.filter(
        pk=data.get("c"), consultation=desk.consultation, revoked=False
    ).first()


def _find_voter(desk: Desk, form: f.VoterLookupForm) -> Credential | None:
    data = form.cleaned_data
    consultation = desk.consultation
    if data.get("code", "").strip():
        return credential_by_code(consultation=consultation, code=data["code"])
    return credential_by_address(consultation=consultation, **form.lookup())


def _ballot_page(
    request: HttpRequest, desk: Desk, credential: Credential, form: Any
) -> HttpResponse:
    return _no_store(
        render(
            request,
            "consultations/manage/assisted_ballot.html",
            {
                "consultation": desk.consultation,
                "voter": credential,
                "token": _voter_token(desk, credential),
                "form": form,
            },
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
def assisted(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    desk = access_consultation_to_assist(request, consultation_uuid)
    consultation = desk.consultation
    template = "consultations/manage/assisted.html"
    if not is_accepting(consultation):
        return _closed_page(request, desk, template)
    per_household = consultation.per_household
    if request.method == "POST" and "voter" in request.POST:
        return _assisted_cast(request, desk)
    form = f.VoterLookupForm(
        request.POST if request.method == "POST" else None,
        per_household=per_household,
    )
    not_found = False
    if request.method == "POST" and form.is_valid():
        credential = _find_voter(desk, form)
        if credential is not None:
            options = consultation_options(consultation=consultation)
            ballot = f.AssistedBallotForm(consultation=consultation, options=options)
            return _ballot_page(request, desk, credential, ballot)
        not_found = True
    return _no_store(
        render(
            request,
            template,
            {
                "consultation": consultation,
                "accepting": True,
                "form": form,
                "not_found": not_found,
            },
        )
    )


def _assisted_cast(request: HttpRequest, desk: Desk) -> HttpResponse:
    consultation = desk.consultation
    credential = _voter_from(desk, request.POST.get("voter", ""))
    if credential is None:
        return _no_store(
            render(
                request,
                "consultations/manage/assisted.html",
                {
                    "consultation": consultation,
                    "accepting": True,
                    "form": f.VoterLookupForm(per_household=consultation.per_household),
                    "expired": True,
                },
            )
        )
    options = consultation_options(consultation=consultation)
    form = f.AssistedBallotForm(
        request.POST, consultation=consultation, options=options
    )
    if form.is_valid():
        try:
            receipt = ballot_cast(
                consultation=consultation,
                credential=credential,
                choices=form.choices(),
                channel="assisted",
                origin=BallotOrigin(
                    ip=client_ip(request),
                    user_agent=request.headers.get("user-agent", ""),
                ),
                actor=desk.user,
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            return _no_store(
                render(
                    request,
                    "consultations/manage/assisted_done.html",
                    {
                        "consultation": consultation,
                        "receipt": receipt_format(receipt),
                    },
                )
            )
    return _ballot_page(request, desk, credential, form)


# --- Paper ballots -----------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def paper(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    desk = access_consultation_to_assist(request, consultation_uuid)
    consultation = desk.consultation
    template = "consultations/manage/paper.html"
    if not is_accepting(consultation):
        return _closed_page(request, desk, template)
    options = consultation_options(consultation=consultation)
    form = f.PaperBallotForm(
        request.POST if request.method == "POST" else None,
        consultation=consultation,
        options=options,
    )
    outcome = ""
    if request.method == "POST" and form.is_valid():
        try:
            result = paper_entry_record(
                actor=desk.user,
                consultation=consultation,
                code=form.cleaned_data["code"],
                choices=form.choices(),
            )
        except ValidationError as exc:
            add_refusal(form, exc, BALLOT_ERROR_FIELDS)
        else:
            outcome = result.state
            if outcome != DIFFERS:
                form = f.PaperBallotForm(consultation=consultation, options=options)
    return _no_store(
        render(
            request,
            template,
            {
                "consultation": consultation,
                "accepting": True,
                "form": form,
                "outcome": outcome,
                "counted": outcome == COUNTED,
                "differs": outcome == DIFFERS,
                "first": outcome == "first",
                "message": _paper_message(outcome),
            },
        )
    )


def _paper_message(outcome: str) -> str:
    if outcome == COUNTED:
        return _("Both entries agree: the paper ballot is counted.")
    if outcome == DIFFERS:
        return _(
            "Your entry differs from the entry of the other official. Nothing is "
            "counted. Take the paper ballot and check it with a third official: "
            "when their entry agrees with one of the two, the ballot counts."
        )
    if outcome:
        return _(
            "Your entry is saved. A second official types in this paper ballot "
            "again; when both entries agree, it counts."
        )
    return ""
