"""Access-matrix rows for the decision pages (merged into tests/test_access_matrix.py).

"own": a plan in the world's wijk by the world's resident, with the world's official
as contact; "other": a plan in the other wijk by someone else, with the
municipality-wide coordinator as contact. A beschikking is the rejection of a checked
plan (Hengelo pre-check), so no budget or advice is needed."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from typing import Any

from django.utils import timezone

from tests.access_world import World
from tests.test_access_matrix import OFFICIALS_ONLY, Route, everyone
from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.decisions.constants import DecisionOutcome
from wijkvoucher.decisions.models import Decision
from wijkvoucher.decisions.services import decision_issue, objection_register
from wijkvoucher.initiatives.constants import InitiativeStatus, ReasonCode
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import initiative_submit, initiative_transition
from wijkvoucher.initiatives.tests.factories import complete_draft
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    RegulationVersionFactory,
)


def _checked_plan(
    neighbourhood: Neighbourhood, initiator: User, contact: User
) -> Initiative:
    neighbourhood.contact_official = contact
    neighbourhood.save(update_fields=["contact_official"])
    if not neighbourhood.regulation.versions.exists():
        RegulationVersionFactory(
            regulation=neighbourhood.regulation,
            valid_from=start_of_day(dt.date(2020, 1, 1)),
        )
    today = timezone.localdate()
    draft = complete_draft(
        neighbourhood=neighbourhood,
        initiator=initiator,
        starts_on=today + dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=90),
    )
    plan = initiative_submit(actor=initiator, initiative=draft)
    initiative_transition(actor=contact, initiative=plan, to=InitiativeStatus.CHECKED)
    plan.refresh_from_db()
    return plan


def _own_checked(w: World) -> Initiative:
    return _checked_plan(w.wijk, w.users["resident"], w.users["official"])


def _other_checked(w: World) -> Initiative:
    stranger = UserFactory()
    AddressFactory(user=stranger, postcode="2812AD", neighbourhood=w.other_wijk)
    return _checked_plan(w.other_wijk, stranger, w.users["coordinator"])


def _reject(plan: Initiative) -> Decision:
    contact = plan.contact_official
    assert contact is not None
    return decision_issue(
        actor=contact,
        initiative=plan,
        outcome=DecisionOutcome.REJECT,
        reason_code=ReasonCode.RULE_BREACH,
        motivation="Dit past niet binnen de regels.",
        public_explanation="Past niet binnen de regels.",
    )


def _plan_kwargs(make: Any) -> Any:
    return lambda w: {"initiative_uuid": make(w).uuid}


def _decision_kwargs(make: Any) -> Any:
    return lambda w: {"decision_uuid": _reject(make(w)).uuid}


def _objection_kwargs(make: Any) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        decision = _reject(make(w))
        contact = decision.initiative.contact_official
        assert contact is not None
        objection = objection_register(
            actor=contact,
            decision=decision,
            received_on=timezone.localdate(),
            objector_name="J. de Vries",
            grounds="Het plan past wel.",
        )
        return {"objection_uuid": objection.uuid}

    return kwargs


PLANS = {"own": _plan_kwargs(_own_checked), "other": _plan_kwargs(_other_checked)}
DECISIONS = {
    "own": _decision_kwargs(_own_checked),
    "other": _decision_kwargs(_other_checked),
}
OBJECTIONS = {
    "own": _objection_kwargs(_own_checked),
    "other": _objection_kwargs(_other_checked),
}

# The beschikking: its initiator and the wijk's officials; for anyone else it does
# not exist.
READERS_OWN = everyone(
    "missing",
    anonymous="login",
    resident="ok",
    official_unverified="otp",
    official="ok",
    coordinator="ok",
)
READERS_OTHER = everyone("missing", anonymous="login", coordinator="ok")


def _officials(ok: str) -> dict[str, dict[str, str]]:
    allowed = {**OFFICIALS_ONLY, "official": ok, "coordinator": ok}
    return {"own": allowed, "other": {**allowed, "official": "missing"}}


ROUTES: dict[str, Route] = {
    "decisions:decision_detail": Route(
        expect={"own": READERS_OWN, "other": READERS_OTHER}, kwargs=DECISIONS
    ),
    "decisions:decision_pdf": Route(
        expect={"own": READERS_OWN, "other": READERS_OTHER}, kwargs=DECISIONS
    ),
    # Only the initiator; a checked plan cannot be cancelled: back to the plan.
    "decisions:cancel_own": Route(
        expect={
            "own": everyone("missing", anonymous="login", resident="redirect"),
            "other": everyone("missing", anonymous="login"),
        },
        kwargs=PLANS,
    ),
    # A checked plan can be rejected: the decision page opens.
    "decisions:decision_new": Route(expect=_officials("ok"), kwargs=PLANS),
    # Not possible for a checked plan: back to the plan file with a message.
    "decisions:execution_start": Route(
        method="post", expect=_officials("redirect"), kwargs=PLANS
    ),
    "decisions:cancel_official": Route(expect=_officials("redirect"), kwargs=PLANS),
    "decisions:objections": Route(expect={"-": OFFICIALS_ONLY}),
    "decisions:objection_new": Route(expect=_officials("ok"), kwargs=DECISIONS),
    "decisions:objection_detail": Route(expect=_officials("ok"), kwargs=OBJECTIONS),
    # Empty forms come back with their errors.
    "decisions:objection_decide": Route(
        method="post", expect=_officials("ok"), kwargs=OBJECTIONS
    ),
    "decisions:objection_extend": Route(
        method="post", expect=_officials("ok"), kwargs=OBJECTIONS
    ),
}
