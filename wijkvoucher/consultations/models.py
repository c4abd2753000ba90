"""The wijkraadpleging: a consultation, its options, the voter roll (credentials), the
ballots, paper entries, voting locations and ballot sources (issue #12).

Secrecy is in the schema (docs/voting.md): a ``Ballot`` has no foreign key to a
``Credential`` and no time, only the day. Until certification the one ballot of a
credential is found through ``link``, a keyed hash of the credential id under the
consultation's ``ballot_key``; certification sets every link and the key to NULL."""

from __future__ import annotations

import ipaddress
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.constants import (
    BUDGET_BALLOT_TYPES,
    AgeBasis,
    BallotChannel,
    BallotType,
    ConsultationKind,
    ConsultationStatus,
)
from wijkvoucher.core.models import BaseModel
from wijkvoucher.core.uploads import random_upload_path


class Consultation(BaseModel):
    """An advisory poll on plans of a wijk, or a budget vote among options.
    Accepting ballots: published and ``opens_at <= now < closes_at`` (server time)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question on the ballot"))
    ballot_type = models.CharField(
        _("ballot"), max_length=20, choices=BallotType.choices
    )
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many choices"), null=True, blank=True
    )
    points = models.PositiveSmallIntegerField(
        _("points to divide"), null=True, blank=True
    )
    budget_cents = models.PositiveBigIntegerField(
        _("budget (cents)"), null=True, blank=True
    )
    rule = models.CharField(_("counting rule"), max_length=40, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    per_household = models.BooleanField(_("one vote per address"), default=False)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=12)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The key of the credential → ballot link: 32 random bytes as hex. NULL after
    # certification (crypto-shredding: no ballot can be traced back any more).
    ballot_key = models.CharField(  # noqa: DJ001
        _("ballot key"), max_length=64, null=True, blank=True, editable=False
    )
    result = models.JSONField(_("result"), null=True, blank=True)
    certified_at = models.DateTimeField(_("certified at"), null=True, blank=True)
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("certified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("wijkraadpleging")
        verbose_name_plural = _("wijkraadplegingen")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ConsultationStatus.values),
                name="consultation_status_known",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=ConsultationKind.ADVISORY,
                        ballot_type=BallotType.ADVISORY,
                        budget_cents__isnull=True,
                    )
                    | models.Q(
                        kind=ConsultationKind.BUDGET_VOTE,
                        ballot_type__in=sorted(BUDGET_BALLOT_TYPES),
                        budget_cents__isnull=False,
                    )
                ),
                name="consultation_kind_fits_ballot",
            ),
            models.CheckConstraint(
                condition=models.Q(ballot_key__isnull=True)
                | models.Q(status__in=["draft", "published"]),
                name="consultation_key_gone_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


def option_photo_upload_to(instance: ConsultationOption, filename: str) -> str:
    """A random name under the consultation's folder (the suffix is the detected
    type's, given by the service)."""
    return random_upload_path(f"consultations/{instance.consultation.uuid}", filename)


