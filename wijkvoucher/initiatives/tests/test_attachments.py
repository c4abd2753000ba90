"""Photos, documents and signed lists of a plan: checked by content, photos
re-encoded without metadata, served only to who may see them; and the plan's
optional map point."""

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

import pytest
from PIL import Image

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.tests.files import minimal_pdf
from wijkvoucher.initiatives.constants import AttachmentKind, InitiativeStatus
from wijkvoucher.initiatives.models import Attachment, Initiative
from wijkvoucher.initiatives.services import (
    attachment_add,
    attachment_remove,
    initiative_point_set,
)
from wijkvoucher.initiatives.services.attachments import MAX_BYTES, MAX_FILES
from wijkvoucher.initiatives.tests.factories import (
    complete_draft,
    initiative_in,
    neighbourhood_ready,
)
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    official,
    on_day,
    sign_in,
    sign_in_verified,
)

S = InitiativeStatus
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]
PDF = minimal_pdf()
GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day(), translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    return HttpsClient()


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0131] = "Secret editor"  # Software
    exif[GPS_IFD] = {1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(out, format="PNG")
    return out.getvalue()


def _add(initiative: Initiative, data: bytes, kind: str = "photo", **kw: Any) -> Any:
    return attachment_add(
        actor=initiative.initiator,
        initiative=initiative,
        kind=kind,
        file=io.BytesIO(data),
        name=kw.pop("name", "foto.jpg"),
        **kw,
    )


def _state(initiative: Initiative) -> tuple[Any, ...]:
    return (*snapshot(initiative), Attachment.objects.count())


# --- Services -----------------------------------------------------------------------


def test_a_photo_is_re_encoded_without_exif_or_gps() -> None:
    # given a JPEG that carries camera and GPS data
    draft = complete_draft()
    original = _jpeg_with_exif()
    with Image.open(io.BytesIO(original)) as before:
        assert GPS_IFD in before.getexif()
    # when it is added
    attachment = _add(draft, original, name="C:\\fotos\\plein.JPG")
    # then the stored file is a JPEG without any EXIF, under a random name
    with attachment.file.open("rb") as handle:
        stored = handle.read()
    with Image.open(io.BytesIO(stored)) as after:
        assert after.format == "JPEG"
        assert after.size == (40, 30)
        assert dict(after.getexif()) == {}
        assert "exif" not in after.info
    assert b"Secret editor" not in stored
    assert attachment.original_name == "plein.JPG"
    assert attachment.content_type == "image/jpeg"
    assert attachment.size_bytes == len(stored)
    assert attachment.file.name.startswith(f"initiatives/{draft.uuid}/")
    assert "plein" not in attachment.file.name
    assert AuditEvent.objects.filter(action="initiatives.attachment_add").count() == 1


def test_a_png_stays_a_png() -> None:
    attachment = _add(complete_draft(), _png(), name="tekening.png")
    assert attachment.content_type == "image/png"
    assert attachment.file.name.endswith(".png")


def test_text_renamed_to_jpg_is_refused() -> None:
    draft = complete_draft()
    before = _state(draft)
    with pytest.raises(ValidationError) as refused:
        _add(draft, b"just some text, not a picture", name="foto.jpg")
    assert refused.value.code == "not_an_image"
    assert _state(draft) == before


def test_a_pdf_posing_as_a_photo_is_refused() -> None:
    draft = complete_draft()
    before = _state(draft)
    with pytest.raises(ValidationError) as refused:
        _add(draft, PDF, name="foto.jpg")
    assert refused.value.code == "not_an_image"
    assert _state(draft) == before


def test_a_document_must_be_a_pdf() -> None:
    draft = complete_draft()
    before = _state(draft)
    with pytest.raises(ValidationError) as refused:
        _add(draft, b"MZ\x90\x00 not a pdf", kind="document", name="offerte.pdf")
    assert refused.value.code == "not_a_pdf"
    assert _state(draft) == before
    attachment = _add(draft, PDF, kind="document", name="offerte.pdf")
    assert attachment.content_type == "application/pdf"


def test_a_file_over_10_mb_is_refused() -> None:
    draft = complete_draft()
    before = _state(draft)
    with pytest.raises(ValidationError) as refused:
        _add(draft, PDF + b"0" * MAX_BYTES, kind="document", name="groot.pdf")
    assert refused.value.code == "too_big"
    assert _state(draft) == before


def test_at_most_eight_files() -> None:
    draft = complete_draft()
    for _ in range(MAX_FILES):
        _add(draft, PDF, kind="document", name="x.pdf")
    before = _state(draft)
    with pytest.raises(ValidationError) as refused:
        _add(draft, PDF, kind="document", name="x.pdf")
    assert refused.value.code == "too_many_files"
    assert _state(draft) == before


def test_only_the_initiator_adds_files() -> None:
    draft = complete_draft()
    before = _state(draft)
    with pytest.raises(PermissionDenied):
        attachment_add(
            actor=UserFactory(),
            initiative=draft,
            kind="document",
            file=io.BytesIO(PDF),
            name="x.pdf",
        )
    assert _state(draft) == before


def test_after_submission_only_a_signed_list_can_be_added() -> None:
    plan = initiative_in(S.SUBMITTED)
    before = _state(plan)
    with pytest.raises(ValidationError) as refused:
        _add(plan, _png(), name="foto.png")
    assert refused.value.code == "not_draft"
    with pytest.raises(ValidationError) as no_number:
        _add(plan, PDF, kind="support_list", name="lijst.pdf")
    assert no_number.value.code == "declared_required"
    assert _state(plan) == before
    listed = _add(
        plan, PDF, kind="support_list", name="lijst.pdf", declared_signatures=4
    )
    assert listed.declared_signatures == 4


def test_removing_a_file_deletes_it_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    draft = complete_draft()
    attachment = _add(draft, PDF, kind="document", name="x.pdf")
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(actor=draft.initiator, attachment=attachment)
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_the_database_keeps_declared_signatures_to_signed_lists() -> None:
    draft = complete_draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attachment.objects.create(
            initiative=draft,
            kind=AttachmentKind.PHOTO,
            file="x.jpg",
            original_name="x.jpg",
            content_type="image/jpeg",
            size_bytes=1,
            uploaded_by=draft.initiator,
            declared_signatures=3,
        )


# --- The map point ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (Decimal("52.1"), None),
        (None, Decimal("5.1")),
        (Decimal("48.85"), Decimal("2.35")),  # Paris
        (Decimal("52.1"), Decimal("8.0")),
    ],
)
def test_the_database_keeps_the_point_whole_and_in_the_netherlands(
    latitude: Decimal | None, longitude: Decimal | None
) -> None:
    draft = complete_draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=draft.pk).update(
            latitude=latitude, longitude=longitude
        )


