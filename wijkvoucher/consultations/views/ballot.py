"""The voter's pages (docs/voting.md): the code from the letter, the letter's QR link,
voting with an account, the ballot and the receipt.

The way through on a phone is three pages: the QR link shows one button (a POST, so
that link scanners and previews consume nothing), which leads to the ballot; sending
the ballot redirects (303) to the receipt page, so that reloading it never sends the
ballot again. The receipt travels to that page in a signed cookie, never in a URL,
and is shown once. Between the pages the browser carries a signed cookie
(``views/voter.py``), not the code and not a database session."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.consultations.codes import code_normalise, receipt_format
from wijkvoucher.consultations.constants import (
    BallotChannel,
    BallotType,
)
from wijkvoucher.consultations.forms import BallotForm, CodeForm, code_unknown_error
from wijkvoucher.consultations.models import (
    Consultation,
    ConsultationOption,
    Credential,
)
from wijkvoucher.consultations.selectors import (
    account_credential_of,
    consultation_for_ballot,
    credential_for_code,
)
from wijkvoucher.consultations.services import (
    BallotOrigin,
    account_ballot_cast,
    account_credential_for,
    ballot_cast,
)
from wijkvoucher.consultations.services.ballots import (
    accepting_refusal,
    ballot_rules_of,
)
from wijkvoucher.consultations.views.ballot_page import ballot_context
from wijkvoucher.consultations.views.kept import ballot_facts
from wijkvoucher.consultations.views.limits import (
    at_voting_location,
    code_attempts_exhausted,
    code_failure_counted,
    too_many,
)
from wijkvoucher.consultations.views.voter import (
    RECEIPT_COOKIE,
    VOTER_COOKIE_PATH,
    Voter,
    receipt_set,
    receipt_take,
    voter_of,
    voter_set,
)
from wijkvoucher.core.addresses import client_ip
from wijkvoucher.core.forms import add_refusal
from wijkvoucher.neighbourhoods.permissions import signed_in_user

TEMPLATES = "consultations/vote"
# A valid code that stands for nobody: looked up when the typed text is no code at
# all, so that a wrong code of any form costs the same query as a right one.
_NO_CODE = "0000-0000-00000"
# Refusals of the ballot service that belong to the ticked plans.
_CHOICE_CODES = dict.fromkeys(
    ("too_many_choices", "over_budget", "duplicate_choice", "unknown_option"), "choices"
)
# The declaration's refusal belongs to its box; with the choices' refusals, the only
# ones that keep the ballot page of an account that declares its age.
_AGE_FIELD = {"age_declaration_needed": "age_declared"}
# Refusals of the account itself: the page that says why, not the ballot again.
_ACCOUNT_REFUSALS = frozenset(
    {"no_confirmed_address", "use_letter", "credential_taken", "too_young"}
)
# The voter cookie of an account that has no credential yet (it declares its age
# on the ballot page).
PENDING = 0


def _check_code(typed: str) -> Credential | None:
    """The credential of ``typed``, looked up the same way whether or not it can be a
    code (so that right and wrong codes take about as long)."""
    valid = code_normalise(typed) is not None
    found = credential_for_code(code=typed if valid else _NO_CODE)
    return found if valid else None


def _to_ballot(
    request: HttpRequest, credential: Credential, channel: str
) -> HttpResponse:
    consultation = credential.consultation
    response = redirect("consultations:ballot", consultation_uuid=consultation.uuid)
    user_id = credential.user_id if channel == BallotChannel.ACCOUNT else None
    voter_set(
        response,
        request,
        Voter(consultation.pk, credential.pk, str(channel), user_id),
    )
    return response


def _code_post(request: HttpRequest, typed: str) -> Credential | HttpResponse | None:
    """Check a typed or scanned code within the limit on wrong codes: the
    credential, a 429 answer, or None (wrong; counted)."""
    registered = at_voting_location(request)
    if code_attempts_exhausted(request, registered=registered):
        return too_many(request)
    credential = _check_code(typed)
    if credential is None and code_failure_counted(request, registered=registered):
        return too_many(request)
    return credential


@require_http_methods(["GET", "HEAD", "POST"])
def code_entry(request: HttpRequest) -> HttpResponse:
    """``/stemmen/``: type the code from the letter."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        typed = str(request.POST.get("code", ""))[:64]
        outcome = _code_post(request, typed)
        if isinstance(outcome, HttpResponse):
            return outcome
        if outcome is not None:
            return _to_ballot(request, outcome, BallotChannel.LETTER)
        if form.is_valid():
            form.add_error("code", code_unknown_error())
    return render(request, f"{TEMPLATES}/code.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def code_link(request: HttpRequest, code: str) -> HttpResponse:
    """``/stemmen/<code>/``, the QR link of the letter. GET changes nothing and shows
    one button; its POST checks the code (same limit) and goes to the ballot."""
    if request.method == "POST":
        outcome = _code_post(request, code[:64])
        if isinstance(outcome, HttpResponse):
            return outcome
        if outcome is not None:
            return _to_ballot(request, outcome, BallotChannel.LETTER)
        form = CodeForm({"code": code[:64]})
        if form.is_valid():
            form.add_error("code", code_unknown_error())
        return render(request, f"{TEMPLATES}/code.html", {"form": form})
    response = render(request, f"{TEMPLATES}/link.html", {"code": code[:64]})
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _consultation(consultation_uuid: uuid.UUID) -> Consultation:
    consultation = consultation_for_ballot(uuid=consultation_uuid)
    if consultation is None:
        raise Http404
    return consultation


@require_POST
def account_start(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    """Vote with the account: find (or make) the resident's credential, then the
    ballot. A refusal says why, and that the letter's code works."""
    user = signed_in_user(request)
    consultation = _consultation(consultation_uuid)
    try:
        credential = account_credential_for(user=user, consultation=consultation)
    except ValidationError as exc:
        if exc.code == "age_declaration_needed":
            # No credential yet: the ballot page asks for the declaration, and its
            # POST makes the credential and casts the ballot together.
            response = redirect(
                "consultations:ballot", consultation_uuid=consultation.uuid
            )
            voter_set(
                response,
                request,
                Voter(consultation.pk, PENDING, BallotChannel.ACCOUNT, user.pk),
            )
            return response
        return _account_refused(request, consultation, exc)
    credential.consultation = consultation
    return _to_ballot(request, credential, BallotChannel.ACCOUNT)


def _account_refused(
    request: HttpRequest, consultation: Consultation, exc: ValidationError
) -> HttpResponse:
    return render(
        request,
        f"{TEMPLATES}/account_refused.html",
        {
            "consultation": consultation,
            "wijk": consultation.neighbourhood,
            "error": exc,
            "too_young": exc.code == "too_young",
        },
        status=403,
    )


def _no_voter(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    return render(
        request,
        f"{TEMPLATES}/no_voter.html",
        {"consultation": consultation, "wijk": consultation.neighbourhood},
        status=403,
    )


def _account_matches(request: HttpRequest, voter: Voter) -> bool:
    if voter.channel != BallotChannel.ACCOUNT:
        return True
    user = request.user
    return bool(user.is_authenticated and user.pk == voter.user_id)


def _not_accepting(
    request: HttpRequest, consultation: Consultation, refusal: ValidationError
) -> HttpResponse:
    return render(
        request,
        f"{TEMPLATES}/window.html",
        {
            "consultation": consultation,
            "wijk": consultation.neighbourhood,
            "refusal": refusal,
            "closed": refusal.code == "closed",
        },
        status=200 if request.method != "POST" else 409,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def ballot(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    """``/stemmen/<consultation>/stembiljet/``: the ballot; sending it redirects to
    the receipt (303)."""
    consultation, options = ballot_facts(
        consultation_uuid, fresh=request.method != "POST"
    )
    refusal = accepting_refusal(consultation, timezone.now())
    if refusal is not None:
        return _not_accepting(request, consultation, refusal)
    voter = voter_of(request, consultation_id=consultation.pk)
    if voter is None or not _account_matches(request, voter):
        return _no_voter(request, consultation)
    if voter.credential_id == PENDING:
        return _ballot_declaring(request, consultation, options, voter)
    voted_on = None
    if request.method != "POST":
        found = (
            Credential.objects.filter(
                pk=voter.credential_id, consultation_id=consultation.pk
            )
            .values_list("voted_on", "revoked")
            .first()
        )
        if found is None or found[1]:
            return _no_voter(request, consultation)
        voted_on = found[0]
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        consultation=consultation,
        options=options,
    )
    if request.method == "POST" and form.is_valid():
        try:
            receipt = ballot_cast(
                consultation=consultation,
                credential=Credential(
                    pk=voter.credential_id, consultation_id=consultation.pk
                ),
                choices=form.ballot_choices(),
                channel=voter.channel,
                origin=BallotOrigin(
                    client_ip(request),
                    str(request.META.get("HTTP_USER_AGENT", ""))[:500],
                ),
                rules=ballot_rules_of(
                    consultation, [(o.pk, o.cost_cents) for o in options]
                ),
            )
        except ValidationError as exc:
            if exc.code in ("closed", "not_open"):
                return _not_accepting(request, consultation, exc)
            add_refusal(form, exc, fields=_field_map(consultation))
        else:
            return _sent(request, consultation, receipt)
    return _ballot_page(request, consultation, options, form, voted_on=voted_on)


def _sent(
    request: HttpRequest, consultation: Consultation, receipt: str
) -> HttpResponse:
    sent = redirect("consultations:receipt", consultation_uuid=consultation.uuid)
    sent.status_code = 303  # See Other: the receipt page is a GET
    receipt_set(sent, request, consultation.pk, receipt)
    return sent


def _ballot_page(
    request: HttpRequest,
    consultation: Consultation,
    options: list[ConsultationOption],
    form: BallotForm,
    **extra: Any,
) -> HttpResponse:
    response = render(
        request,
        f"{TEMPLATES}/ballot.html",
        ballot_context(consultation, options, form, **extra),
    )
    response["Cache-Control"] = "no-store"
    return response


def _ballot_declaring(
    request: HttpRequest,
    consultation: Consultation,
    options: list[ConsultationOption],
    voter: Voter,
) -> HttpResponse:
    """The ballot of an account that has no credential yet and must declare that it
    is old enough (no register, no birth date recorded): the box on the ballot, and
    its POST makes the credential and casts the ballot in one service. When the
    credential exists by now (another tab), the page is the plain ballot."""
    own = account_credential_of(consultation=consultation, user_id=voter.user_id)
    if own is not None:
        credential_id, revoked = own
        if revoked:
            return _no_voter(request, consultation)
        # The plain ballot from now on: the cookie names the credential.
        account = Voter(
            consultation.pk, credential_id, BallotChannel.ACCOUNT, voter.user_id
        )
        response = redirect("consultations:ballot", consultation_uuid=consultation.uuid)
        if request.method == "POST":
            response.status_code = 307  # send the same ballot again, to the credential
        voter_set(response, request, account)
        return response
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        consultation=consultation,
        options=options,
        ask_age=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            credential, receipt = account_ballot_cast(
                user=signed_in_user(request),
                consultation=consultation,
                age_declared=form.cleaned_data["age_declared"],
                choices=form.ballot_choices(),
                origin=BallotOrigin(
                    client_ip(request),
                    str(request.META.get("HTTP_USER_AGENT", ""))[:500],
                ),
                rules=ballot_rules_of(
                    consultation, [(o.pk, o.cost_cents) for o in options]
                ),
            )
        except ValidationError as exc:
            if exc.code in ("closed", "not_open"):
                return _not_accepting(request, consultation, exc)
            if exc.code in _ACCOUNT_REFUSALS:
                return _account_refused(request, consultation, exc)
            add_refusal(form, exc, fields={**_field_map(consultation), **_AGE_FIELD})
        else:
            sent = _sent(request, consultation, receipt)
            voter_set(
                sent,
                request,
                Voter(
                    consultation.pk, credential.pk, BallotChannel.ACCOUNT, voter.user_id
                ),
            )
            return sent
    return _ballot_page(request, consultation, options, form)


def _field_map(consultation: Consultation) -> dict[str, str]:
    if consultation.ballot_type in (BallotType.APPROVAL, BallotType.KNAPSACK):
        return _CHOICE_CODES
    return {}


@require_http_methods(["GET", "HEAD"])
def receipt(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    """``/stemmen/<consultation>/ontvangen/``: the receipt of the ballot this browser
    just sent, shown once (the cookie that carried it is deleted); without it, a page
    that says the receipt is shown only once. Never stored by any cache."""
    consultation, _options = ballot_facts(consultation_uuid, fresh=False)
    received = receipt_take(request, consultation_id=consultation.pk)
    response = render(
        request,
        f"{TEMPLATES}/receipt.html",
        {
            "consultation": consultation,
            "wijk": consultation.neighbourhood,
            "receipt": receipt_format(received) if received else "",
            "ballot_url": reverse(
                "consultations:ballot", kwargs={"consultation_uuid": consultation.uuid}
            ),
            "open": accepting_refusal(consultation, timezone.now()) is None,
        },
    )
    if received:
        response.delete_cookie(RECEIPT_COOKIE, path=VOTER_COOKIE_PATH)
    response["Cache-Control"] = "no-store"
    return response
