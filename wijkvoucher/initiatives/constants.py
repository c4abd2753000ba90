from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeStatus(models.TextChoices):
    """Where an initiative is in its workflow (docs/workflow.md#steps; the table of allowed
    steps is in workflow.py)."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    INFORMATION_REQUESTED = "information_requested", _("information requested")
    NOT_PROCESSED = "not_processed", _("not processed")
    CHECKED = "checked", _("checked")
    ON_AGENDA = "on_agenda", _("on the agenda")
    IN_CONSULTATION = "in_consultation", _("in consultation")
    IN_DELIBERATION = "in_deliberation", _("under discussion")
    DEFERRED = "deferred", _("deferred")
    # The advice itself (positive, partly, negative) is data of the advice, not a status.
    ADVISED = "advised", _("advice given")
    AWARDED = "awarded", _("awarded")
    PARTLY_AWARDED = "partly_awarded", _("partly awarded")
    REJECTED = "rejected", _("rejected")
    IN_EXECUTION = "in_execution", _("being carried out")
    CANCELLED = "cancelled", _("cancelled")
    SETTLED = "settled", _("settled")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Goal(models.TextChoices):
    LIVEABILITY = "liveability", _("liveability")
    SOCIAL_COHESION = "social_cohesion", _("social cohesion")
    SAFETY = "safety", _("safety")
    OTHER = "other", _("other goal")


class ReasonCode(models.TextChoices):
    """Why an initiative was not (fully) awarded, deferred, cancelled or not processed.
    The motivation text next to it says it in plain words."""

    BUDGET_EXHAUSTED = "budget_exhausted", _("the budget is used up")
    RULE_BREACH = "rule_breach", _("does not meet the rules")
    NOT_FEASIBLE = "not_feasible", _("not feasible")
    INSUFFICIENT_SUPPORT = "insufficient_support", _("not enough support in the wijk")
    OTHER_BUDGET = "other_budget", _("paid from another budget")
    OTHER = "other", _("other reason")


class ContributionKind(models.TextChoices):
    MONEY = "money", _("money")
    HOURS = "hours", _("hours of work")
    IN_KIND = "in_kind", _("in kind")


class SupportStance(models.TextChoices):
    """What a neighbour says about a plan (Utrecht records for, against and neutral)."""

    FOR = "for", _("for")
    AGAINST = "against", _("against")
    NEUTRAL = "neutral", _("neutral")


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    DOCUMENT = "document", _("document")
    SUPPORT_LIST = "support_list", _("signed support list")


# From the draft until the decision neighbours can sign, and change their mind: the
# regeling asks for support before a plan is sent, so the initiator shares the link
# while writing (issue #9, point 7).
OPEN_FOR_SUPPORT: frozenset[InitiativeStatus] = frozenset(
    {
        InitiativeStatus.DRAFT,
        InitiativeStatus.SUBMITTED,
        InitiativeStatus.INFORMATION_REQUESTED,
        InitiativeStatus.CHECKED,
        InitiativeStatus.ON_AGENDA,
        InitiativeStatus.IN_CONSULTATION,
        InitiativeStatus.IN_DELIBERATION,
        InitiativeStatus.DEFERRED,
        InitiativeStatus.ADVISED,
    }
)
