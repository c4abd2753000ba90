"""The photo of an option on the ballot (docs/voting.md#photos): only a picture,
saved again without metadata, with a description; public only once published."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from wijkvoucher.consultations.models import ConsultationOption
from wijkvoucher.consultations.services import option_photo_remove, option_photo_set
from wijkvoucher.consultations.tests.helpers import (
    DURING,
    at,
    budget_vote,
    on_roll,
    published,
    wijk_with_organiser,
)
from wijkvoucher.consultations.tests.pages import (
    ballot_url,
    browser,
    signed_in_as_voter,
)
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.tests.helpers import HttpsClient, sign_in_verified

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825
ALT = "Het lege grasveld achter de Dorpsstraat"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (60, 40), (20, 160, 60))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _draft() -> tuple[Any, Any, ConsultationOption]:
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    option = ConsultationOption.objects.filter(consultation=consultation).first()
    assert option is not None
    return consultation, organiser, option


def test_a_photo_is_saved_again_without_its_location() -> None:
    # given
    _consultation, organiser, option = _draft()
    # when
    option_photo_set(actor=organiser, option=option, data=_jpeg_with_gps(), alt=ALT)
    # then
    option.refresh_from_db()
    assert option.photo_alt == ALT
    assert option.photo_content_type == "image/jpeg"
    assert option.photo.name.endswith(".jpg")
    with option.photo.open("rb") as handle, Image.open(handle) as saved:
        assert saved.size == (60, 40)
        assert dict(saved.getexif()) == {}
    assert (
        AuditEvent.objects.filter(action="consultations.option_photo_set").count() == 1
    )


@pytest.mark.parametrize(
    ("data", "alt", "code"),
    [
        (b"<html><script>alert(1)</script></html>", ALT, "not_an_image"),
        (b"%PDF-1.4 not a picture", ALT, "not_an_image"),
        (_jpeg_with_gps(), "   ", "alt_needed"),
        (_jpeg_with_gps(), "x" * 201, "alt_too_long"),
    ],
)
def test_anything_but_a_described_picture_is_refused_and_nothing_changes(
    data: bytes, alt: str, code: str
) -> None:
    # given
    _consultation, organiser, option = _draft()
    # when
    with pytest.raises(ValidationError) as refused:
        option_photo_set(actor=organiser, option=option, data=data, alt=alt)
    # then
    assert refused.value.code == code
    option.refresh_from_db()
    assert (option.photo.name, option.photo_alt) == ("", "")
    assert not AuditEvent.objects.filter(action="consultations.option_photo_set")


def test_a_published_ballots_photo_cannot_be_changed() -> None:
    # given
    consultation, organiser, option = _draft()
    on_roll(consultation, organiser, 1)
    published(consultation, organiser)
    # when
    with pytest.raises(ValidationError) as refused:
        option_photo_set(actor=organiser, option=option, data=_jpeg_with_gps(), alt=ALT)
    # then
    assert refused.value.code == "not_draft"
    option.refresh_from_db()
    assert option.photo.name == ""


def test_only_an_organiser_may_set_a_photo() -> None:
    # given
    _consultation, _organiser, option = _draft()
    _other_wijk, stranger = wijk_with_organiser()
    # when / then
    with pytest.raises(PermissionDenied):
        option_photo_set(actor=stranger, option=option, data=_jpeg_with_gps(), alt=ALT)
    option.refresh_from_db()
    assert option.photo.name == ""


def test_removing_the_photo_deletes_the_file_after_the_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    _consultation, organiser, option = _draft()
    option_photo_set(actor=organiser, option=option, data=_jpeg_with_gps(), alt=ALT)
    option.refresh_from_db()
    storage, name = option.photo.storage, option.photo.name
    assert storage.exists(name)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        option_photo_remove(actor=organiser, option=option)
    # then
    option.refresh_from_db()
    assert (option.photo.name, option.photo_alt) == ("", "")
    assert not storage.exists(name)


def test_the_public_photo_shows_only_once_the_ballot_is_published() -> None:
    # given
    consultation, organiser, option = _draft()
    option_photo_set(actor=organiser, option=option, data=_jpeg_with_gps(), alt=ALT)
    url = reverse("consultations:option_photo", args=[consultation.uuid, option.pk])
    # when
    draft = browser().get(url)
    on_roll(consultation, organiser, 1)
    published(consultation, organiser)
    shown = browser().get(url)
    # then
    assert draft.status_code == 404
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert shown["Cache-Control"] == "public, max-age=86400"
    assert b"".join(shown.streaming_content)[:2] == b"\xff\xd8"  # type: ignore[attr-defined]


def test_the_ballot_shows_the_photo_with_its_description() -> None:
    # given
    consultation, organiser, option = _draft()
    option_photo_set(actor=organiser, option=option, data=_jpeg_with_gps(), alt=ALT)
    roll = on_roll(consultation, organiser, 1)
    published(consultation, organiser)
    client = browser()
    signed_in_as_voter(client, roll[0][1])
    # when
    with at(DURING):
        page = client.get(ballot_url(consultation)).content.decode()
    # then
    src = reverse("consultations:option_photo", args=[consultation.uuid, option.pk])
    assert f'src="{src}" alt="{ALT}"' in page
    assert page.count("ballot-option__photo") == 1


def test_the_organiser_puts_a_photo_on_through_the_page_and_keeps_the_text_on_error() -> (
    None
):
    # given
    consultation, organiser, option = _draft()
    client = HttpsClient()
    sign_in_verified(client, organiser)
    url = reverse(
        "consultations_manage:option_photo", args=[consultation.uuid, option.pk]
    )
    # when: a text file instead of a picture
    bad = client.post(
        url, {"photo": SimpleUploadedFile("foto.jpg", b"no picture"), "alt": ALT}
    )
    good = client.post(
        url, {"photo": SimpleUploadedFile("foto.jpg", _jpeg_with_gps()), "alt": ALT}
    )
    # then
    assert bad.status_code == 200
    page = bad.content.decode()
    assert "Dit is geen foto die we kunnen gebruiken." in page
    assert f'value="{ALT}"' in page
    assert good.status_code == 302
    option.refresh_from_db()
    assert option.photo_alt == ALT
    shown = client.get(
        reverse(
            "consultations_manage:option_photo_file",
            args=[consultation.uuid, option.pk],
        )
    )
    assert shown.status_code == 200
    assert shown["Cache-Control"] == "private, no-store"
