"""The regiegroep's meetings: agenda, attendance, conflict-of-interest declarations,
members' assessments and votes, and the advice per plan (CONTEXT.md; docs/roles.md#voting-in-the-regiegroep;
docs/workflow.md#steps). Only the services in services.py write these rows."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.initiatives.constants import ReasonCode
from wijkvoucher.neighbourhoods.constants import AuthorityMode
from wijkvoucher.regiegroep.constants import (
    AdviceOutcome,
    AgendaItemStatus,
    ConflictKind,
    MeetingStatus,
    Opinion,
    VoteChoice,
)


class Meeting(BaseModel):
    """A meeting of a wijk's regiegroep. ``cutoff_on`` is fixed when the meeting is
    planned: the meeting date minus the regeling's lead time. The public
    besluitenlijst is visible from ``minutes_published_at``."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    held_on = models.DateField(_("date"))
    starts_at_time = models.TimeField(_("starts at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    cutoff_on = models.DateField(_("plans checked on or before"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(
        _("decision list published at"), null=True, blank=True
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("regiegroep meeting")
        verbose_name_plural = _("regiegroep meetings")
        ordering = ["neighbourhood", "held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=MeetingStatus.values),
                name="meeting_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(cutoff_on__lte=models.F("held_on")),
                name="meeting_cutoff_before_meeting",
            ),
            # The decision list is published only after the meeting is closed.
            models.CheckConstraint(
                condition=models.Q(minutes_published_at__isnull=True)
                | models.Q(status=MeetingStatus.CLOSED),
                name="meeting_published_only_when_closed",
            ),
            models.UniqueConstraint(
                fields=["neighbourhood", "held_on"], name="meeting_one_per_wijk_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood} {self.held_on.isoformat()}"


class AgendaItem(BaseModel):
    """A plan on a meeting's agenda. A deferred plan gets a new item at a later
    meeting; a plan is on at most one agenda that is still being worked on."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AgendaItemStatus.choices,
        default=AgendaItemStatus.WAITING,
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "initiative"], name="agenda_item_once_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=models.Q(
                    status__in=[AgendaItemStatus.WAITING, AgendaItemStatus.OPEN]
                ),
                name="agenda_item_one_live_per_initiative",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AgendaItemStatus.values),
                name="agenda_item_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status=AgendaItemStatus.WAITING)
                | models.Q(opened_at__isnull=False),
                name="agenda_item_opened_when_handled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.position}. {self.initiative}"


class Attendance(BaseModel):
    """Whether a regiegroep member was at the meeting (one row per member)."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="regiegroep_attendances",
    )
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="attendance_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.member_id} {self.present}"


class ConflictDeclaration(BaseModel):
    """A member's belangenverklaring for one agenda item. ``detected`` marks a
    conflict the system found itself (it cannot be declared away)."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="conflict_declarations",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="regiegroep_conflict_declarations",
    )
    has_conflict = models.BooleanField(_("has a personal interest"))
    kind = models.CharField(
        _("kind of interest"), max_length=20, choices=ConflictKind.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    detected = models.BooleanField(_("found by the system"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        ordering = ["agenda_item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "member"], name="conflict_once_per_member"
            ),
            # A conflict has a kind; no conflict has none.
            models.CheckConstraint(
                condition=(
                    models.Q(has_conflict=True) & models.Q(kind__in=ConflictKind.values)
                )
                | models.Q(has_conflict=False, kind=""),
                name="conflict_kind_matches",
            ),
            models.CheckConstraint(
                condition=models.Q(detected=False) | models.Q(has_conflict=True),
                name="conflict_detected_is_conflict",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item_id}: {self.member_id} {self.has_conflict}"


class Assessment(BaseModel):
    """A member's own judgement of a plan, written before the vote."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="regiegroep_assessments",
    )
    opinion = models.CharField(_("opinion"), max_length=10, choices=Opinion.choices)
    note = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["agenda_item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "member"], name="assessment_once_per_member"
            ),
            models.CheckConstraint(
                condition=models.Q(opinion__in=Opinion.values),
                name="assessment_opinion_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item_id}: {self.member_id} {self.opinion}"


class MemberVote(BaseModel):
    """One member's vote on awarding the plan of an agenda item."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="votes",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="regiegroep_votes",
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["agenda_item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "member"], name="vote_once_per_member"
            ),
            models.CheckConstraint(
                condition=models.Q(choice__in=VoteChoice.values),
                name="vote_choice_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item_id}: {self.member_id} {self.choice}"


class Advice(BaseModel):
    """The regiegroep's advice on a plan (under MANDAAT: its decision). The
    municipality's beschikking follows it (decisions app)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="advices",
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="advice",
    )
    outcome = models.CharField(
        _("advice"), max_length=20, choices=AdviceOutcome.choices
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    reason_code = models.CharField(
        _("reason"), max_length=30, choices=ReasonCode.choices, blank=True
    )
    motivation = models.TextField(_("motivation"))
    conditions = models.TextField(_("conditions"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    by_consensus = models.BooleanField(_("by consensus"), default=False)
    authority_mode = models.CharField(
        _("who decides"), max_length=20, choices=AuthorityMode.choices
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advices")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=AdviceOutcome.values),
                name="advice_outcome_known",
            ),
            models.CheckConstraint(
                condition=models.Q(authority_mode__in=AuthorityMode.values),
                name="advice_authority_mode_known",
            ),
            # Award: an amount and no reason. Partly: an amount and a reason.
            # Reject: nothing and a reason.
            models.CheckConstraint(
                condition=models.Q(
                    outcome=AdviceOutcome.AWARD, amount_cents__gt=0, reason_code=""
                )
                | (
                    models.Q(
                        outcome=AdviceOutcome.PARTLY_AWARD,
                        amount_cents__gt=0,
                        reason_code__in=ReasonCode.values,
                    )
                )
                | (
                    models.Q(
                        outcome=AdviceOutcome.REJECT,
                        amount_cents=0,
                        reason_code__in=ReasonCode.values,
                    )
                ),
                name="advice_amount_and_reason_match_outcome",
            ),
            models.CheckConstraint(
                condition=~models.Q(motivation=""), name="advice_motivation_required"
            ),
            # Either the members voted, or they agreed without a vote.
            models.CheckConstraint(
                condition=models.Q(by_consensus=True)
                | models.Q(
                    votes_for__gt=0,
                )
                | models.Q(votes_against__gt=0)
                | models.Q(votes_abstain__gt=0),
                name="advice_voted_or_consensus",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_outcome_display()}"