class ConsultationOption(BaseModel):
    """One option on the ballot: a plan of the wijk, or (budget votes) any project."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("wijkraadpleging"),
        on_delete=models.CASCADE,
        related_name="options",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_options",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    cost_cents = models.PositiveBigIntegerField(
        _("cost (cents)"), null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"))
    # A photo for the ballot, chosen by the organiser and public with the ballot
    # (docs/voting.md#photos): saved again without metadata, under a random name.
    photo = models.FileField(
        _("photo"), upload_to=option_photo_upload_to, max_length=200, blank=True
    )
    photo_content_type = models.CharField(
        _("photo content type"), max_length=40, blank=True
    )
    photo_alt = models.CharField(_("photo description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["consultation_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "initiative"],
                name="consultation_option_plan_once",
            ),
            models.UniqueConstraint(
                fields=["consultation", "position"],
                name="consultation_option_position_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Credential(models.Model):
    """The voter roll: one row per eligible resident (or address, per household).
    The code is kept only as a keyed hash; the letter's address only until the
    consultation is certified or cancelled (AVG: the purpose has ended)."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("wijkraadpleging"),
        on_delete=models.PROTECT,
        related_name="credentials",
    )
    code_digest = models.CharField(  # noqa: DJ001
        _("code (keyed hash)"), max_length=64, null=True, blank=True
    )
    person_digest = models.CharField(_("person (keyed hash)"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    voted_on = models.DateField(_("voted on"), null=True, blank=True)
    letter_number = models.PositiveSmallIntegerField(_("letter"), default=1)
    revoked = models.BooleanField(_("revoked"), default=False)
    letter_name = models.CharField(_("name on the letter"), max_length=200, blank=True)
    letter_street = models.CharField(
        _("street and number on the letter"), max_length=250, blank=True
    )
    letter_postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    letter_city = models.CharField(_("place"), max_length=100, blank=True)
    # An account's credential without a register: how the minimum age was met (the
    # day of a declaration is in the audit trail; the roll keeps no times).
    age_basis = models.CharField(
        _("minimum age"),
        max_length=12,
        choices=AgeBasis.choices,
        default=AgeBasis.NONE,
        blank=True,
    )

    class Meta:
        verbose_name = _("voting credential")
        verbose_name_plural = _("voting credentials")
        ordering = ["consultation_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "code_digest"],
                name="credential_code_unique",
            ),
            models.UniqueConstraint(
                fields=["consultation", "person_digest"],
                name="credential_person_unique",
            ),
            models.UniqueConstraint(
                fields=["consultation", "user"],
                condition=models.Q(user__isnull=False),
                name="credential_user_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.pk}"


class Ballot(models.Model):
    """One current ballot. No foreign key to a credential and no time: ``link`` (a
    keyed hash of the credential id, unique per consultation) is what makes it the one
    ballot of one credential until certification sets it to NULL."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("wijkraadpleging"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    link = models.CharField(  # noqa: DJ001
        _("link"), max_length=64, null=True, blank=True
    )
    choices = models.JSONField(_("choices"))
    receipt = models.CharField(_("ballot receipt"), max_length=10)
    channel = models.CharField(
        _("channel"), max_length=20, choices=BallotChannel.choices
    )
    cast_on = models.DateField(_("cast on"))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["consultation_id", "receipt"]
        constraints = [
            # One ballot per credential, in the database (docs/voting.md rule 1).
            models.UniqueConstraint(
                fields=["consultation", "link"], name="ballot_one_per_credential"
            ),
            models.UniqueConstraint(
                fields=["consultation", "receipt"], name="ballot_receipt_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.receipt


class PaperEntry(BaseModel):
    """One official's typing of a paper ballot. A second entry by another official
    with the same choices casts the ballot; both stay until certification."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("wijkraadpleging"),
        on_delete=models.PROTECT,
        related_name="paper_entries",
    )
    code_digest = models.CharField(_("code (keyed hash)"), max_length=64, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    choices = models.JSONField(_("choices"), default=dict)
    matched = models.BooleanField(_("matched"), default=False)

    class Meta:
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")
        ordering = ["consultation_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "code_digest", "entered_by"],
                condition=~models.Q(code_digest=""),
                name="paper_entry_once_per_official",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.pk}"


def validate_network(value: str) -> None:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError as exc:
        raise ValidationError(
            _("Give a network such as 192.0.2.0/24."), code="invalid_network"
        ) from exc


class VotingLocation(BaseModel):
    """A place where residents vote with help (a buurthuis), and its network: many
    ballots from there are expected, not a sign of harvesting."""

    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voting_locations",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voting_locations",
    )
    name = models.CharField(_("name"), max_length=200)
    network = models.CharField(
        _("network"), max_length=50, validators=[validate_network]
    )

    class Meta:
        verbose_name = _("voting location")
        verbose_name_plural = _("voting locations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False)
                | models.Q(neighbourhood__isnull=False),
                name="voting_location_has_place",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BallotSource(models.Model):
    """How many ballots came from one network with one browser in one hour. No link
    to any ballot; the harvesting report reads it (docs/voting.md rule 6)."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("wijkraadpleging"),
        on_delete=models.PROTECT,
        related_name="ballot_sources",
    )
    source = models.CharField(_("network"), max_length=50)
    hour = models.DateTimeField(_("hour"))
    user_agent_digest = models.CharField(_("browser (hash)"), max_length=16)
    count = models.PositiveIntegerField(_("ballots"), default=0)

    class Meta:
        verbose_name = _("ballot source")
        verbose_name_plural = _("ballot sources")
        ordering = ["consultation_id", "hour", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "source", "hour", "user_agent_digest"],
                name="ballot_source_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.hour:%Y-%m-%d %H}:00 ({self.count})"