def test_the_initiator_sets_and_clears_a_map_point() -> None:
    draft = complete_draft()
    initiative_point_set(
        actor=draft.initiator,
        initiative=draft,
        latitude="52,090737",
        longitude="5.12142",
    )
    draft.refresh_from_db()
    assert (draft.latitude, draft.longitude) == (
        Decimal("52.090737"),
        Decimal("5.121420"),
    )
    before = snapshot(draft)
    with pytest.raises(ValidationError) as half:
        initiative_point_set(
            actor=draft.initiator, initiative=draft, latitude="52.1", longitude=None
        )
    assert half.value.code == "point_incomplete"
    with pytest.raises(ValidationError) as outside:
        initiative_point_set(
            actor=draft.initiator, initiative=draft, latitude="48.85", longitude="2.35"
        )
    assert outside.value.code == "point_outside"
    assert snapshot(draft) == before
    initiative_point_set(
        actor=draft.initiator, initiative=draft, latitude=None, longitude=None
    )
    draft.refresh_from_db()
    assert draft.latitude is None


def test_step_one_keeps_a_wrong_point_and_shows_the_error(client: Client) -> None:
    draft = complete_draft()
    sign_in(client, draft.initiator)
    url = reverse("initiatives:plan_step", args=[draft.uuid, 1])
    response = client.post(
        url,
        {
            "title": draft.title,
            "location_text": "Pleintje",
            "latitude": "48.85",
            "longitude": "2.35",
            "starts_on": "2026-09-01",
            "ends_on": "2026-09-30",
            "action": "next",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This point is not in the Netherlands." in page
    assert 'value="48.85"' in page
    assert 'id="id_latitude-error"' in page
    draft.refresh_from_db()
    assert draft.latitude is None
    response = client.post(
        url,
        {
            "title": draft.title,
            "location_text": "Pleintje",
            "latitude": "52.090737",
            "longitude": "5.121420",
            "starts_on": "2026-09-01",
            "ends_on": "2026-09-30",
            "action": "next",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.latitude == Decimal("52.090737")


# --- Pages --------------------------------------------------------------------------


def test_the_files_page_adds_a_photo_and_keeps_input_on_errors(client: Client) -> None:
    draft = complete_draft()
    sign_in(client, draft.initiator)
    url = reverse("initiatives:plan_files", args=[draft.uuid])
    assert 'enctype="multipart/form-data"' in client.get(url).content.decode()
    fake = SimpleUploadedFile("foto.jpg", b"not a picture", content_type="image/jpeg")
    response = client.post(url, {"kind": "photo", "file": fake})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This is not a photo we can use." in page
    assert 'id="id_file-error"' in page
    assert not Attachment.objects.exists()
    listed = SimpleUploadedFile("lijst.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"kind": "support_list", "file": listed})
    page = response.content.decode()
    assert 'id="id_declared_signatures-error"' in page
    assert 'value="support_list" checked' in page or "checked" in page
    photo = SimpleUploadedFile("foto.jpg", _jpeg_with_exif(), content_type="image/jpeg")
    response = client.post(url, {"kind": "photo", "file": photo})
    assert response["Location"] == url
    assert Attachment.objects.get().kind == AttachmentKind.PHOTO


def test_a_file_is_served_only_to_who_may_see_it(client: Client) -> None:
    # given a submitted plan with a PDF
    wijk = neighbourhood_ready()
    plan = initiative_in(S.SUBMITTED, neighbourhood=wijk)
    listed = _add(
        plan, PDF, kind="support_list", name="lijst.pdf", declared_signatures=2
    )
    url = reverse("initiatives:attachment_download", args=[plan.uuid, listed.pk])
    # the initiator downloads it as an attachment, with nosniff
    sign_in(client, plan.initiator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert response.getvalue() == PDF
    # someone else gets 404, as does the right file through another plan
    sign_in(client, UserFactory())
    assert client.get(url).status_code == 404
    other = complete_draft(neighbourhood=wijk)
    sign_in(client, other.initiator)
    wrong = reverse("initiatives:attachment_download", args=[other.uuid, listed.pk])
    assert client.get(wrong).status_code == 404
    # a regiegroep member of the wijk, after the second factor, may
    member = official(neighbourhood=wijk, role=Role.STEERING_MEMBER)
    verified = HttpsClient()
    sign_in_verified(verified, member)
    assert verified.get(url).status_code == 200


@pytest.mark.parametrize("path", ["/media/initiatives/x/y.pdf", "/initiatives/x/y.pdf"])
def test_there_is_no_public_media_url(path: str) -> None:
    with pytest.raises(Resolver404):
        resolve(path)


def test_a_picture_with_too_many_pixels_is_refused() -> None:
    # given a small PNG file that claims 10 000 × 10 000 pixels
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")
    draft = complete_draft()
    before = _state(draft)
    with pytest.raises(ValidationError) as refused:
        _add(draft, out.getvalue(), name="groot.png")
    assert refused.value.code == "not_an_image"
    assert _state(draft) == before
