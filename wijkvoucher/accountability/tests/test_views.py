"""The pages: the initiator files the report with the spending filled in, the
official settles, the money goes back; the public page shows consented updates."""

from __future__ import annotations

import io

from django.urls import reverse

import pytest
from PIL import Image

from wijkvoucher.accountability.models import AccountabilityReport, Settlement
from wijkvoucher.accountability.services import progress_update_post
from wijkvoucher.decisions.tests.helpers import contact_of
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    HttpsClient,
    sign_in_verified,
)
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk, 10_000 * EUR)
    return wijk


def test_the_initiator_files_the_report_and_the_official_settles(
    wijk: Neighbourhood,
) -> None:
    # given: €300 of €450 spent at a provider
    initiative, (voucher,) = plan_with_vouchers(wijk, 450 * EUR)
    provider, user = approved_provider(wijk)
    redemption_create(
        actor=user,
        provider=provider,
        code=voucher.code,
        amount_cents=300 * EUR,
        description="Plantjes",
        channel=Channel.PORTAL,
    )
    url = reverse("accountability:report", args=[initiative.uuid])
    client = HttpsClient()
    client.force_login(initiative.initiator)
    # when: the form shows the spending, and is sent
    page = client.get(url)
    sent = client.post(
        url, {"what_happened": "Het was mooi.", "participants": "35", "learned": ""}
    )
    # then
    assert page.status_code == 200, page.content.decode()[:3000]
    assert "Bouwmarkt De Dijk" in page.content.decode()
    assert sent.status_code == 302
    assert AccountabilityReport.objects.get().participants == 35
    # when: the official settles
    official = HttpsClient()
    sign_in_verified(official, contact_of(initiative))
    file = official.get(
        reverse("accountability:official_execution", args=[initiative.uuid])
    )
    settled = official.post(
        reverse("accountability:settle", args=[initiative.uuid]), {"motivation": ""}
    )
    # then
    assert file.status_code == 200
    assert settled.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SETTLED
    assert Settlement.objects.get().returned_cents == 150 * EUR
    assert ledger_problems() == []


def test_a_public_update_and_its_photo_show_on_the_public_plan_page(
    wijk: Neighbourhood,
) -> None:
    # given
    initiative, _vouchers = plan_with_vouchers(wijk)
    picture = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(picture, format="PNG")
    picture.seek(0)
    public = progress_update_post(
        actor=initiative.initiator,
        initiative=initiative,
        text="Openbaar bericht",
        public=True,
        photos=[(picture, "Rood")],
    )
    progress_update_post(
        actor=initiative.initiator,
        initiative=initiative,
        text="Alleen voor ons",
        public=False,
    )
    client = HttpsClient()
    # when
    page = client.get(
        reverse(
            "transparency:plan",
            kwargs={"slug": wijk.slug, "initiative_uuid": initiative.uuid},
        )
    )
    photo = client.get(reverse("accountability:photo", args=[public.photos.get().pk]))
    # then
    text = page.content.decode()
    assert "Openbaar bericht" in text
    assert "Alleen voor ons" not in text
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
