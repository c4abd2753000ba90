"""Preparing a wijkraadpleging: create, options, publish, cancel; each refusal leaves
everything as it was."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.consultations.constants import BallotType, ConsultationKind
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.services import (
    consultation_cancel,
    consultation_create,
    consultation_option_add,
    consultation_option_remove,
    consultation_publish,
)
from wijkvoucher.consultations.tests.helpers import (
    CLOSES,
    DURING,
    OPENS,
    PREPARED,
    advisory_poll,
    at,
    budget_vote,
    on_roll,
    published,
    snapshot,
    vote,
    wijk_with_organiser,
)
from wijkvoucher.core.models import AuditEvent, StatusHistory
from wijkvoucher.initiatives.constants import InitiativeStatus as S
from wijkvoucher.initiatives.tests.factories import initiative_in
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.services.regulations import regulation_version_create
from wijkvoucher.neighbourhoods.tests.helpers import official

pytestmark = pytest.mark.django_db


def _create(**overrides: object) -> Consultation:
    values: dict[str, object] = {
        "kind": ConsultationKind.BUDGET_VOTE,
        "title": "Wijkbudget",
        "question": "Welke plannen?",
        "ballot_type": BallotType.APPROVAL,
        "opens_at": OPENS,
        "closes_at": CLOSES,
        "budget_cents": 1_000_000,
    }
    values.update(overrides)
    with at(PREPARED):
        return consultation_create(**values)  # type: ignore[arg-type]


def test_a_consultation_copies_who_may_vote_from_the_regeling_in_force() -> None:
    # given a regeling version with one vote per address from 16 years
    wijk, organiser = wijk_with_organiser()
    coordinator = official(municipality=wijk.municipality, role=Role.COORDINATOR)
    with at(PREPARED):
        regulation_version_create(
            actor=coordinator,
            regulation=wijk.regulation,
            change_note="Stemmen vanaf 16, per adres",
            consultation_min_age=16,
            consultation_per_household=True,
        )
    # when
    consultation = _create(actor=organiser, neighbourhood=wijk)
    # then
    assert consultation.min_age == 16
    assert consultation.per_household is True
    assert consultation.status == "draft"
    assert consultation.rule == "greedy"
    assert len(consultation.ballot_key or "") == 64
    event = AuditEvent.objects.get(action="consultations.consultation_create")
    assert event.subject_id == str(consultation.pk)
    assert event.data["budget_cents"] == 1_000_000


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"title": "  "}, "required"),
        ({"closes_at": OPENS}, "closes_before_opening"),
        ({"budget_cents": None}, "no_budget"),
        ({"budget_cents": 0}, "no_budget"),
        ({"ballot_type": BallotType.ADVISORY}, "ballot_does_not_fit"),
        ({"kind": ConsultationKind.ADVISORY}, "ballot_does_not_fit"),
        ({"ballot_type": BallotType.CUMULATIVE}, "no_points"),
        ({"points": 10}, "points_not_used"),
        ({"max_choices": 0}, "max_choices_too_low"),
        ({"rule": "no-such-rule"}, "unknown_rule"),
        ({"rule": "greedy-threshold"}, "unknown_rule"),
        (
            {"ballot_type": BallotType.ORDINAL, "rule": "equalshares"},
            "rule_does_not_fit",
        ),
    ],
)
def test_create_refuses_what_does_not_fit(
    overrides: dict[str, object], code: str
) -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    before = snapshot()
    # when
    with pytest.raises(ValidationError) as refused:
        _create(actor=organiser, neighbourhood=wijk, **overrides)
    # then
    assert refused.value.code == code
    assert snapshot() == before


def test_only_the_organisers_of_the_wijk_may_create() -> None:
    # given a resident and the contact official of another wijk
    wijk, _organiser = wijk_with_organiser()
    _other, other_official = wijk_with_organiser()
    before = snapshot()
    # when / then
    for actor in (UserFactory.create(), other_official):
        with pytest.raises(PermissionDenied):
            _create(actor=actor, neighbourhood=wijk)
    assert snapshot() == before


def test_the_chair_of_the_regiegroep_may_organise() -> None:
    # given
    wijk, _organiser = wijk_with_organiser()
    chair = official(neighbourhood=wijk, role=Role.STEERING_CHAIR)
    # when
    consultation = _create(actor=chair, neighbourhood=wijk)
    # then
    assert consultation.created_by == chair


def test_options_are_numbered_and_close_up_when_one_is_removed() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser, costs=(100, 200, 300))
    first, middle, last = ConsultationOption.objects.filter(
        consultation=consultation
    ).order_by("position")
    # when
    with at(PREPARED):
        consultation_option_remove(actor=organiser, option=middle)
    # then
    rows = ConsultationOption.objects.filter(consultation=consultation).order_by(
        "position"
    )
    assert list(rows.values_list("pk", "position")) == [(first.pk, 1), (last.pk, 2)]
    assert (
        AuditEvent.objects.filter(
            action="consultations.consultation_option_remove"
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    ("title", "code"), [("Zonder kosten", "cost_needed"), ("", "required")]
)
def test_a_budget_option_needs_a_title_and_a_cost(title: str, code: str) -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser, costs=())
    before = snapshot()
    # when
    with at(PREPARED), pytest.raises(ValidationError) as refused:
        consultation_option_add(
            actor=organiser,
            consultation=consultation,
            cost_cents=None if code == "cost_needed" else 100,
            title=title,
        )
    # then
    assert refused.value.code == code
    assert snapshot() == before


def test_a_poll_takes_only_plans_of_the_wijk_on_the_agenda_once() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    with at(PREPARED):
        on_agenda = initiative_in(S.ON_AGENDA, neighbourhood=wijk)
        checked = initiative_in(S.CHECKED, neighbourhood=wijk)
    elsewhere_wijk, _other = wijk_with_organiser()
    with at(PREPARED):
        elsewhere = initiative_in(S.ON_AGENDA, neighbourhood=elsewhere_wijk)
    poll = advisory_poll(wijk, organiser, [on_agenda])
    before = snapshot()
    # when / then
    for plan, code in (
        (checked, "plan_not_on_agenda"),
        (elsewhere, "other_wijk"),
        (on_agenda, "plan_twice"),
        (None, "plan_needed"),
    ):
        with at(PREPARED), pytest.raises(ValidationError) as refused:
            consultation_option_add(
                actor=organiser, consultation=poll, initiative=plan, title="x"
            )
        assert refused.value.code == code
    assert snapshot() == before
    option = ConsultationOption.objects.get(consultation=poll)
    assert option.title == on_agenda.title
    assert option.cost_cents is None


def test_publishing_a_poll_puts_its_plans_in_consultation() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    with at(PREPARED):
        plans = [initiative_in(S.ON_AGENDA, neighbourhood=wijk) for _ in range(2)]
    poll = advisory_poll(wijk, organiser, plans)
    # when
    published(poll, organiser)
    # then
    poll.refresh_from_db()
    assert poll.status == "published"
    assert poll.opens_at == OPENS
    for plan in plans:
        plan.refresh_from_db()
        assert plan.status == S.IN_CONSULTATION
    history = StatusHistory.objects.get(machine="consultations.consultation")
    assert (history.from_status, history.to_status, history.actor) == (
        "draft",
        "published",
        organiser,
    )


def test_publishing_is_refused_when_a_plan_left_the_agenda() -> None:
    # given a poll whose plan was withdrawn after it was put on the ballot
    wijk, organiser = wijk_with_organiser()
    with at(PREPARED):
        kept, gone = (initiative_in(S.ON_AGENDA, neighbourhood=wijk) for _ in "ab")
    poll = advisory_poll(wijk, organiser, [kept, gone])
    from wijkvoucher.initiatives.services import initiative_withdraw

    with at(PREPARED):
        initiative_withdraw(actor=gone.initiator, initiative=gone, motivation="")
    before = snapshot()
    # when
    with at(PREPARED), pytest.raises(ValidationError) as refused:
        consultation_publish(actor=organiser, consultation=poll)
    # then
    assert refused.value.code == "plan_not_on_agenda"
    assert snapshot() == before


@pytest.mark.parametrize("case", ["no_options", "closes_in_past", "twice"])
def test_publish_refusals_change_nothing(case: str) -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(
        wijk, organiser, costs=() if case == "no_options" else (100,)
    )
    when = PREPARED
    if case == "closes_in_past":
        when = CLOSES
    if case == "twice":
        published(consultation, organiser)
    before = snapshot()
    # when
    with at(when), pytest.raises(ValidationError) as refused:
        consultation_publish(actor=organiser, consultation=consultation)
    # then
    expected = {"twice": "invalid_status"}.get(case, case)
    assert refused.value.code == expected
    assert snapshot() == before


def test_an_opening_time_already_passed_becomes_the_moment_of_publishing() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    # when
    with at(DURING):
        consultation_publish(actor=organiser, consultation=consultation)
    # then
    consultation.refresh_from_db()
    assert consultation.opens_at == DURING


def test_a_published_ballot_cannot_change() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    option = ConsultationOption.objects.filter(consultation=consultation).first()
    assert option is not None
    before = snapshot()
    # when / then
    with at(PREPARED), pytest.raises(ValidationError) as refused:
        consultation_option_add(
            actor=organiser, consultation=consultation, title="Laat", cost_cents=5
        )
    assert refused.value.code == "not_draft"
    with at(PREPARED), pytest.raises(ValidationError) as refused:
        consultation_option_remove(actor=organiser, option=option)
    assert refused.value.code == "not_draft"
    assert snapshot() == before


def test_cancelling_destroys_the_key_and_blanks_the_letters() -> None:
    # given a published vote with a ballot
    wijk, organiser = wijk_with_organiser()
    consultation = published(budget_vote(wijk, organiser), organiser)
    (credential, _code), *_rest = on_roll(consultation, organiser, 3)
    vote(consultation, credential, [])
    # when
    with at(DURING):
        consultation_cancel(
            actor=organiser, consultation=consultation, reason="Fout in de brief"
        )
    # then
    consultation.refresh_from_db()
    assert consultation.status == "cancelled"
    assert consultation.ballot_key is None
    assert consultation.result is None
    credential.refresh_from_db()
    assert (credential.letter_name, credential.letter_street) == ("", "")
    assert list(consultation.ballots.values_list("link", flat=True)) == [None]
    history = StatusHistory.objects.get(to_status="cancelled")
    assert history.note == "Fout in de brief"


def test_cancelling_needs_a_reason() -> None:
    # given
    wijk, organiser = wijk_with_organiser()
    consultation = budget_vote(wijk, organiser)
    before = snapshot()
    # when
    with at(PREPARED), pytest.raises(ValidationError) as refused:
        consultation_cancel(actor=organiser, consultation=consultation, reason=" ")
    # then
    assert refused.value.code == "required"
    assert snapshot() == before
