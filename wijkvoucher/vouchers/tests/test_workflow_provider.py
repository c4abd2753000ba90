"""The provider application's transition table (workflow_provider): every allowed
step does exactly what it says through ``vouchers_transition`` (status, audit event;
no history rows), every other pair is refused with nothing changed. A provider with
an approval time counts as approved, whatever its field says."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

import pytest

from wijkvoucher.core.tests.workflow_cases import Case, cases, check_case
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.vouchers.constants import ProviderReviewStatus as R
from wijkvoucher.vouchers.models import Provider
from wijkvoucher.vouchers.services import provider_create
from wijkvoucher.vouchers.services.transitions import vouchers_transition
from wijkvoucher.vouchers.tests.workflow_world import World, world_fixture  # noqa: F401
from wijkvoucher.vouchers.workflow_provider import PROVIDER_REVIEW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.mark.parametrize("case", cases(PROVIDER_REVIEW, R))
def test_provider_review_table(case: Case, world: World) -> None:
    wijk = world.wijk
    coordinator = world.coordinator
    provider = provider_create(
        actor=coordinator,
        municipality=wijk.municipality,
        name="Drukkerij Het Blad",
        kvk_number="87654321",
        iban="NL91ABNA0417164300",
        neighbourhoods=[wijk],
    )
    approved = case.source == R.APPROVED
    Provider.objects.filter(pk=provider.pk).update(
        review_status=case.source,
        approved_at=timezone.now() if approved else None,
        approved_by=coordinator if approved else None,
    )
    provider.refresh_from_db()
    fields = (
        {"approved_at": timezone.now(), "approved_by": coordinator}
        if case.target == R.APPROVED
        else {}
    )
    check_case(
        machine=PROVIDER_REVIEW,
        case=case,
        row=provider,
        take=lambda row, to, action: vouchers_transition(
            actor=coordinator,
            machine=PROVIDER_REVIEW,
            row=row,
            to=to,
            action=action,
            fields=fields,
        ),
        refusal_code="invalid_review_step",
    )
