"""What a plan needs before it can be sent in: the one source that the form labels,
the rule panel's to-do list, the send page and the submit service all read (issue #9,
point 3). A field named here is never marked "(optional)"; a plan that misses one of
these cannot be sent, and the message says where to fill it in.

Two of them depend on the regeling version that would apply: the age question is only
asked when the regeling has an age rule (a minimum age or a parent's consent below an
age), and its answer must cover that version's threshold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkvoucher.initiatives.checks import plan_version
from wijkvoucher.initiatives.models import Initiative

if TYPE_CHECKING:
    from wijkvoucher.neighbourhoods.models import RegulationVersion

# The steps of the plan wizard. Step 3 is the page that checks and sends.
PLAN_STEP = 1
MONEY_STEP = 2
SEND_STEP = 3


@dataclass(frozen=True)
class Requirement:
    """One thing a plan needs before it is sent: ``label`` completes "Still to do:",
    ``step`` is where it is filled in and ``field`` the name of the form field there
    (the error summary and the to-do list link to it)."""

    key: str
    label: Promise
    step: int
    field: str


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("title", _("a name for your plan"), PLAN_STEP, "title"),
    Requirement("description", _("what you want to do"), PLAN_STEP, "description"),
    Requirement("starts_on", _("the start date"), PLAN_STEP, "starts_on"),
    Requirement("ends_on", _("the end date"), PLAN_STEP, "ends_on"),
    Requirement(
        "budget_lines", _("at least one cost"), MONEY_STEP, "line-0-description"
    ),
    Requirement("applicant_name", _("your name"), SEND_STEP, "full_name"),
    Requirement("applicant_age", _("your age"), SEND_STEP, "age_band"),
)
BY_KEY = {r.key: r for r in REQUIREMENTS}
# Form fields that are needed to send, though a draft may be saved without them.
FIELDS_REQUIRED_TO_SEND = frozenset(r.field for r in REQUIREMENTS)


def age_threshold(version: RegulationVersion | None) -> int:
    """The age the initiator is asked about: the higher of the regeling's minimum age
    and the age below which a parent must agree; 0 when the regeling has neither."""
    if version is None:
        return 0
    return max(version.min_age_applicant or 0, version.parental_consent_below or 0)


def age_answered(initiative: Initiative, threshold: int) -> bool:
    """Whether the initiator's answer covers ``threshold``: "at least N" with N at
    least the threshold, or (for someone younger) the age itself."""
    if threshold == 0 or initiative.applicant_age is not None:
        return True
    at_least = initiative.applicant_age_at_least
    return at_least is not None and at_least >= threshold


def requirements_missing(
    *,
    initiative: Initiative,
    version: RegulationVersion | None,
) -> list[Requirement]:
    """What ``initiative`` still lacks to be sent under ``version``, in form order."""
    present = {
        "title": bool(initiative.title.strip()),
        "description": bool(initiative.description.strip()),
        "starts_on": initiative.starts_on is not None,
        "ends_on": initiative.ends_on is not None,
        "budget_lines": initiative.budget_lines.exists(),
        "applicant_name": bool(initiative.initiator.full_name.strip()),
        "applicant_age": age_answered(initiative, age_threshold(version)),
    }
    return [r for r in REQUIREMENTS if not present[r.key]]


def version_for_sending(
    *, initiative: Initiative, at: dt.datetime | None = None
) -> RegulationVersion | None:
    """The regeling version a draft would be judged by if it were sent at ``at``
    (now by default); a sent plan keeps its own. None when no version is in force."""
    try:
        return plan_version(initiative=initiative, at=at or timezone.now())
    except ValidationError:
        return None
