"""The beschikking (``Decision``), its number counter, and objections (``Objection``,
bezwaar) against it (issue #3 points 6, 7, 9; CONTEXT.md; docs/awb.md).

A decision is immutable once issued: the database refuses UPDATE and DELETE
(migration 0002). A correction, for example after an objection, is a new decision."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.decisions.constants import (
    AWARDING,
    FOLLOW_UP,
    OBJECTION_MOTIVATED,
    PUBLICLY_EXPLAINED,
    REASONED,
    DecisionOutcome,
    ObjectionStatus,
)
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.neighbourhoods.constants import AuthorityMode, VaststellingMode


class DecisionCounter(models.Model):
    """The last decision number handed out per municipality per year. The issuing
    service locks this row, so numbers are unique and without gaps: a refused or
    rolled-back decision gives its number back with the rest of the transaction."""

    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("decision counter")
        verbose_name_plural = _("decision counters")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="decision_counter_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year}: {self.last_number}"


def _q_in(field: str, values: frozenset[str]) -> Q:
    return Q(**{f"{field}__in": sorted(values)})


class Decision(models.Model):
    """The beschikking: what the municipality decided on an initiative, with the
    amount, conditions, deadline, settlement, reasons and the objection term."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    outcome = models.CharField(
        _("decision"), max_length=20, choices=DecisionOutcome.choices
    )
    requested_amount_cents = models.PositiveBigIntegerField(
        _("requested amount (cents)")
    )
    amount_cents = models.PositiveBigIntegerField(_("awarded amount (cents)"))
    conditions = models.TextField(_("conditions"), blank=True)
    execution_deadline = models.DateField(
        _("carry out the plan before"), null=True, blank=True
    )
    settlement_mode = models.CharField(
        _("how the final amount is settled"),
        max_length=20,
        choices=VaststellingMode.choices,
        blank=True,
    )
    settlement_term_weeks = models.PositiveSmallIntegerField(
        _("settle within (weeks after the activity deadline)"), null=True, blank=True
    )
    reason_code = models.CharField(
        _("reason"), max_length=30, choices=ReasonCode.choices, blank=True
    )
    motivation = models.TextField(_("motivation"), blank=True)
    public_explanation = models.TextField(
        _("explanation for the public page"),
        blank=True,
        help_text=_("Without names or other personal data."),
    )
    advice = models.ForeignKey(
        "regiegroep.Advice",
        verbose_name=_("advice of the regiegroep"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    deviates_from_advice = models.BooleanField(
        _("deviates from the advice"), default=False
    )
    deviation_motivation = models.TextField(
        _("why the decision deviates from the advice"), blank=True
    )
    authority_mode = models.CharField(
        _("who decides"), max_length=20, choices=AuthorityMode.choices
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who signed, as configured when the decision was issued: the document shows
    # this signatory even after the configuration changes. Empty: the college.
    signatory_name = models.CharField(_("signatory's name"), max_length=100, blank=True)
    signatory_function = models.CharField(
        _("signatory's function"), max_length=100, blank=True
    )
    signatory_mandate = models.CharField(
        _("on whose behalf"), max_length=200, blank=True
    )
    issued_on = models.DateField(_("date of the decision"))
    objection_deadline = models.DateField(_("objection possible until"))
    budget_period = models.ForeignKey(
        "neighbourhoods.BudgetPeriod",
        verbose_name=_("budget period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    reservation_account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("reservation account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reservation = models.OneToOneField(
        "ledger.LedgerTransaction",
        verbose_name=_("reservation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision (beschikking)")
        verbose_name_plural = _("decisions (beschikkingen)")
        ordering = ["initiative", "issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "sequence"],
                name="decision_unique_sequence",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=DecisionOutcome.values),
                name="decision_outcome_known",
            ),
            models.CheckConstraint(
                condition=Q(authority_mode__in=AuthorityMode.values),
                name="decision_authority_mode_known",
            ),
            models.CheckConstraint(
                condition=Q(reason_code="") | Q(reason_code__in=ReasonCode.values),
                name="decision_reason_known",
            ),
            models.CheckConstraint(
                condition=Q(sequence__gt=0), name="decision_sequence_positive"
            ),
            # An award carries an amount within the request, a deadline, how it is
            # settled and its reservation; anything else carries none of it.
            models.CheckConstraint(
                condition=(
                    _q_in("outcome", AWARDING)
                    & Q(amount_cents__gt=0)
                    & Q(amount_cents__lte=models.F("requested_amount_cents"))
                    & Q(execution_deadline__isnull=False)
                    & Q(reservation__isnull=False)
                    & Q(reservation_account__isnull=False)
                    & Q(budget_period__isnull=False)
                    & ~Q(settlement_mode="")
                )
                | (
                    ~_q_in("outcome", AWARDING)
                    & (Q(amount_cents=0) | _q_in("outcome", FOLLOW_UP))
                    & Q(execution_deadline__isnull=True)
                    & Q(reservation__isnull=True)
                    & Q(reservation_account__isnull=True)
                    & Q(settlement_mode="")
                ),
                name="decision_award_fields",
            ),
            # Awb 3:46: no (full) award without a coded reason and plain words.
            models.CheckConstraint(
                condition=~_q_in("outcome", REASONED)
                | (~Q(reason_code="") & ~Q(motivation="")),
                name="decision_reason_when_required",
            ),
            models.CheckConstraint(
                condition=~_q_in("outcome", PUBLICLY_EXPLAINED)
                | ~Q(public_explanation=""),
                name="decision_public_explanation_when_required",
            ),
            # Awb 3:50: deviating from the advice needs its own reasons.
            models.CheckConstraint(
                condition=Q(deviates_from_advice=False) | ~Q(deviation_motivation=""),
                name="decision_deviation_motivated",
            ),
            models.CheckConstraint(
                condition=Q(deviates_from_advice=False) | Q(advice__isnull=False),
                name="decision_deviation_needs_advice",
            ),
            models.CheckConstraint(
                condition=Q(objection_deadline__gt=models.F("issued_on")),
                name="decision_objection_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Objection(BaseModel):
    """A bezwaar against a beschikking: a parallel track that does not change the
    initiative's status. The objector's name is personal data and never public."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="objections",
    )
    received_on = models.DateField(_("received on"))
    objector_name = models.CharField(_("name of the objector"), max_length=200)
    grounds = models.TextField(_("grounds of the objection"))
    late = models.BooleanField(
        _("received after the objection term (Awb 6:11)"), default=False
    )
    advisory_committee = models.BooleanField(
        _("an advisory committee hears the objection (Awb 7:13)"), default=False
    )
    decision_due_on = models.DateField(_("decision on the objection due on"))
    extended = models.BooleanField(_("term postponed once (Awb 7:10)"), default=False)
    extension_reason = models.TextField(_("why the term was postponed"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObjectionStatus.choices,
        default=ObjectionStatus.RECEIVED,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome_motivation = models.TextField(_("motivation of the decision"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("objection (bezwaar)")
        verbose_name_plural = _("objections (bezwaren)")
        ordering = ["decision", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ObjectionStatus.values),
                name="objection_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(grounds="") & ~Q(objector_name=""),
                name="objection_grounds_and_name",
            ),
            models.CheckConstraint(
                condition=Q(decision_due_on__gt=models.F("received_on")),
                name="objection_due_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(extended=False) | ~Q(extension_reason=""),
                name="objection_extension_motivated",
            ),
            # Decided exactly when it has a decision date and a decider.
            models.CheckConstraint(
                condition=(
                    Q(status=ObjectionStatus.RECEIVED)
                    & Q(decided_on__isnull=True)
                    & Q(decided_by__isnull=True)
                )
                | (
                    ~Q(status=ObjectionStatus.RECEIVED)
                    & Q(decided_on__isnull=False)
                    & Q(decided_by__isnull=False)
                ),
                name="objection_decided_fields",
            ),
            models.CheckConstraint(
                condition=~_q_in("status", OBJECTION_MOTIVATED)
                | ~Q(outcome_motivation=""),
                name="objection_decision_motivated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} ({self.received_on})"
