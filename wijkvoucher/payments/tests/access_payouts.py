"""Access-matrix rows for the payout pages (merged into tests/test_access_matrix.py).

Only cash managers and coordinators of the municipality (after the second factor)
handle payouts; everyone else is refused with 403, and a batch of another
municipality does not exist for them (404). "own": a batch in the world's
municipality, prepared by a third person (so the cash manager may approve it);
"other": a batch in another municipality."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from django.utils import timezone

from tests.test_access_matrix import Route, everyone
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.neighbourhoods.tests.factories import MunicipalityFactory
from wijkvoucher.payments.constants import PayeeKind, PayoutStatus
from wijkvoucher.payments.models import PayoutBatch, PayoutLine
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.services.accounts import provider_payable_account


def _batch(municipality: Municipality, status: PayoutStatus) -> PayoutBatch:
    municipality.payout_account_name = municipality.name
    municipality.payout_iban = "NL91ABNA0417164300"
    municipality.save()
    provider = Provider.objects.filter(municipality=municipality).first()
    if provider is None:
        provider = Provider.objects.create(municipality=municipality, name="Winkel")
    approved = status == PayoutStatus.APPROVED
    batch = PayoutBatch.objects.create(
        municipality=municipality,
        reference=f"WV-{municipality.slug.upper()[:10]}-1",
        status=status,
        total_cents=1234,
        execution_date=timezone.localdate() + dt.timedelta(days=1),
        prepared_by=UserFactory(),
        approved_by=UserFactory() if approved else None,
        approved_at=timezone.now() if approved else None,
    )
    PayoutLine.objects.create(
        batch=batch,
        account=provider_payable_account(actor=None, provider=provider),
        payee_kind=PayeeKind.PROVIDER,
        provider=provider,
        name=provider.name,
        iban="NL20INGB0001234567",
        amount_cents=1234,
        remittance=f"Wijkvoucher {batch.reference}",
    )
    return batch


def _elsewhere() -> Municipality:
    return MunicipalityFactory(name="Gemeente Elders", slug="elders")


def _kwargs(status: PayoutStatus) -> dict[str, Any]:
    return {
        "own": lambda w: {"batch_uuid": _batch(w.wijk.municipality, status).uuid},
        "other": lambda w: {"batch_uuid": _batch(_elsewhere(), status).uuid},
    }


PREPARED = _kwargs(PayoutStatus.PREPARED)
APPROVED = _kwargs(PayoutStatus.APPROVED)

# Cash managers and coordinators; an official without that role is refused before
# the second factor.
HANDLERS = everyone("forbidden", anonymous="login", cash_manager="ok", coordinator="ok")


def _handlers(own: str) -> dict[str, dict[str, str]]:
    return {
        "own": {**HANDLERS, "cash_manager": own, "coordinator": own},
        "other": {**HANDLERS, "cash_manager": "missing", "coordinator": "missing"},
    }


ROUTES: dict[str, Route] = {
    "payments:cash_payouts": Route(expect={"-": HANDLERS}),
    # An empty form comes back with its error.
    "payments:cash_payout_prepare": Route(method="post", expect={"-": HANDLERS}),
    "payments:cash_payout": Route(expect=_handlers("ok"), kwargs=PREPARED),
    # Approving someone else's batch works; back to the batch page.
    "payments:cash_payout_approve": Route(
        method="post", expect=_handlers("redirect"), kwargs=PREPARED
    ),
    "payments:cash_payout_cancel": Route(
        method="post", expect=_handlers("redirect"), kwargs=PREPARED
    ),
    "payments:cash_payout_sepa": Route(expect=_handlers("ok"), kwargs=APPROVED),
    "payments:cash_payout_csv": Route(expect=_handlers("ok"), kwargs=APPROVED),
    # Without the confirmation the page comes back with the error.
    "payments:cash_payout_paid": Route(
        method="post", expect=_handlers("ok"), kwargs=APPROVED
    ),
    # Without the reason and the confirmation the page comes back with the errors.
    "payments:cash_payout_failed": Route(
        method="post", expect=_handlers("ok"), kwargs=APPROVED
    ),
}
