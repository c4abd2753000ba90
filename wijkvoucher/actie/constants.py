"""Choices of the ACTIE instrument (docs/actie.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Variant(models.TextChoices):
    """The two forms: one per plan for the people who work with the initiators, one
    per wijk and period for policy makers and managers."""

    FRONTLINE = "frontline", _("per plan (contact official)")
    ORGANISATION = "organisation", _("per wijk and period (policy and management)")


class Letter(models.TextChoices):
    ANIMO = "A", _("Animo")
    CONTACTS = "C", _("Contacten")
    EQUIPMENT = "T", _("Toerusting")
    EMBEDDING = "I", _("Inbedding")
    EMPATHY = "E", _("Empathie")


class SupportRole(models.TextChoices):
    """The three support styles of the publication, each with its colour."""

    STIMULATING = "stimulating", _("stimulating (red)")
    FACILITATING = "facilitating", _("facilitating (blue)")
    CO_PRODUCING = "co_producing", _("co-producing (white)")


# An item's score: 1 = absent or weak, 2 = partly, 3 = mostly, 4 = clearly present;
# None = not applicable or not known.
SCORES = (1, 2, 3, 4)
# A letter is low below this mean, and good from GOOD on.
LOW = 2.5
GOOD = 3.0
# An item at or below this score gives its ACTIE-punt hint (and counts as a support
# need in the reports).
WEAK = 2
NOTE_MAX = 1000
POINTS_MAX = 2000
