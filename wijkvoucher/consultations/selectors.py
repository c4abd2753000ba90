"""Reads of the wijkraadpleging, each with its scope passed explicitly. While a vote is
open nothing here tells how anyone voted or how the vote stands: only how many
ballots there are. Choices are read only after certification."""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkvoucher.consultations.codes import code_digest
from wijkvoucher.consultations.constants import (
    HARVEST_THRESHOLD,
    ConsultationStatus,
)
from wijkvoucher.consultations.models import (
    Ballot,
    BallotSource,
    Consultation,
    ConsultationOption,
    Credential,
    VotingLocation,
)
from wijkvoucher.core import sql
from wijkvoucher.neighbourhoods.models import Neighbourhood

if TYPE_CHECKING:
    pass


# The ballot page reads the consultation with its wijk and its options in plain SQL
# (docs/adr/0012-hot-path-sql.md): the ballot's POST is a hot path.
_CONSULTATION = sql.Loader(Consultation, "c")
_WIJK = sql.Loader(Neighbourhood, "n", only=("name", "slug"))
_OPTION = sql.Loader(
    ConsultationOption,
    "o",
    only=(
        "consultation",
        "title",
        "summary",
        "cost_cents",
        "position",
        "photo",
        "photo_alt",
    ),
)


def consultation_for_ballot(*, uuid: UUID) -> Consultation | None:
    """The published or certified consultation with ``uuid``, with its wijk (name
    and slug) as ``consultation.neighbourhood``; None when there is none."""
    prepared = Consultation._meta.get_field("uuid").get_db_prep_value(uuid, connection)
    row = sql.fetch_one(
        f"SELECT {_CONSULTATION.columns}, {_WIJK.columns} "  # noqa: S608 - names from _meta; values are parameters
        f"FROM {sql.table(Consultation)} c "
        f"JOIN {sql.table(Neighbourhood)} n ON n.id = c.neighbourhood_id "
        "WHERE c.uuid = %s AND c.status IN (%s, %s)",
        [prepared, ConsultationStatus.PUBLISHED, ConsultationStatus.CERTIFIED],
    )
    if row is None:
        return None
    consultation: Consultation
    consultation, at = _CONSULTATION.take(row, 0)
    consultation.neighbourhood = _WIJK.take(row, at)[0]
    return consultation


def ballot_options(*, consultation: Consultation) -> list[ConsultationOption]:
    """The options in ballot order: id, title, summary, cost and position."""
    rows = sql.fetch_all(
        f"SELECT {_OPTION.columns} FROM {sql.table(ConsultationOption)} o "  # noqa: S608 - names from _meta; values are parameters
        "WHERE o.consultation_id = %s ORDER BY o.position",
        [consultation.pk],
    )
    return [_OPTION.take(row, 0)[0] for row in rows]


def consultations_open(
    *, neighbourhood: Neighbourhood, now: dt.datetime | None = None
) -> QuerySet[Consultation]:
    """The consultations of ``neighbourhood`` that take ballots now (server time)."""
    moment = now or timezone.now()
    return Consultation.objects.filter(
        neighbourhood=neighbourhood,
        status=ConsultationStatus.PUBLISHED,
        opens_at__lte=moment,
        closes_at__gt=moment,
    ).order_by("closes_at", "pk")


def consultations_of(*, neighbourhood: Neighbourhood) -> QuerySet[Consultation]:
    """Every consultation of ``neighbourhood``, newest first (for its organisers)."""
    return Consultation.objects.filter(neighbourhood=neighbourhood).order_by(
        "-opens_at", "-pk"
    )


def consultation_with_options(*, pk: int) -> Consultation | None:
    """One consultation with its wijk and its options in ballot order
    (``consultation.options.all()``)."""
    return (
        Consultation.objects.select_related("neighbourhood")
        .prefetch_related("options__initiative")
        .filter(pk=pk)
        .first()
    )


def consultation_options(*, consultation: Consultation) -> list[ConsultationOption]:
    return list(
        ConsultationOption.objects.filter(consultation=consultation)
        .select_related("initiative")
        .order_by("position")
    )


def consultation_result(*, consultation: Consultation) -> dict[str, Any] | None:
    """The certified result (docs/voting.md#the-result), or None before that."""
    if consultation.status != ConsultationStatus.CERTIFIED:
        return None
    result: dict[str, Any] | None = consultation.result
    return result


def ballot_count(*, consultation: Consultation) -> int:
    """How many ballots count now: the only number shown while the vote is open."""
    return Ballot.objects.filter(consultation=consultation).count()


def turnout(*, consultation: Consultation) -> tuple[int, int]:
    """(credentials that voted, credentials on the roll)."""
    roll = Credential.objects.filter(consultation=consultation, revoked=False)
    return roll.filter(voted_on__isnull=False).count(), roll.count()


def ballots_published(*, consultation: Consultation) -> list[tuple[str, Any]]:
    """The anonymised ballot list: (receipt, choices), sorted by receipt, so that
    voters find their receipt and anyone can recount. Empty until certified."""
    if consultation.status != ConsultationStatus.CERTIFIED:
        return []
    rows = Ballot.objects.filter(consultation=consultation).order_by("receipt")
    return list(rows.values_list("receipt", "choices"))


def account_credential_of(
    *, consultation: Consultation, user_id: int | None
) -> tuple[int, bool] | None:
    """The primary key of the credential an account votes with in ``consultation``
    and whether it is revoked, or None when it has none yet."""
    if user_id is None:
        return None
    found: tuple[int, bool] | None = (
        Credential.objects.filter(consultation_id=consultation.pk, user_id=user_id)
        .values_list("pk", "revoked")
        .first()
    )
    return found


def credential_for_code(*, code: str) -> Credential | None:
    """The credential of a code typed or scanned from a letter, in a published
    consultation; None when no such code exists (or it cannot be a code)."""
    digest = code_digest(code)
    if digest is None:
        return None
    return (
        Credential.objects.filter(
            code_digest=digest,
            revoked=False,
            consultation__status=ConsultationStatus.PUBLISHED,
        )
        .select_related("consultation")
        .first()
    )


@dataclass(frozen=True)
class HarvestSignal:
    source: str
    hour: dt.datetime
    user_agent_digest: str
    count: int


def _registered_networks(
    consultation: Consultation,
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    neighbourhood = consultation.neighbourhood
    locations = VotingLocation.objects.filter(
        Q(neighbourhood=neighbourhood)
        | Q(neighbourhood__isnull=True, municipality_id=neighbourhood.municipality_id)
    ).values_list("network", flat=True)
    return [ipaddress.ip_network(network, strict=False) for network in locations]


def _registered(source: str, networks: list[Any]) -> bool:
    try:
        network = ipaddress.ip_network(source, strict=False)
    except ValueError:
        return False
    return any(
        network.version == place.version and network.overlaps(place)
        for place in networks
    )


def harvest_signals(*, consultation: Consultation) -> list[HarvestSignal]:
    """Networks that sent more than ``HARVEST_THRESHOLD`` ballots with one browser in
    one hour, outside the registered voting locations (docs/voting.md rule 6)."""
    networks = _registered_networks(consultation)
    rows = BallotSource.objects.filter(
        consultation=consultation, count__gt=HARVEST_THRESHOLD
    ).order_by("-count", "hour", "source")
    return [
        HarvestSignal(row.source, row.hour, row.user_agent_digest, row.count)
        for row in rows
        if not _registered(row.source, networks)
    ]
