"""The photo of an option: the organiser's page to put one on a draft ballot, and
the public picture the ballot and the consultation's pages show (docs/voting.md#photos)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.consultations.constants import ConsultationStatus
from wijkvoucher.consultations.forms_manage import OptionPhotoForm
from wijkvoucher.consultations.models import ConsultationOption
from wijkvoucher.consultations.permissions_manage import (
    access_consultation_to_organise,
)
from wijkvoucher.consultations.services import option_photo_remove, option_photo_set
from wijkvoucher.core.forms import add_refusal
from wijkvoucher.core.uploads import stored_file_response
from wijkvoucher.initiatives.services.attachments import upload_read_limited

# A published ballot's photos do not change any more (options change only in a
# draft), so a browser and a proxy may keep them for a day.
PUBLIC_MAX_AGE = 24 * 60 * 60
_SHOWN = (ConsultationStatus.PUBLISHED, ConsultationStatus.CERTIFIED)
# Which field a refusal of the photo service belongs to (the rest: above the form).
_PHOTO_ERROR_FIELDS = {
    "alt_needed": "alt",
    "alt_too_long": "alt",
    "not_an_image": "photo",
    "too_big": "photo",
    "empty": "photo",
}


@require_http_methods(["GET", "HEAD", "POST"])
def option_photo(
    request: HttpRequest, consultation_uuid: uuid.UUID, option_id: int
) -> HttpResponse:
    """``…/opties/<id>/foto/``: put a photo on an option of a draft, or take it off."""
    desk = access_consultation_to_organise(request, consultation_uuid)
    option = get_object_or_404(
        ConsultationOption, pk=option_id, consultation=desk.consultation
    )
    option.consultation = desk.consultation
    back = redirect(
        "consultations_manage:detail", consultation_uuid=desk.consultation.uuid
    )
    form = OptionPhotoForm(initial={"alt": option.photo_alt})
    if request.method == "POST" and "remove" in request.POST:
        try:
            option_photo_remove(actor=desk.user, option=option)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The photo is taken off the ballot."))
        return back
    if request.method == "POST":
        form = OptionPhotoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                data = upload_read_limited(form.cleaned_data["photo"])
                option_photo_set(
                    actor=desk.user,
                    option=option,
                    data=data,
                    alt=form.cleaned_data["alt"],
                )
            except ValidationError as exc:
                add_refusal(form, exc, _PHOTO_ERROR_FIELDS)
            else:
                messages.success(request, _("The photo is on the ballot."))
                return back
    return render(
        request,
        "consultations/manage/option_photo.html",
        {
            "consultation": desk.consultation,
            "option": option,
            "form": form,
            "draft": desk.consultation.status == ConsultationStatus.DRAFT,
        },
    )


@require_http_methods(["GET", "HEAD"])
def option_photo_public(
    request: HttpRequest, consultation_uuid: uuid.UUID, option_id: int
) -> FileResponse:
    """``/stemmen/<consultation>/foto/<option>/``: the photo of an option of a
    published or certified ballot; nothing of a draft or a cancelled one."""
    option = (
        ConsultationOption.objects.filter(
            pk=option_id,
            consultation__uuid=consultation_uuid,
            consultation__status__in=_SHOWN,
        )
        .exclude(photo="")
        .only("photo", "photo_content_type")
        .first()
    )
    if option is None:
        raise Http404
    return _photo_file(option, f"public, max-age={PUBLIC_MAX_AGE}")


@require_http_methods(["GET", "HEAD"])
def option_photo_file(
    request: HttpRequest, consultation_uuid: uuid.UUID, option_id: int
) -> FileResponse:
    """The photo of an option for its organisers, a draft's too."""
    desk = access_consultation_to_organise(request, consultation_uuid)
    option = get_object_or_404(
        ConsultationOption.objects.exclude(photo=""),
        pk=option_id,
        consultation=desk.consultation,
    )
    return _photo_file(option, "private, no-store")


def _photo_file(option: ConsultationOption, cache_control: str) -> FileResponse:
    return stored_file_response(
        option.photo,
        content_type=option.photo_content_type,
        cache_control=cache_control,
    )
