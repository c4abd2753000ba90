"""The voter roll: importing the register extract (the answer is the letters, as one
ZIP download), and a new letter for a lost one (the answer is its PDF).

The codes exist in clear only in these answers: the roll keeps a keyed hash, so the
letters cannot be printed again later (docs/voting.md#codes). The answers are never
cached (``Cache-Control: no-store``)."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from wijkvoucher.consultations import forms_manage as f
from wijkvoucher.consultations.eligibility import register_select, vote_day
from wijkvoucher.consultations.letters import Letter, Mailing, letters_csv, letters_pdf
from wijkvoucher.consultations.models import Consultation, Credential
from wijkvoucher.consultations.permissions_manage import (
    Desk,
    access_consultation_to_organise,
)
from wijkvoucher.consultations.register import ParseResult, RowError, register_parse
from wijkvoucher.consultations.selectors_manage import (
    credential_by_address,
    roll_imports,
    roll_size,
)
from wijkvoucher.consultations.services import (
    credential_replace_letter,
    credentials_import,
)
from wijkvoucher.neighbourhoods.selectors.documents import municipality_letterhead

# One import answers within about 20 seconds on the reference machine (2 shared
# cores): reading and hashing the rows, and a letter page in about 8 ms
# (docs/voting.md#the-organisers-pages). A larger wijk imports in parts, per postcode range.
MAX_IMPORT_ROWS = 1500


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def mailing_for(consultation: Consultation, help_text: str = "") -> Mailing:
    municipality = consultation.neighbourhood.municipality
    return Mailing(
        title=consultation.title,
        wijk=consultation.neighbourhood.name,
        closes_at=consultation.closes_at,
        base_url=settings.SITE_URL,
        help_text=help_text,
        sender=municipality.name,
        letterhead=municipality_letterhead(municipality),
    )


def letters_of(made: Sequence[tuple[Credential, str]]) -> list[Letter]:
    """The letters of new codes, in the print shop's order: by postcode and street."""
    letters = [
        Letter(
            code=code,
            name=credential.letter_name,
            street=credential.letter_street,
            house_number_text="",
            postcode=credential.letter_postcode,
            city=credential.letter_city,
        )
        for credential, code in made
    ]
    return sorted(letters, key=lambda letter: (letter.postcode, letter.street))


def _file_name(consultation: Consultation, what: str, extension: str) -> str:
    day = timezone.localdate().isoformat()
    return f"{what}-{slugify(consultation.neighbourhood.name)}-{day}.{extension}"


def _zip(consultation: Consultation, letters: list[Letter], help_text: str) -> bytes:
    pdf = letters_pdf(letters, mailing_for(consultation, help_text))
    csv = letters_csv(letters, base_url=settings.SITE_URL)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("brieven.pdf", pdf)
        archive.writestr("drukker.csv", csv)
    return out.getvalue()


def _summary(made: int, rows: Sequence[Any], consultation: Consultation) -> list[str]:
    selection = register_select(
        rows,
        min_age=consultation.min_age,
        on=vote_day(consultation.closes_at),
        per_household=consultation.per_household,
    )
    lines = [
        ngettext("%(count)s letter is made.", "%(count)s letters are made.", made)
        % {"count": number_format(made, force_grouping=True)}
    ]
    lines.extend(selection.summary())
    already = len(selection.rows) - made
    if already > 0:
        lines.append(
            ngettext(
                "%(count)s resident was already on the list of voters.",
                "%(count)s residents were already on the list of voters.",
                already,
            )
            % {"count": already}
        )
    return lines


def _roll_page(
    request: HttpRequest,
    desk: Desk,
    form: f.RegisterUploadForm,
    errors: Sequence[RowError] = (),
) -> HttpResponse:
    consultation = desk.consultation
    return _no_store(
        render(
            request,
            "consultations/manage/roll.html",
            {
                "consultation": consultation,
                "form": form,
                "errors": errors,
                "roll": roll_size(consultation=consultation),
                "imports": roll_imports(consultation=consultation),
                "max_rows": MAX_IMPORT_ROWS,
            },
        )
    )


