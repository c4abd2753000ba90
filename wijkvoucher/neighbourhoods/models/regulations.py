"""The regeling and its versions: every rule value a plan is checked against."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.neighbourhoods import constants as c
from wijkvoucher.neighbourhoods.models.municipality import (
    Municipality,
)


def _default_excluded() -> list[str]:
    return list(c.DEFAULT_EXCLUDED_CATEGORIES)


def _default_payment_modes() -> list[str]:
    return list(c.DEFAULT_PAYMENT_MODES)


def _default_cost_words() -> dict[str, list[str]]:
    return {kind: list(words) for kind, words in c.DEFAULT_COST_WORDS.items()}


class Regulation(BaseModel):
    """The regeling: its identity. Its rule values live in immutable versions."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="regulations",
    )
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.TextField(
        _("legal basis"),
        help_text=_(
            "The verordening or college regeling and the ASV article it rests on."
        ),
        blank=True,
    )
    participation_bylaw_article = models.CharField(
        _("article of the participatieverordening"), max_length=200, blank=True
    )
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["municipality", "-valid_from"]

    def __str__(self) -> str:
        return self.name


class RegulationVersion(models.Model):
    """One immutable set of rule parameters (docs/regeling.md). An edit creates a new
    version; an initiative is judged by the version in force when it was submitted."""

    regulation = models.ForeignKey(
        Regulation,
        verbose_name=_("regeling"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    valid_from = models.DateTimeField(_("in force from"))
    created_at = models.DateTimeField(_("created at"), db_default=Now())
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    change_note = models.TextField(_("what changed and why"), blank=True)

    authority_mode = models.CharField(
        _("who decides"),
        max_length=20,
        choices=c.AuthorityMode.choices,
        default=c.AuthorityMode.ADVICE,
    )
    max_amount_per_voucher_cents = models.PositiveBigIntegerField(
        _("maximum per voucher (cents)"), default=500_000
    )
    max_amount_per_initiative_per_year_cents = models.PositiveBigIntegerField(
        _("maximum per initiative per year (cents)"), default=500_000
    )
    min_amount_cents = models.PositiveBigIntegerField(
        _("minimum amount (cents)"), null=True, blank=True
    )
    max_vouchers_per_initiative = models.PositiveIntegerField(
        _("maximum number of vouchers per initiative"), null=True, blank=True
    )
    min_age_applicant = models.PositiveSmallIntegerField(
        _("minimum age of the initiator"), default=12
    )
    parental_consent_below = models.PositiveSmallIntegerField(
        _("parental consent needed below age"), default=18
    )
    residency_required = models.BooleanField(
        _("initiator must live in the wijk"), default=True
    )
    area_entrepreneurs_allowed = models.BooleanField(
        _("entrepreneurs and organisations tied to the wijk may apply"), default=False
    )
    legal_entity_cosign_above_cents = models.PositiveBigIntegerField(
        _("legal entity must co-sign above (cents)"), null=True, blank=True
    )
    support_evidence_required = models.BooleanField(
        _("proof of support required"), default=True
    )
    min_supporters = models.PositiveIntegerField(
        _("minimum supporting households"), default=5
    )
    record_opponents = models.BooleanField(
        _("record opponents and neutrals"), default=True
    )
    own_contribution_required = models.BooleanField(
        _("own contribution required"), default=True
    )
    own_contribution_min_percent = models.PositiveSmallIntegerField(
        _("minimum own contribution (%)"), null=True, blank=True
    )
    excluded_cost_categories = models.JSONField(
        _("excluded cost categories"), default=_default_excluded
    )
    cost_words = models.JSONField(
        _("words that show what a cost is"),
        default=_default_cost_words,
        help_text=_(
            "Per kind of cost, the words that show a cost is of that kind, whatever "
            "kind the resident chose."
        ),
    )
    food_drink_policy = models.CharField(
        _("food and drink"),
        max_length=20,
        choices=c.FoodDrinkPolicy.choices,
        default=c.FoodDrinkPolicy.NOT_UNLESS_MOTIVATED,
    )
    food_drink_cap_percent = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("food and drink at most (% of the plan)"),
        null=True,
        blank=True,
        default=25,
    )
    hourly_fee_cap_cents = models.PositiveBigIntegerField(
        _("hourly fee cap (cents)"), default=5_000
    )
    party_cap_percent = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("party or barbecue at most (% of the plan)"),
        default=50,
    )
    lead_time_before_activity_days = models.PositiveSmallIntegerField(
        _("apply at least this many days before the activity"), default=28
    )
    lead_time_before_meeting_days = models.PositiveSmallIntegerField(
        _("cut-off before a regiegroep meeting (days)"), default=14
    )
    public_space_request_deadline = models.CharField(
        _("deadline for requests about public space (MM-DD)"),
        max_length=5,
        default="10-01",
    )
    retroactive_allowed = models.BooleanField(
        _("plans that already happened allowed"), default=False
    )
    decision_term_weeks = models.PositiveSmallIntegerField(
        _("decision term (weeks)"), default=4
    )
    decision_extension_weeks = models.PositiveSmallIntegerField(
        _("one extension of the decision term (weeks)"), default=4
    )
    decision_hard_limit_weeks = models.PositiveSmallIntegerField(
        _("hard limit for the decision (weeks)"), default=8
    )
    information_request_days = models.PositiveSmallIntegerField(
        _("hersteltermijn (days)"), default=14
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        _("regiegroep meetings per year"), default=5
    )
    fast_track_below_cents = models.PositiveBigIntegerField(
        _("fast track by chair and secretary below (cents)"),
        null=True,
        blank=True,
        default=50_000,
    )
    steering_group_min_size = models.PositiveSmallIntegerField(
        _("regiegroep voting members, at least"), default=5
    )
    steering_group_max_size = models.PositiveSmallIntegerField(
        _("regiegroep voting members, at most"), default=9
    )
    member_term_years = models.PositiveSmallIntegerField(
        _("member term (years)"), default=2
    )
    member_max_terms = models.PositiveSmallIntegerField(
        _("member terms, at most"), default=2
    )
    allocation_mode = models.CharField(
        _("how budget is allocated"),
        max_length=10,
        choices=c.AllocationMode.choices,
        default=c.AllocationMode.FIFO_UNTIL_CEILING,
    )
    payment_modes = models.JSONField(_("ways to pay"), default=_default_payment_modes)
    advance_max_percent = models.PositiveSmallIntegerField(
        _("advance at most (%)"), default=50
    )
    payout_term_after_grant_weeks = models.PositiveSmallIntegerField(
        _("payment within (weeks after the award)"), default=6
    )
    execution_window_months = models.PositiveSmallIntegerField(
        _("carry out the plan within (months after the beschikking)"), default=12
    )
    voucher_validity_extra_weeks = models.PositiveSmallIntegerField(
        _("vouchers stay valid after the execution window (weeks)"), default=4
    )
    accountability_due_weeks = models.PositiveSmallIntegerField(
        _("accountability due (weeks after the activity)"), default=4
    )
    vaststelling_mode = models.CharField(
        _("how the final amount is settled"),
        max_length=20,
        choices=c.VaststellingMode.choices,
        default=c.VaststellingMode.AMBTSHALVE,
    )
    vaststelling_term_weeks = models.PositiveSmallIntegerField(
        _("settle within (weeks after the activity deadline)"), default=13
    )
    random_sample_percent = models.PositiveSmallIntegerField(
        _("random-sample check (%)"), default=10
    )
    change_approval_percent = models.PositiveSmallIntegerField(
        _("a change to the budget lines above this share needs approval (%)"),
        default=10,
        help_text=_(
            "During the activity: a shift between budget lines of more than this "
            "share of the award, or a later end date, goes to the contact official "
            "(under mandate to the regiegroep)."
        ),
    )
    unspent_policy = models.CharField(
        _("money not spent"),
        max_length=10,
        choices=c.UnspentPolicy.choices,
        default=c.UnspentPolicy.RETURN_TO_BUDGET,
    )
    carry_over_years = models.PositiveSmallIntegerField(
        _("carry budget over (years)"), default=0
    )
    max_support_years_same_initiative = models.PositiveSmallIntegerField(
        _("support for the same initiative, at most (years)"), default=3
    )
    publish_initiator_names = models.BooleanField(
        _("publish initiators' names (only with their consent)"), default=False
    )
    consultation_trigger_amount_cents = models.PositiveBigIntegerField(
        _("ask the wijk (wijkraadpleging) from (cents)"),
        null=True,
        blank=True,
        default=250_000,
    )
    consultation_on_public_space = models.BooleanField(
        _("ask the wijk when public space changes"), default=True
    )
    consultation_min_age = models.PositiveSmallIntegerField(
        _("wijkraadpleging: minimum age to vote"), default=12
    )
    consultation_per_household = models.BooleanField(
        _("wijkraadpleging: one vote per address"), default=False
    )
    objection_term_weeks = models.PositiveSmallIntegerField(
        _("objection term (weeks)"), default=6
    )

    class Meta:
        verbose_name = _("regeling version")
        verbose_name_plural = _("regeling versions")
        ordering = ["regulation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "number"], name="regulation_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(carry_over_years__lte=3),
                name="regulation_carry_over_max_3",
            ),
            models.CheckConstraint(
                condition=models.Q(advance_max_percent__lte=100),
                name="regulation_advance_max_100",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    decision_hard_limit_weeks__gte=models.F("decision_term_weeks")
                ),
                name="regulation_hard_limit_after_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regulation} v{self.number}"
