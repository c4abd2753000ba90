"""Choices and fixed numbers of the wijkraadpleging (issue #12, docs/voting.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationKind(models.TextChoices):
    ADVISORY = "advisory", _("advisory poll")
    BUDGET_VOTE = "budget_vote", _("budget vote")


class BallotType(models.TextChoices):
    # An advisory poll: for, against or neutral on each plan, with a comment.
    ADVISORY = "advisory", _("for or against each plan")
    # Budget votes.
    APPROVAL = "approval", _("choose the plans you support")
    KNAPSACK = "knapsack", _("choose plans within the budget")
    CUMULATIVE = "cumulative", _("divide points over the plans")
    ORDINAL = "ordinal", _("rank the plans")


BUDGET_BALLOT_TYPES = frozenset(
    {
        BallotType.APPROVAL,
        BallotType.KNAPSACK,
        BallotType.CUMULATIVE,
        BallotType.ORDINAL,
    }
)


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CERTIFIED = "certified", _("certified")
    CANCELLED = "cancelled", _("cancelled")


class BallotChannel(models.TextChoices):
    LETTER = "letter", _("code from the letter")
    ACCOUNT = "account", _("with an account")
    ASSISTED = "assisted", _("assisted at a voting location")
    PAPER = "paper", _("paper ballot")


class AgeBasis(models.TextChoices):
    """What an account's credential rests on for the minimum age, when there is no
    register to check it: nothing to check (no minimum age, or a register on the
    roll), the birth date an official recorded from the BRP, or the resident's own
    word."""

    NONE = "", _("not checked here")
    BIRTH_DATE = "birth_date", _("birth date recorded by the municipality")
    DECLARED = "declared", _("declared by the resident")


class Stance(models.TextChoices):
    SUPPORT = "support", _("for")
    OPPOSE = "oppose", _("against")
    NEUTRAL = "neutral", _("neutral")


# An advisory poll's comment per plan, at most this many characters.
COMMENT_MAX_LENGTH = 1000
# The harvesting report lists a source with more ballots than this in one hour.
HARVEST_THRESHOLD = 10
# The ballot source is the network of the address: /24 for IPv4, /48 for IPv6.
SOURCE_PREFIX_V4 = 24
SOURCE_PREFIX_V6 = 48
