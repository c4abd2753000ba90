"""Choices of the decisions app: the beschikking and the objection (bezwaar)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionOutcome(models.TextChoices):
    """What the beschikking decides. The first three match the regiegroep's
    ``AdviceOutcome`` values, so "follows the advice" is a plain comparison."""

    AWARD = "award", _("awarded")
    PARTLY_AWARD = "partly_award", _("partly awarded")
    REJECT = "reject", _("rejected")
    NOT_PROCESSED = "not_processed", _("not processed")
    # After the activity (the accountability app): the final amount (vaststelling,
    # Awb 4:46) and the reclaim of money paid (terugvordering, Awb 4:57). They do
    # not change the plan's status themselves and reserve nothing.
    SETTLE = "settle", _("final amount set")
    RECOVER = "recover", _("money reclaimed")
    # What is still owed of a terugvordering is forgiven (kwijtschelding).
    WAIVE = "waive", _("reclaimed money waived")


# Outcomes that reserve money in the ledger.
AWARDING = frozenset({DecisionOutcome.AWARD, DecisionOutcome.PARTLY_AWARD})
# Beschikkingen after the activity: an amount, no reservation, no status step.
FOLLOW_UP = frozenset(
    {DecisionOutcome.SETTLE, DecisionOutcome.RECOVER, DecisionOutcome.WAIVE}
)
# Outcomes that need a coded reason and a motivation (Awb 3:46).
REASONED = frozenset(
    {
        DecisionOutcome.PARTLY_AWARD,
        DecisionOutcome.REJECT,
        DecisionOutcome.NOT_PROCESSED,
    }
)
# Outcomes the public page shows with an explanation without personal data.
PUBLICLY_EXPLAINED = frozenset({DecisionOutcome.PARTLY_AWARD, DecisionOutcome.REJECT})


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("received, being handled")
    UPHELD = "upheld", _("upheld")
    PARTLY_UPHELD = "partly_upheld", _("partly upheld")
    REJECTED = "rejected", _("unfounded")
    WITHDRAWN = "withdrawn", _("withdrawn")
    NOT_ADMISSIBLE = "not_admissible", _("not admissible")


OBJECTION_DECIDED = frozenset(set(ObjectionStatus) - {ObjectionStatus.RECEIVED})
# Decisions on an objection that carry a motivation (a withdrawal needs none).
OBJECTION_MOTIVATED = frozenset(OBJECTION_DECIDED - {ObjectionStatus.WITHDRAWN})

# Awb 7:10: decide within 6 weeks, 12 with an advisory committee (7:13); once
# postponed by at most 6 weeks.
OBJECTION_DECISION_WEEKS = 6
OBJECTION_DECISION_WEEKS_COMMITTEE = 12
OBJECTION_EXTENSION_WEEKS = 6
