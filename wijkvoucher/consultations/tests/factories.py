"""Setup data for consultation tests. Factories make valid rows (a draft consultation,
its options, credentials); every status after draft is reached through the services."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone

import factory
from PIL import Image

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.consultations.codes import (
    ballot_key_generate,
    code_digest,
    code_generate,
    person_digest,
)
from wijkvoucher.consultations.constants import (
    BallotType,
    ConsultationKind,
    ConsultationStatus,
)
from wijkvoucher.consultations.models import (
    Consultation,
    ConsultationOption,
    Credential,
)
from wijkvoucher.neighbourhoods.tests.factories import NeighbourhoodFactory


class ConsultationFactory(factory.django.DjangoModelFactory[Consultation]):
    """A draft budget vote (approval ballots, € 10,000, greedy) opening tomorrow for
    two weeks. ``advisory=True`` makes an advisory poll."""

    class Meta:
        model = Consultation

    class Params:
        advisory = factory.Trait(
            kind=ConsultationKind.ADVISORY,
            ballot_type=BallotType.ADVISORY,
            budget_cents=None,
            rule="",
            title="Wat vindt de wijk van deze plannen?",
            question="Bent u voor of tegen deze plannen?",
        )

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    kind = ConsultationKind.BUDGET_VOTE
    title = "Wijkbudget 2026: kies mee"
    question = "Welke plannen wilt u uitvoeren met het wijkbudget?"
    ballot_type = BallotType.APPROVAL
    budget_cents = 1_000_000
    rule = "greedy"
    opens_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + dt.timedelta(days=14))
    status = ConsultationStatus.DRAFT
    created_by = factory.SubFactory(UserFactory)
    ballot_key = factory.LazyFunction(ballot_key_generate)


class ConsultationOptionFactory(factory.django.DjangoModelFactory[ConsultationOption]):
    class Meta:
        model = ConsultationOption

    consultation = factory.SubFactory(ConsultationFactory)
    title = factory.Sequence(lambda n: f"Plan {n + 1}")
    summary = "Een plan voor de wijk."
    cost_cents = 300_000
    position = factory.Sequence(lambda n: n + 1)


class CredentialFactory(factory.django.DjangoModelFactory[Credential]):
    """A credential from the register. Pass ``code=`` to know the code: only its
    keyed hash is stored."""

    class Meta:
        model = Credential
        exclude = ("code", "house_number")

    consultation = factory.SubFactory(ConsultationFactory)
    code = factory.LazyFunction(code_generate)
    house_number = factory.Sequence(lambda n: n + 1)
    code_digest = factory.LazyAttribute(lambda o: code_digest(o.code))
    person_digest = factory.LazyAttribute(
        lambda o: person_digest(
            postcode="1000AB", house_number=o.house_number, name="Bewoner"
        )
    )
    letter_name = "Bewoner"
    letter_street = factory.LazyAttribute(lambda o: f"Dijkstraat {o.house_number}")
    letter_postcode = "1000 AB"
    letter_city = "Dijkstad"


def photo_put(option: ConsultationOption) -> None:
    """A small PNG as the option's photo (plain set-up data, not the service)."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 200)).save(out, format="PNG")
    option.photo.save("photo.png", ContentFile(out.getvalue()), save=False)
    option.photo_content_type = "image/png"
    option.photo_alt = "Een blauw vlak"
    option.save(update_fields=["photo", "photo_content_type", "photo_alt"])
