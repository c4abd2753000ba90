"""Choices of the regiegroep workspace (CONTEXT.md; docs/roles.md#voting-in-the-regiegroep)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPEN = "open", _("in progress")
    CLOSED = "closed", _("closed")


class AgendaItemStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    OPEN = "open", _("under discussion")
    ADVISED = "advised", _("advice given")
    DEFERRED = "deferred", _("deferred")


class ConflictKind(models.TextChoices):
    """Why a member may not vote on a plan (docs/roles.md#voting-in-the-regiegroep: applicant, co-initiator,
    supplier, or family or household of one)."""

    INITIATOR = "initiator", _("initiator of the plan")
    CO_INITIATOR = "co_initiator", _("co-initiator of the plan")
    SUPPORTER = "supporter", _("signed the support list")
    PROVIDER = "provider", _("provider in the plan's budget")
    HOUSEHOLD = "household", _("lives at the same address as an initiator")
    OTHER = "other", _("other personal interest")


class Opinion(models.TextChoices):
    FOR = "for", _("in favour")
    PARTLY = "partly", _("partly in favour")
    AGAINST = "against", _("against")


class VoteChoice(models.TextChoices):
    """A vote is on awarding the plan: "for" means award (in full or in part),
    "against" means reject."""

    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class AdviceOutcome(models.TextChoices):
    AWARD = "award", _("award")
    PARTLY_AWARD = "partly_award", _("award in part")
    REJECT = "reject", _("reject")
