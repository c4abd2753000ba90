"""Recording ACTIE forms: who may, what is refused, and that history is kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

import pytest

from wijkvoucher.actie.constants import SupportRole, Variant
from wijkvoucher.actie.models import ActieAnswer, ActieAssessment
from wijkvoucher.actie.selectors import initiative_history, latest_for_initiative
from wijkvoucher.actie.services import (
    Answer,
    actie_initiative_record,
    actie_wijk_record,
)
from wijkvoucher.actie.tests.helpers import (
    answers,
    contact_of,
    coordinator_of,
    plan_assessed,
    submitted_plan,
    wijk_assessed,
)
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.tests.factories import complete_draft
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.factories import RoleAssignmentFactory
from wijkvoucher.neighbourhoods.tests.helpers import on_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _counts() -> tuple[int, int, int]:
    return (
        ActieAssessment.objects.count(),
        ActieAnswer.objects.count(),
        AuditEvent.objects.filter(action="actie.record").count(),
    )


def test_the_contact_official_records_a_plan_form_with_its_suggestion() -> None:
    # given a submitted plan
    plan = submitted_plan()
    # when its contact official records Toerusting low, with points and a role
    assessment = actie_initiative_record(
        actor=contact_of(plan),
        initiative=plan,
        answers=answers(Variant.FRONTLINE, 3, T1=2, T2=1, T3=2, T4=2),
        points={"T": "  Hulp bij de begroting  ", "A": ""},
        role_chosen=SupportRole.FACILITATING,
    )
    # then the form is stored whole: 18 answers, the suggestion, the chosen role
    assert assessment.variant == Variant.FRONTLINE
    assert assessment.neighbourhood_id == plan.neighbourhood_id
    assert assessment.answers.count() == 18
    assert assessment.role_suggested == SupportRole.STIMULATING
    assert assessment.role_chosen == SupportRole.FACILITATING
    assert assessment.points == {"T": "Hulp bij de begroting"}
    event = AuditEvent.objects.get(action="actie.record")
    assert event.actor == contact_of(plan)
    assert event.data["role_suggested"] == "stimulating"


def test_filling_in_again_adds_to_the_history() -> None:
    # given a plan assessed in July
    plan = submitted_plan()
    with on_day(dt.date(2026, 7, 1)):
        first = plan_assessed(plan, score=2)
    # when it is assessed again in August
    with on_day(dt.date(2026, 8, 1)):
        second = plan_assessed(plan, score=4)
    # then both are kept, newest first
    history = initiative_history(initiative=plan)
    assert [row.assessment for row in history] == [second, first]
    assert latest_for_initiative(initiative=plan) == second


def test_an_assessment_cannot_be_changed_or_deleted() -> None:
    # given an assessment
    assessment = plan_assessed(submitted_plan())
    # when changed or deleted in the database / then refused
    with pytest.raises(DatabaseError), transaction.atomic():
        ActieAssessment.objects.filter(pk=assessment.pk).update(role_chosen="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        ActieAnswer.objects.filter(assessment=assessment).delete()
    assert ActieAnswer.objects.filter(assessment=assessment).count() == 18


def test_a_missing_item_and_a_bad_score_are_refused_together() -> None:
    # given a form without E3 and with a score of 5
    plan = submitted_plan()
    given = answers(Variant.FRONTLINE)
    del given["E3"]
    given["A1"] = Answer(score=5)
    before = _counts()
    # when recorded
    with pytest.raises(ValidationError) as exc:
        actie_initiative_record(
            actor=contact_of(plan), initiative=plan, answers=given, points={}
        )
    # then both problems are named and nothing is stored
    assert sorted(e.code or "" for e in exc.value.error_list) == [
        "actie_items",
        "actie_score",
    ]
    assert _counts() == before


def test_a_draft_has_no_form_yet() -> None:
    # given a draft
    draft = complete_draft()
    contact = draft.neighbourhood.contact_official
    assert contact is not None
    before = _counts()
    # when / then refused, nothing stored
    with pytest.raises(ValidationError) as exc:
        actie_initiative_record(
            actor=contact,
            initiative=draft,
            answers=answers(Variant.FRONTLINE),
            points={},
        )
    assert exc.value.code == "actie_draft"
    assert draft.status == InitiativeStatus.DRAFT
    assert _counts() == before


def test_nobody_assesses_a_plan_they_take_part_in() -> None:
    # given a plan whose initiator is also an official of the wijk
    plan = submitted_plan()
    RoleAssignmentFactory(
        user=plan.initiator,
        role=Role.CONTACT_OFFICIAL,
        neighbourhood=plan.neighbourhood,
    )
    before = _counts()
    # when the initiator records a form / then refused, nothing stored
    with pytest.raises(PermissionDenied):
        plan_assessed(plan, actor=plan.initiator)
    assert _counts() == before


def test_only_a_coordinator_records_the_wijk_form() -> None:
    # given a wijk with a contact official and a coordinator
    plan = submitted_plan()
    wijk = plan.neighbourhood
    before = _counts()
    # when the contact official tries / then refused
    with pytest.raises(PermissionDenied):
        wijk_assessed(wijk, contact_of(plan))
    assert _counts() == before
    # when the coordinator records it / then stored with its period
    assessment = wijk_assessed(wijk, coordinator_of(wijk))
    assert assessment.variant == Variant.ORGANISATION
    assert assessment.initiative is None
    assert (assessment.period_start, assessment.period_end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert assessment.answers.count() == 12
    assert assessment.role_suggested == SupportRole.CO_PRODUCING


def test_a_wijk_period_that_ends_before_it_starts_is_refused() -> None:
    # given a coordinator
    wijk = submitted_plan().neighbourhood
    coordinator = coordinator_of(wijk)
    before = _counts()
    # when the period is back to front / then refused at the end field
    with pytest.raises(ValidationError) as exc:
        actie_wijk_record(
            actor=coordinator,
            neighbourhood=wijk,
            period_start=dt.date(2026, 6, 1),
            period_end=dt.date(2026, 5, 31),
            answers=answers(Variant.ORGANISATION),
            points={},
        )
    assert exc.value.error_dict["period_end"][0].code == "period_order"
    assert _counts() == before
