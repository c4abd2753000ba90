"""The batch reads that pages with many plans use (issue #11) give each plan exactly
what the single reads give it."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.tests.files import minimal_pdf
from wijkvoucher.initiatives.checks import (
    plan_checks,
    plan_checks_by_initiative,
    plan_facts_by_initiative,
    plan_facts_for,
    plan_version,
    plan_versions,
)
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.models import CoInitiator, Initiative, SupportSignature
from wijkvoucher.initiatives.selectors.initiatives import (
    budget_lines_by_initiative,
    budget_lines_of,
    budget_total_cents,
    budget_totals_cents,
    own_contributions_by_initiative,
)
from wijkvoucher.initiatives.selectors.participation import (
    initiators_by_initiative,
    initiators_of,
    support_counts,
    support_summaries,
    support_summary,
)
from wijkvoucher.initiatives.services import attachment_add, support_sign
from wijkvoucher.initiatives.tests.factories import (
    BudgetLineFactory,
    InitiativeFactory,
    complete_draft,
    initiative_in,
    neighbourhood_ready,
    resident,
)
from wijkvoucher.neighbourhoods.selectors.addresses import (
    resident_neighbourhood_ids,
    resident_neighbourhoods,
)
from wijkvoucher.neighbourhoods.selectors.regulations import (
    regulation_version_in_force,
    regulation_versions_in_force,
)
from wijkvoucher.neighbourhoods.tests.factories import AddressFactory, RegulationFactory
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day

pytestmark = pytest.mark.django_db

PDF = minimal_pdf()


@pytest.fixture(autouse=True)
def _today(settings: Any, tmp_path: Any) -> Iterator[None]:
    settings.MEDIA_ROOT = str(tmp_path)
    with on_day():
        yield


def _plans() -> list[Initiative]:
    """Three plans of one wijk that differ in everything the batch reads: a submitted
    one with a co-initiator, a shared household among its signers, a signed list and
    a second cost line; a draft with an unconfirmed signer and its initiator living
    elsewhere; and a bare draft without cost lines or contributions."""
    wijk = neighbourhood_ready()
    submitted = initiative_in(S.SUBMITTED, neighbourhood=wijk)
    co = resident(wijk)
    CoInitiator.objects.create(
        initiative=submitted,
        email=str(co.email),
        user=co,
        invited_by=submitted.initiator,
        token_hash="1" * 64,
        expires_at=timezone.now() + dt.timedelta(days=7),
        accepted_at=timezone.now(),
    )
    housemates = [UserFactory.create(), UserFactory.create()]
    for user in housemates:
        AddressFactory(user=user, postcode="1000AC", house_number=7, neighbourhood=wijk)
        support_sign(actor=user, initiative=submitted, stance="for")
    support_sign(actor=resident(wijk), initiative=submitted, stance="against")
    attachment_add(
        actor=submitted.initiator,
        initiative=submitted,
        kind="support_list",
        file=io.BytesIO(PDF),
        name="lijst.pdf",
        declared_signatures=4,
    )
    BudgetLineFactory(initiative=submitted, amount_cents=2_500, provider_name="Wilg")
    draft = complete_draft(neighbourhood=wijk, initiator=UserFactory())
    unconfirmed = UserFactory.create()
    AddressFactory(user=unconfirmed, neighbourhood=wijk, residency_confirmed_at=None)
    support_sign(actor=unconfirmed, initiative=draft, stance="neutral")
    bare = InitiativeFactory.create(neighbourhood=wijk)
    return [submitted, draft, bare]


def test_the_budget_and_contributions_of_many_plans_match_the_single_reads() -> None:
    plans = _plans()
    assert budget_lines_by_initiative(initiatives=plans) == {
        p.pk: budget_lines_of(initiative=p) for p in plans
    }
    totals = budget_totals_cents(initiatives=plans)
    assert totals == {p.pk: budget_total_cents(initiative=p) for p in plans}
    assert list(totals.values()) == [47_500, 45_000, 0]
    assert own_contributions_by_initiative(initiatives=plans) == {
        p.pk: list(p.own_contributions.order_by("pk")) for p in plans
    }


def test_the_people_and_support_of_many_plans_match_the_single_reads() -> None:
    plans = _plans()
    initiators = initiators_by_initiative(plans)
    assert initiators == {p.pk: initiators_of(p) for p in plans}
    assert [len(people) for people in initiators.values()] == [2, 1, 1]
    summaries = support_summaries(initiatives=plans)
    assert summaries == {p.pk: support_summary(initiative=p) for p in plans}
    submitted, draft, bare = (summaries[p.pk] for p in plans)
    assert (submitted.households_for, submitted.households_against) == (1, 1)
    assert submitted.declared_on_lists == 4
    assert (draft.households_neutral, draft.households_unconfirmed) == (1, 1)
    assert bare.total_for == 0
    assert support_counts(initiatives=plans) == {
        p.pk: {
            stance: SupportSignature.objects.filter(initiative=p, stance=stance).count()
            for stance in ("for", "against", "neutral")
        }
        for p in plans
    }


def test_the_rule_check_of_many_plans_matches_the_single_check() -> None:
    plans = _plans()
    moment = timezone.now()
    assert plan_versions(initiatives=plans, at=moment) == {
        p.pk: plan_version(initiative=p, at=moment) for p in plans
    }
    assert plan_facts_by_initiative(initiatives=plans, today=TODAY) == {
        p.pk: plan_facts_for(initiative=p, today=TODAY) for p in plans
    }
    checks = plan_checks_by_initiative(initiatives=plans)
    assert checks == {p.pk: plan_checks(initiative=p) for p in plans}
    # the plans are judged differently, so no plan got another's answers
    assert len({tuple(c.outcome for c in found) for found in checks.values()}) == 3


def test_where_many_people_live_matches_the_single_read() -> None:
    wijk = neighbourhood_ready()
    people = [resident(wijk), UserFactory.create(), resident(neighbourhood_ready())]
    found = resident_neighbourhood_ids(user_ids=[p.pk for p in people], on=TODAY)
    assert found == {
        p.pk: {n.pk for n in resident_neighbourhoods(user=p, on=TODAY)} for p in people
    }
    assert found[people[0].pk] == {wijk.pk}
    assert found[people[1].pk] == set()


def test_the_versions_in_force_of_many_regelingen_match_the_single_read() -> None:
    regulations = [neighbourhood_ready().regulation, neighbourhood_ready().regulation]
    moment = timezone.now()
    assert regulation_versions_in_force(regulations=regulations, at=moment) == {
        r.pk: regulation_version_in_force(regulation=r, at=moment) for r in regulations
    }
    empty = RegulationFactory.create()
    with pytest.raises(ValidationError) as refused:
        regulation_versions_in_force(regulations=[*regulations, empty], at=moment)
    assert refused.value.code == "no_version_in_force"