def _parse(upload: Any, consultation: Consultation) -> ParseResult:
    data = upload.read()
    result = register_parse(data, require_name=not consultation.per_household)
    if result.errors:
        return result
    if len(result.rows) > MAX_IMPORT_ROWS:
        return ParseResult(
            rows=[],
            errors=[
                RowError(
                    0,
                    _(
                        "The file has %(rows)s residents; one import takes at most "
                        "%(max)s. Split the list by postcode and import the parts "
                        "one after the other."
                    )
                    % {
                        "rows": number_format(len(result.rows), force_grouping=True),
                        "max": number_format(MAX_IMPORT_ROWS, force_grouping=True),
                    },
                )
            ],
        )
    return result


@require_http_methods(["GET", "HEAD", "POST"])
def roll(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    desk = access_consultation_to_organise(request, consultation_uuid)
    consultation = desk.consultation
    if request.method != "POST":
        return _roll_page(request, desk, f.RegisterUploadForm())
    form = f.RegisterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _roll_page(request, desk, form)
    parsed = _parse(form.cleaned_data["register"], consultation)
    if parsed.errors:
        return _roll_page(request, desk, form, parsed.errors)
    try:
        made = credentials_import(
            actor=desk.user, consultation=consultation, rows=parsed.rows
        )
    except ValidationError as exc:
        return _roll_page(
            request, desk, form, [RowError(0, message) for message in exc.messages]
        )
    for line in _summary(len(made), parsed.rows, consultation):
        messages.info(request, line)
    archive = _zip(consultation, letters_of(made), form.cleaned_data["help_line"])
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{_file_name(consultation, "brieven", "zip")}"'
    )
    return _no_store(response)


# --- A new letter for a lost one ---------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def replace_letter(request: HttpRequest, consultation_uuid: uuid.UUID) -> HttpResponse:
    """Find the resident by address (and name), confirm, and download the new
    letter. The confirmation carries the credential's number; the service checks it
    belongs to this consultation."""
    desk = access_consultation_to_organise(request, consultation_uuid)
    consultation = desk.consultation
    per_household = consultation.per_household
    found: Credential | None = None
    not_found = False
    if request.method == "POST" and "credential" in request.POST:
        return _replace(request, desk)
    form = f.AddressLookupForm(
        request.POST if request.method == "POST" else None,
        per_household=per_household,
    )
    if request.method == "POST" and form.is_valid():
        found = credential_by_address(consultation=consultation, **form.lookup())
        not_found = found is None
    return _no_store(
        render(
            request,
            "consultations/manage/replace.html",
            {
                "consultation": consultation,
                "form": form,
                "found": found,
                "not_found": not_found,
                "help_form": f.LetterHelpForm(),
            },
        )
    )


def _replace(request: HttpRequest, desk: Desk) -> HttpResponse:
    consultation = desk.consultation
    help_form = f.LetterHelpForm(request.POST)
    number = request.POST.get("credential", "")
    credential = (
        Credential.objects.filter(consultation=consultation, pk=int(number)).first()
        if number.isdigit()
        else None
    )
    if credential is None or not help_form.is_valid():
        messages.error(request, _("Look the resident up again."))
        return replace_letter_page(request, desk)
    try:
        credential, code = credential_replace_letter(
            actor=desk.user, credential=credential
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return replace_letter_page(request, desk)
    pdf = letters_pdf(
        letters_of([(credential, code)]),
        mailing_for(consultation, help_form.cleaned_data["help_line"]),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{_file_name(consultation, "nieuwe-brief", "pdf")}"'
    )
    return _no_store(response)


def replace_letter_page(request: HttpRequest, desk: Desk) -> HttpResponse:
    consultation = desk.consultation
    return _no_store(
        render(
            request,
            "consultations/manage/replace.html",
            {
                "consultation": consultation,
                "form": f.AddressLookupForm(per_household=consultation.per_household),
                "found": None,
                "not_found": False,
                "help_form": f.LetterHelpForm(),
            },
        )
    )
