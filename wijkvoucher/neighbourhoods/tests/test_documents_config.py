"""The coordinator configures the letterhead and the signatories in the admin
(docs/documents.md): the logo is checked and saved again, a refused one changes
nothing, and the signatory per way of deciding goes through its service."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest
from PIL import Image

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.neighbourhoods.models import Municipality, Signatory
from wijkvoucher.neighbourhoods.selectors.documents import (
    municipality_contact_lines,
    municipality_logo,
    municipality_place,
    signatory_for,
)
from wijkvoucher.neighbourhoods.tests.test_admin_saving import (  # noqa: F401 (fixtures)
    client,
    coordinator,
    municipality,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english_text: None) -> None:
    """Assert on the English msgids, whatever Dutch translations exist."""


def _picture(kind: str = "JPEG", size: tuple[int, int] = (2400, 800)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (0, 82, 155))
    image.save(out, format=kind, exif=Image.Exif())
    return out.getvalue()


def _form(target: Municipality, **extra: Any) -> dict[str, Any]:
    return {
        "name": target.name,
        "contact_email": "",
        "contact_phone": "",
        "website": "",
        "postal_address": "Postbus 100, 2800 AA Dijkstad",
        "payout_account_name": "",
        "payout_iban": "",
        "payout_bic": "",
        "signatory_name": "J. de Vries",
        "signatory_function": "Teamleider Wijken",
        "signatory_mandate": "",
        "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0",
        **extra,
    }


def _url(target: Municipality) -> str:
    return reverse("admin:neighbourhoods_municipality_change", args=[target.pk])


def test_the_coordinator_uploads_a_logo_and_sets_the_signatories(
    client: Client,  # noqa: F811
    municipality: Municipality,  # noqa: F811
) -> None:
    upload = SimpleUploadedFile("logo.jpg", _picture(), content_type="image/jpeg")
    data = _form(
        municipality,
        logo_upload=upload,
        **{
            "signatories-TOTAL_FORMS": "1",
            "signatories-0-authority_mode": AuthorityMode.MANDATE,
            "signatories-0-mandate": "namens het college, de regiegroep",
            "signatories-0-name": "F. Yilmaz",
            "signatories-0-function": "Voorzitter regiegroep",
        },
    )
    response = client.post(_url(municipality), data)
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.signatory_name == "J. de Vries"
    logo = municipality_logo(municipality)
    assert logo is not None
    with Image.open(io.BytesIO(logo)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (1200, 400)  # scaled down
        assert not stored.getexif()  # no metadata kept
    mandate = signatory_for(
        municipality=municipality, authority_mode=AuthorityMode.MANDATE
    )
    assert (mandate.name, mandate.function) == ("F. Yilmaz", "Voorzitter regiegroep")
    advice = signatory_for(
        municipality=municipality, authority_mode=AuthorityMode.ADVICE
    )
    assert advice.name == "J. de Vries"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "neighbourhoods.municipality_update",
        "neighbourhoods.municipality_logo_set",
        "neighbourhoods.signatory_set",
    } <= actions
    # The logo is served for the letterhead on the page.
    served = client.get(
        reverse("neighbourhoods:municipality_logo", args=[municipality.slug]),
        secure=True,
    )
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served.content == logo
    # The change page shows it.
    page = client.get(_url(municipality)).content.decode()
    assert "Logo van" in page

    # Removing the logo and the other signatory.
    row = Signatory.objects.get(municipality=municipality)
    data = _form(
        municipality,
        logo_remove="on",
        **{
            "signatories-TOTAL_FORMS": "1",
            "signatories-INITIAL_FORMS": "1",
            "signatories-0-id": str(row.pk),
            "signatories-0-municipality": str(municipality.pk),
            "signatories-0-authority_mode": AuthorityMode.MANDATE,
            "signatories-0-name": "F. Yilmaz",
            "signatories-0-function": "Voorzitter regiegroep",
            "signatories-0-DELETE": "on",
        },
    )
    assert client.post(_url(municipality), data).status_code == 302
    municipality.refresh_from_db()
    assert not municipality.logo
    assert not Signatory.objects.filter(municipality=municipality).exists()


def test_a_file_that_is_not_a_logo_comes_back_on_the_form_and_changes_nothing(
    client: Client,  # noqa: F811
    municipality: Municipality,  # noqa: F811
) -> None:
    events = AuditEvent.objects.count()
    upload = SimpleUploadedFile("logo.png", b"%PDF-1.7 not a picture")
    response = client.post(_url(municipality), _form(municipality, logo_upload=upload))
    assert response.status_code == 200
    assert "Dit logo kunnen we niet gebruiken" in response.content.decode()
    municipality.refresh_from_db()
    assert not municipality.logo
    assert municipality.signatory_name == ""  # nothing of the form was saved
    assert AuditEvent.objects.count() == events
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    upload = SimpleUploadedFile("logo.gif", gif.getvalue())
    response = client.post(_url(municipality), _form(municipality, logo_upload=upload))
    assert "Dit logo kunnen we niet gebruiken" in response.content.decode()


def test_the_letterhead_lines_and_the_place() -> None:
    elsewhere = Municipality(
        name="Gemeente 's-Hertogenbosch",
        postal_address="Postbus 12345, 5200 GZ 's-Hertogenbosch",
        contact_phone="14 073",
        contact_email="info@example.nl",
        website="https://www.example.nl/",
    )
    assert municipality_place(elsewhere) == "'s-Hertogenbosch"
    assert municipality_contact_lines(elsewhere) == (
        "Postbus 12345",
        "5200 GZ 's-Hertogenbosch",
        "Phone 14 073",
        "info@example.nl",
        "www.example.nl",
    )
