"""The beschikking as a letter (docs/documents.md): letterhead with logo, addressee,
place and date, reference, amounts as "€ 450,00", the signatory who was configured
when it was issued, never a last page with only the signature, and a tagged PDF."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import io
from collections.abc import Iterator

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import pypdf
import pytest
from PIL import Image, ImageDraw

from wijkvoucher.core.tests.pdf_checks import assert_tagged, pdf_text
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.document import decision_document, decision_pdf
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.services import decision_issue
from wijkvoucher.decisions.tests.helpers import (
    REQUESTED,
    advised_plan,
    contact_of,
    funded,
)
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import AuthorityMode, Role
from wijkvoucher.neighbourhoods.models import Address, Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.services.documents import (
    municipality_logo_set,
    signatory_set,
)
from wijkvoucher.neighbourhoods.services.neighbourhoods import municipality_update
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    official,
    on_day,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def wijk() -> Neighbourhood:
    return neighbourhood_ready()


def _logo() -> SimpleUploadedFile:
    image = Image.new("RGBA", (240, 80), (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((4, 4, 76, 76), fill=(0, 82, 155, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


def _configure(wijk: Neighbourhood) -> None:
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    municipality_update(
        actor=coordinator,
        municipality=wijk.municipality,
        postal_address="Postbus 100, 2800 AA Dijkstad",
        contact_phone="14 0123",
        signatory_name="J. de Vries",
        signatory_function="Teamleider Wijken",
    )
    municipality_logo_set(
        actor=coordinator, municipality=wijk.municipality, file=_logo()
    )


def _awarded(wijk: Neighbourhood, conditions: str = "") -> Decision:
    funded(wijk)
    plan = advised_plan(wijk)
    Address.objects.filter(user=plan.initiator).update(
        street="Dijkweg", house_number=12, house_letter="A", city="Dijkstad"
    )
    return decision_issue(
        actor=contact_of(plan),
        initiative=plan,
        outcome=DecisionOutcome.AWARD,
        amount_cents=REQUESTED,
        conditions=conditions,
    )


def test_the_pdf_is_a_tagged_letter_with_letterhead_address_and_signatory(
    wijk: Neighbourhood,
) -> None:
    _configure(wijk)
    decision = _awarded(wijk)
    initiator = decision.initiative.initiator
    content = decision_pdf(decision=decision)
    text = pdf_text(content)
    for expected in (
        str(wijk.municipality.name),
        "Postbus 100",
        "2800 AA Dijkstad",
        initiator.full_name,
        "Dijkweg 12A",
        "1000 AB Dijkstad",
        "Plaats en datum",
        "Ons kenmerk",
        decision.number,
        "Onderwerp",
        "€ 450,00",
        "Met vriendelijke groet,",
        "namens het college van burgemeester en wethouders van",
        "J. de Vries",
        "Teamleider Wijken",
        "Bent u het niet eens met dit besluit?",
        "Pagina 1 van",
    ):
        assert expected in text, expected
    assert "EUR" not in text

    tree = assert_tagged(content)
    roles = [element.role for element in tree]
    assert roles.count("/H1") == 1
    assert roles.count("/H2") >= 5
    for role in ("/Table", "/TR", "/TH", "/TD", "/P", "/Figure"):
        assert role in roles, role
    (logo,) = [e for e in tree if e.role == "/Figure"]
    assert logo.alt == f"Logo van {wijk.municipality.name}"
    assert {e.scope for e in tree if e.role == "/TH"} == {"/Row"}


def test_without_logo_and_signatory_the_college_signs_under_the_name(
    wijk: Neighbourhood,
) -> None:
    decision = _awarded(wijk)
    content = decision_pdf(decision=decision)
    text = pdf_text(content)
    assert "Het college van burgemeester en wethouders van" in text
    assert "namens" not in text
    tree = assert_tagged(content)
    assert "/Figure" not in [e.role for e in tree]


def test_the_signatory_is_the_one_configured_when_the_decision_was_issued(
    wijk: Neighbourhood,
) -> None:
    _configure(wijk)
    decision = _awarded(wijk)
    municipality_update(
        actor=official(municipality=wijk.municipality, role=Role.COORDINATOR),
        municipality=wijk.municipality,
        signatory_name="P. Jansen",
    )
    text = pdf_text(decision_pdf(decision=decision))
    assert "J. de Vries" in text
    assert "P. Jansen" not in text
    # A decision not issued yet (a preview) shows who would sign now.
    preview = Decision(
        initiative=decision.initiative,
        municipality=Municipality.objects.get(pk=decision.municipality_id),
        number="PREVIEW",
        outcome=DecisionOutcome.REJECT,
        requested_amount_cents=REQUESTED,
        amount_cents=0,
        authority_mode=AuthorityMode.ADVICE,
        issued_on=decision.issued_on,
        objection_deadline=decision.objection_deadline,
    )
    with translation.override("nl"):
        assert decision_document(decision=preview).signature.name == "P. Jansen"


def test_another_signatory_signs_in_the_mode_configured_for_it(
    wijk: Neighbourhood,
) -> None:
    _configure(wijk)
    signatory_set(
        actor=official(municipality=wijk.municipality, role=Role.COORDINATOR),
        municipality=wijk.municipality,
        authority_mode=AuthorityMode.ADVICE,
        name="A. Bakker",
        function="Wethouder Wijken",
        mandate="namens het college van burgemeester en wethouders,",
    )
    decision = _awarded(wijk)
    assert decision.signatory_name == "A. Bakker"
    text = pdf_text(decision_pdf(decision=decision))
    assert "namens het college van burgemeester en wethouders," in text
    assert "A. Bakker" in text
    assert "Wethouder Wijken" in text
    assert "J. de Vries" not in text


def _last_page_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return reader.pages[-1].extract_text()


def test_the_signature_never_stands_alone_on_the_last_page(
    wijk: Neighbourhood,
) -> None:
    """Longer and longer conditions push the end of the letter over the page
    boundary; at every length the last page holds more than the signature: the
    last section (Contact) comes along."""
    _configure(wijk)
    decision = _awarded(wijk)
    pages_seen = set()
    for words in range(40, 560, 24):
        decision.conditions = " ".join(["Bewaar alle bonnetjes goed."] * (words // 4))
        content = decision_pdf(decision=decision)
        pages_seen.add(len(pypdf.PdfReader(io.BytesIO(content)).pages))
        last = _last_page_text(content)
        assert "Contact" in last, words
        assert "Uw contactpersoon bij de gemeente is" in last, words
        assert "J. de Vries" in last
    assert pages_seen >= {2, 3}


def test_the_page_shows_the_letter_with_amounts_in_the_interface_language(
    wijk: Neighbourhood,
) -> None:
    _configure(wijk)
    decision = _awarded(wijk)
    plan: Initiative = decision.initiative
    client = HttpsClient()
    sign_in(client, plan.initiator)
    url = reverse("decisions:decision_detail", args=[decision.uuid])
    dutch = client.get(url).content.decode()
    assert "€\xa0450,00" in dutch
    assert "Plaats en datum" in dutch
    assert "Dijkweg 12A" in dutch
    assert "J. de Vries" in dutch
    logo_url = reverse(
        "neighbourhoods:municipality_logo", args=[wijk.municipality.slug]
    )
    assert f'src="{logo_url}"' in dutch
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "€450.00" in english
    assert "Place and date" in english
    logo = HttpsClient().get(logo_url)
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
