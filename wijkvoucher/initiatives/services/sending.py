"""Sending a plan in, with the few answers that only the sending needs (issue #9,
point 5): the initiator's name for the beschikking, what the regeling's age rules
need to know, and what may be published. Asked once, on the page that sends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.services import audit_record
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.requirements import age_threshold, version_for_sending
from wijkvoucher.initiatives.services.guards import _lock, _require_own_draft
from wijkvoucher.initiatives.services.transitions import initiative_submit
from wijkvoucher.neighbourhoods.services.profiles import user_name_set

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

MAX_NAME = 200


@dataclass(frozen=True, kw_only=True)
class SendAnswers:
    """What the initiator answers on the send page. ``of_age`` is the answer to
    "are you <threshold> or older?" (None when the regeling asks no age); ``age``
    only for someone younger."""

    full_name: str
    of_age: bool | None = None
    age: int | None = None
    parental_consent: bool = False
    parental_consent_name: str = ""
    publish_initiator_name: bool = False
    publish_text_if_not_awarded: bool = False


def _age_fields(
    answers: SendAnswers, threshold: int, errors: dict[str, ValidationError]
) -> tuple[int | None, int | None]:
    """(at least, age) to store, or record what is wrong in ``errors``."""
    if threshold == 0:
        return None, None
    if answers.of_age is None:
        errors["age_band"] = ValidationError(
            _("Say whether you are %(age)s or older."),
            code="age_required",
            params={"age": threshold},
        )
        return None, None
    if answers.of_age:
        return threshold, None
    if answers.age is None:
        errors["age"] = ValidationError(_("Fill in your age."), code="age_required")
    elif not 0 < answers.age < threshold:
        errors["age"] = ValidationError(
            _("You said you are younger than %(age)s. Fill in your age in years."),
            code="age_inconsistent",
            params={"age": threshold},
        )
    return None, answers.age


def _consent_fields(
    answers: SendAnswers,
    age: int | None,
    consent_below: int,
    errors: dict[str, ValidationError],
) -> tuple[bool, str]:
    if age is None or age >= consent_below:
        return False, ""
    name = " ".join(answers.parental_consent_name.split())[:MAX_NAME]
    if not answers.parental_consent:
        errors["parental_consent"] = ValidationError(
            _(
                "You are younger than %(age)s, so a parent or guardian must agree "
                "with your plan. Ask them, then tick the box."
            ),
            code="consent_required",
            params={"age": consent_below},
        )
    elif not name:
        errors["parental_consent_name"] = ValidationError(
            _("Fill in the name of your parent or guardian."),
            code="consent_name_required",
        )
    return answers.parental_consent, name


@transaction.atomic
def initiative_send(
    *, actor: User, initiative: Initiative, answers: SendAnswers
) -> Initiative:
    """Record the answers and submit the plan, both or neither. Every problem with
    the answers is reported at once, keyed by the send form's field names; then
    ``initiative_submit`` refuses what is missing or breaks a hard rule."""
    initiative = _lock(initiative)
    _require_own_draft(actor=actor, initiative=initiative)
    version = version_for_sending(initiative=initiative)
    threshold = age_threshold(version)
    errors: dict[str, ValidationError] = {}
    at_least, age = _age_fields(answers, threshold, errors)
    consent_below = version.parental_consent_below if version else 0
    consent, consent_name = _consent_fields(answers, age, consent_below, errors)
    try:
        user_name_set(actor=actor, user=actor, full_name=answers.full_name)
    except ValidationError as exc:
        errors["full_name"] = exc
    if errors:
        raise ValidationError(errors)
    initiative.applicant_age_at_least = at_least
    initiative.applicant_age = age
    initiative.parental_consent = consent
    initiative.parental_consent_name = consent_name
    initiative.publish_initiator_name = answers.publish_initiator_name
    initiative.publish_text_if_not_awarded = answers.publish_text_if_not_awarded
    initiative.save(
        update_fields=[
            "applicant_age_at_least",
            "applicant_age",
            "parental_consent",
            "parental_consent_name",
            "publish_initiator_name",
            "publish_text_if_not_awarded",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="initiatives.initiative_send_answers",
        subject=initiative,
        # The age itself stays out of the audit trail; consents are facts the
        # municipality must be able to show (AVG art. 7).
        data={
            "age_answered": threshold == 0 or at_least is not None or age is not None,
            "parental_consent": consent,
            "publish_initiator_name": answers.publish_initiator_name,
            "publish_text_if_not_awarded": answers.publish_text_if_not_awarded,
        },
    )
    return initiative_submit(actor=actor, initiative=initiative)
