"""The two ladders (docs/participation.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EngagementStep(models.IntegerChoices):
    """The engagement ladder, derived from what someone does in the system."""

    VISITOR = 1, _("visitor")
    SUPPORTER = 2, _("supporter or voter")
    CO_INITIATOR = 3, _("co-initiator")
    INITIATOR = 4, _("initiator")
    REGIEGROEP = 5, _("regiegroep member")


class SocialStep(models.IntegerChoices):
    """The six steps of the social participation ladder, as the resident reports
    them (only with consent)."""

    ISOLATED = 1, _("I have little contact with other people")
    CONTACTS = 2, _("I have social contacts outside my home, at least once a week")
    ACTIVITIES = 3, _("I take part in organised activities, at least once a week")
    UNPAID_WORK = 4, _("I do unpaid work or volunteer work")
    SUPPORTED_WORK = 5, _("I have paid work with support")
    PAID_WORK = 6, _("I have paid work")


# A fact counts for the engagement ladder for this many days after it happened; a
# regiegroep seat counts while it is held.
ACTIVE_DAYS = 365
# No number in a report describes fewer people than this (docs/participation.md).
MIN_GROUP = 10
