"""Access-matrix rows for the initiators' voucher and claim pages and the official's
issue page (merged into tests/test_access_matrix.py).

"own": an awarded plan in the world's wijk by the world's resident (with vouchers for
the resident's pages), the world's official as contact; "other": the same in the other
wijk by someone else, the municipality-wide coordinator as contact. A voucher code is
a bearer secret: for anyone but the initiator the pages do not exist (404)."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.access_world import World
from tests.test_access_matrix import Route, everyone
from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.tests.files import minimal_pdf
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.services import decision_issue
from wijkvoucher.decisions.tests.helpers import advise, plan_in
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.budgets import budget_period_publish
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    BudgetPeriodFactory,
    RegulationVersionFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.payments.constants import ClaimKind
from wijkvoucher.payments.models import Claim
from wijkvoucher.payments.services.claims import claim_submit
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.issuance import vouchers_issue
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import approved_provider

EUR = 100


def _ready(neighbourhood: Neighbourhood, contact: User) -> None:
    neighbourhood.contact_official = contact
    neighbourhood.save(update_fields=["contact_official"])
    if not neighbourhood.regulation.versions.exists():
        RegulationVersionFactory(
            regulation=neighbourhood.regulation,
            valid_from=start_of_day(dt.date(2020, 1, 1)),
        )
    year = timezone.localdate().year
    if not neighbourhood.budget_periods.exists():
        coordinator = UserFactory()
        RoleAssignmentFactory(
            user=coordinator,
            role=Role.COORDINATOR,
            neighbourhood=None,
            municipality=neighbourhood.municipality,
            valid_from=dt.date(2020, 1, 1),
        )
        period = BudgetPeriodFactory(
            neighbourhood=neighbourhood,
            name=str(year),
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            publication_date=dt.date(year - 1, 12, 1),
            ceiling_cents=50_000 * EUR,
        )
        budget_period_publish(actor=coordinator, budget_period=period)


def _awarded(
    neighbourhood: Neighbourhood, initiator: User, contact: User
) -> Initiative:
    _ready(neighbourhood, contact)
    today = timezone.localdate()
    plan = plan_in(
        InitiativeStatus.ADVISED,
        neighbourhood=neighbourhood,
        initiator=initiator,
        starts_on=today + dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=90),
    )
    advise(plan)
    decision_issue(
        actor=contact,
        initiative=plan,
        outcome=DecisionOutcome.AWARD,
        amount_cents=450 * EUR,
    )
    plan.refresh_from_db()
    return plan


def _own_awarded(w: World) -> Initiative:
    return _awarded(w.wijk, w.users["resident"], w.users["official"])


def _other_awarded(w: World) -> Initiative:
    stranger = UserFactory()
    AddressFactory(user=stranger, postcode="2812AD", neighbourhood=w.other_wijk)
    return _awarded(w.other_wijk, stranger, w.users["coordinator"])


def _with_voucher(make: Callable[[World], Initiative]) -> Callable[[World], Voucher]:
    def build(w: World) -> Voucher:
        plan = make(w)
        contact = plan.contact_official
        assert contact is not None
        return vouchers_issue(actor=contact, initiative=plan)[0]

    return build


OWN_VOUCHER = _with_voucher(_own_awarded)
OTHER_VOUCHER = _with_voucher(_other_awarded)


def _plan_kwargs(make: Callable[[World], Voucher]) -> Any:
    return lambda w: {"initiative_uuid": make(w).initiative.uuid}


def _voucher_kwargs(make: Callable[[World], Voucher]) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        voucher = make(w)
        return {
            "initiative_uuid": voucher.initiative.uuid,
            "voucher_uuid": voucher.uuid,
        }

    return kwargs


def _redemption_kwargs(make: Callable[[World], Voucher]) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        voucher = make(w)
        provider, cashier = approved_provider(voucher.neighbourhood, name="Verfwinkel")
        redemption = redemption_create(
            actor=cashier,
            provider=provider,
            code=voucher.code,
            amount_cents=40 * EUR,
            description="Verf",
            channel=Channel.PORTAL,
        )
        return {
            "initiative_uuid": voucher.initiative.uuid,
            "redemption_uuid": redemption.uuid,
        }

    return kwargs


def _reimbursement(w: World, make: Callable[[World], Voucher]) -> Claim:
    voucher = make(w)
    plan = voucher.initiative
    return claim_submit(
        actor=plan.initiator,
        initiative=plan,
        kind=ClaimKind.REIMBURSEMENT,
        amount_cents=45 * EUR,
        description="Potgrond",
        payee_name="A. Initiatiefnemer",
        iban="NL91ABNA0417164300",
        budget_line=plan.budget_lines.first(),
        files=[SimpleUploadedFile("factuur.pdf", minimal_pdf())],
    )


def _claim_kwargs(make: Callable[[World], Voucher]) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        claim = _reimbursement(w, make)
        return {"initiative_uuid": claim.initiative.uuid, "claim_uuid": claim.uuid}

    return kwargs


def _receipt_kwargs(make: Callable[[World], Voucher]) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        claim = _reimbursement(w, make)
        receipt = claim.receipts.get()
        return {"claim_uuid": claim.uuid, "receipt_id": receipt.pk}

    return kwargs


def _issue_kwargs(make: Callable[[World], Initiative]) -> Any:
    return lambda w: {"initiative_uuid": make(w).uuid}


PLANS = {"own": _plan_kwargs(OWN_VOUCHER), "other": _plan_kwargs(OTHER_VOUCHER)}
VOUCHERS = {
    "own": _voucher_kwargs(OWN_VOUCHER),
    "other": _voucher_kwargs(OTHER_VOUCHER),
}
REDEMPTIONS = {
    "own": _redemption_kwargs(OWN_VOUCHER),
    "other": _redemption_kwargs(OTHER_VOUCHER),
}
CLAIMS = {"own": _claim_kwargs(OWN_VOUCHER), "other": _claim_kwargs(OTHER_VOUCHER)}
RECEIPTS = {
    "own": _receipt_kwargs(OWN_VOUCHER),
    "other": _receipt_kwargs(OTHER_VOUCHER),
}
AWARDED = {"own": _issue_kwargs(_own_awarded), "other": _issue_kwargs(_other_awarded)}


def _initiator_only(outcome: str) -> dict[str, dict[str, str]]:
    return {
        "own": everyone("missing", anonymous="login", resident=outcome),
        "other": everyone("missing", anonymous="login"),
    }


# Receipts: the initiator, and the municipality's cash managers and coordinators (who
# decide on claims) after the second factor (the world's cash manager and coordinator
# work for the whole municipality).
RECEIPT_READERS = {
    "own": everyone(
        "missing",
        anonymous="login",
        resident="ok",
        cash_manager="ok",
        coordinator="ok",
    ),
    "other": everyone(
        "missing", anonymous="login", cash_manager="ok", coordinator="ok"
    ),
}

# Issuing: the wijk's officials and the municipality's coordinators and cash
# managers; other roles and residents 403; the unverified official to the 2nd step.
_ISSUERS = everyone(
    "forbidden",
    anonymous="login",
    official_unverified="otp",
    official="ok",
    coordinator="ok",
    cash_manager="ok",
)
ISSUERS = {"own": _ISSUERS, "other": {**_ISSUERS, "official": "missing"}}

ROUTES: dict[str, Route] = {
    "payments:initiative_vouchers": Route(expect=_initiator_only("ok"), kwargs=PLANS),
    "payments:voucher_detail": Route(expect=_initiator_only("ok"), kwargs=VOUCHERS),
    "vouchers:voucher_pdf": Route(expect=_initiator_only("ok"), kwargs=VOUCHERS),
    "vouchers:voucher_block": Route(expect=_initiator_only("ok"), kwargs=VOUCHERS),
    "vouchers:voucher_share": Route(
        method="post",
        expect=_initiator_only("redirect"),
        kwargs=VOUCHERS,
        data={"shared": "1"},
    ),
    "payments:redemption_dispute": Route(
        expect=_initiator_only("ok"), kwargs=REDEMPTIONS
    ),
    "payments:claim_create": Route(expect=_initiator_only("ok"), kwargs=PLANS),
    "payments:claim_detail": Route(expect=_initiator_only("ok"), kwargs=CLAIMS),
    "payments:claim_receipt": Route(expect=RECEIPT_READERS, kwargs=RECEIPTS),
    "vouchers:voucher_issue": Route(expect=ISSUERS, kwargs=AWARDED),
}
