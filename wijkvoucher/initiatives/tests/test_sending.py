"""Sending a plan with the answers only sending needs (issue #9, point 5): the
initiator's name for the beschikking, what the regeling's age rules need (and no
more), and what may be published. All or nothing; every problem reported at once."""

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services import initiative_send
from wijkvoucher.initiatives.services.sending import SendAnswers
from wijkvoucher.initiatives.tests.factories import complete_draft, neighbourhood_ready
from wijkvoucher.initiatives.tests.helpers import snapshot
from wijkvoucher.neighbourhoods.services.regulations import start_of_day
from wijkvoucher.neighbourhoods.tests.factories import RegulationVersionFactory
from wijkvoucher.neighbourhoods.tests.helpers import TODAY, on_day

S = InitiativeStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _unanswered_draft(**regeling: int) -> tuple[Initiative, User]:
    """A complete draft whose initiator has not answered the age question yet and
    has no name; ``regeling`` overrides the age rules of the version in force."""
    wijk = neighbourhood_ready()
    if regeling:
        # A newer version of the regeling, in force from yesterday.
        RegulationVersionFactory(
            regulation=wijk.regulation,
            valid_from=start_of_day(TODAY - dt.timedelta(days=1)),
            **regeling,
        )
    draft = complete_draft(neighbourhood=wijk, applicant_age_at_least=None)
    draft.initiator.full_name = ""
    draft.initiator.save(update_fields=["full_name"])
    return draft, draft.initiator


def _refused(draft: Initiative, answers: SendAnswers) -> ValidationError:
    before = snapshot(draft)
    with pytest.raises(ValidationError) as refused:
        initiative_send(actor=draft.initiator, initiative=draft, answers=answers)
    assert snapshot(draft) == before
    draft.initiator.refresh_from_db()
    assert draft.initiator.full_name == ""
    return refused.value


def test_an_adult_sends_with_a_name_and_nothing_more_is_stored() -> None:
    draft, user = _unanswered_draft()
    initiative_send(
        actor=user,
        initiative=draft,
        answers=SendAnswers(full_name="  Sanne   de Vries ", of_age=True),
    )
    draft.refresh_from_db()
    user.refresh_from_db()
    assert draft.status == S.SUBMITTED
    assert user.full_name == "Sanne de Vries"
    assert (draft.applicant_age_at_least, draft.applicant_age) == (18, None)
    # the audit trail records that the age was answered, never the age itself
    event = AuditEvent.objects.get(action="initiatives.initiative_send_answers")
    assert event.data["age_answered"] is True
    assert "age" not in event.data


def test_every_missing_answer_is_reported_at_once_and_nothing_changes() -> None:
    draft, _user = _unanswered_draft()
    error = _refused(draft, SendAnswers(full_name=" "))
    assert set(error.error_dict) == {"full_name", "age_band"}


def test_someone_younger_needs_a_parent_who_agrees() -> None:
    draft, user = _unanswered_draft()
    error = _refused(draft, SendAnswers(full_name="Tim", of_age=False, age=15))
    assert set(error.error_dict) == {"parental_consent"}
    error = _refused(
        draft,
        SendAnswers(full_name="Tim", of_age=False, age=15, parental_consent=True),
    )
    assert set(error.error_dict) == {"parental_consent_name"}
    initiative_send(
        actor=user,
        initiative=draft,
        answers=SendAnswers(
            full_name="Tim",
            of_age=False,
            age=15,
            parental_consent=True,
            parental_consent_name="Ria de Boer",
        ),
    )
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED
    assert (draft.applicant_age_at_least, draft.applicant_age) == (None, 15)
    assert (draft.parental_consent, draft.parental_consent_name) == (
        True,
        "Ria de Boer",
    )


def test_someone_below_the_minimum_age_is_refused_by_the_rule() -> None:
    draft, _user = _unanswered_draft()
    error = _refused(
        draft,
        SendAnswers(
            full_name="Noor",
            of_age=False,
            age=10,
            parental_consent=True,
            parental_consent_name="Ria",
        ),
    )
    assert error.code == "rule_breach"
    assert error.params is not None
    assert error.params["rules"] == ["min_age"]


@pytest.mark.parametrize("age", [18, 40, 0])
def test_younger_with_an_age_that_is_not_younger_is_refused(age: int) -> None:
    draft, _user = _unanswered_draft()
    error = _refused(draft, SendAnswers(full_name="Tim", of_age=False, age=age))
    assert "age" in error.error_dict


def test_a_regeling_without_age_rules_asks_no_age() -> None:
    draft, user = _unanswered_draft(min_age_applicant=0, parental_consent_below=0)
    initiative_send(
        actor=user, initiative=draft, answers=SendAnswers(full_name="Sanne")
    )
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED
    assert (draft.applicant_age_at_least, draft.applicant_age) == (None, None)
