"""Casting a ballot: the hot path of a consultation (docs/voting.md rules 1, 4-6).

One transaction: the consultation under a key-share lock (certification waits for
it), the credential row locked (a second ballot of the same credential waits here),
the choices checked against the ballot, the window checked against server time, the
old ballot of the credential replaced by the new one (found through its keyed link),
the day of voting on the roll, the ballot's source counted, and one audit event that
names the credential, never the choices or the ballot."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.consultations.choices import BallotRules, choices_clean
from wijkvoucher.consultations.codes import ballot_link, receipt_generate
from wijkvoucher.consultations.constants import (
    SOURCE_PREFIX_V4,
    SOURCE_PREFIX_V6,
    BallotChannel,
    ConsultationStatus,
)
from wijkvoucher.consultations.models import (
    Ballot,
    BallotSource,
    Consultation,
    ConsultationOption,
    Credential,
)
from wijkvoucher.consultations.services.guards import (
    consultation_share,
    require_election_official,
)
from wijkvoucher.core import sql
from wijkvoucher.core.db import transaction_join
from wijkvoucher.core.services import audit_record

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


@dataclass(frozen=True)
class BallotOrigin:
    """Where a ballot came from: the client's address and browser. Only the network
    (/24, /48), the hour and a short hash of the browser are kept, and not with the
    ballot."""

    ip: str
    user_agent: str = ""


def source_network(ip: str) -> str:
    """The network a ballot is counted under: /24 for IPv4, /48 for IPv6."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    prefix = SOURCE_PREFIX_V4 if address.version == 4 else SOURCE_PREFIX_V6
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def user_agent_digest(user_agent: str) -> str:
    return hashlib.sha256(user_agent.encode()).hexdigest()[:16]


def _source_count(consultation_id: int, origin: BallotOrigin, now: dt.datetime) -> None:
    """Add one to the ballots of this network, hour and browser (insert or update)."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    table = sql.table(BallotSource)
    sql.execute(
        f"INSERT INTO {table} (consultation_id, source, hour, user_agent_digest, count) "  # noqa: S608 - table name from the model
        "VALUES (%s, %s, %s, %s, 1) "
        "ON CONFLICT (consultation_id, source, hour, user_agent_digest) "
        f"DO UPDATE SET count = {table}.count + 1",
        [
            consultation_id,
            source_network(origin.ip),
            connection.ops.adapt_datetimefield_value(hour),
            user_agent_digest(origin.user_agent),
        ],
    )


def ballot_rules(consultation: Consultation) -> BallotRules:
    options = ConsultationOption.objects.filter(consultation=consultation).order_by(
        "position"
    )
    return ballot_rules_of(consultation, options.values_list("pk", "cost_cents"))


def ballot_rules_of(
    consultation: Consultation, options: Iterable[tuple[int, int | None]]
) -> BallotRules:
    """The rules of ``consultation``'s ballot from its options (id, cost) in ballot
    order."""
    return BallotRules(
        ballot_type=consultation.ballot_type,
        costs=dict(options),
        max_choices=consultation.max_choices,
        points=consultation.points,
        budget_cents=consultation.budget_cents,
    )


def accepting_refusal(
    consultation: Consultation, now: dt.datetime
) -> ValidationError | None:
    """Why ``consultation`` does not take a ballot at ``now``, or None when it does:
    published and ``opens_at <= now < closes_at``."""
    if (
        consultation.status != ConsultationStatus.PUBLISHED
        or now < consultation.opens_at
    ):
        return ValidationError(
            _("You cannot vote in this wijkraadpleging yet."), code="not_open"
        )
    if now >= consultation.closes_at:
        return ValidationError(
            _("Voting has closed. Your vote was not counted."), code="closed"
        )
    return None


# What casting reads of the credential (the other fields stay deferred).
_CREDENTIAL = sql.Loader(Credential, "c", only=("consultation", "revoked", "voted_on"))


def _lock_credential(consultation: Consultation, credential: Credential) -> Credential:
    """The credential row, locked: a second ballot of the same credential waits
    here. Plain SQL (docs/adr/0012-hot-path-sql.md): the ballot is a hot path."""
    row = sql.fetch_one(
        f"SELECT {_CREDENTIAL.columns} FROM {sql.table(Credential)} c "  # noqa: S608 - names from _meta; values are parameters
        f"WHERE c.id = %s AND c.consultation_id = %s{sql.for_update()}",
        [credential.pk, consultation.pk],
    )
    locked: Credential | None = _CREDENTIAL.take(row, 0)[0] if row else None
    if locked is None or locked.revoked:
        raise ValidationError(
            _("This code cannot be used to vote."), code="credential_invalid"
        )
    return locked


def ballot_cast(
    *,
    consultation: Consultation,
    credential: Credential,
    choices: object,
    channel: str,
    origin: BallotOrigin | None = None,
    actor: User | None = None,
    rules: BallotRules | None = None,
) -> str:
    """Cast (or replace) the ballot of ``credential``; returns the new receipt, which
    the voter sees once. The last ballot counts. Refused (nothing changed): a closed
    or not yet open consultation (server time), a revoked credential, choices that do
    not fit the ballot. An assisted ballot needs an election official as ``actor``;
    paper ballots come through ``paper_entry_record``. ``rules``: the ballot's rules
    when the caller has read the options already (``ballot_rules_of``; the options
    cannot change once the consultation is published), saving a query."""
    channel = BallotChannel(channel)
    if channel == BallotChannel.PAPER:
        raise ValidationError(
            _("Paper ballots are typed in twice, by two officials."),
            code="paper_needs_two",
        )
    if channel == BallotChannel.ASSISTED:
        if actor is None:
            raise ValidationError(
                _("An assisted vote needs an official."), code="official_needed"
            )
        # Before the transaction: a PermissionDenied would doom the caller's.
        require_election_official(actor=actor, neighbourhood=consultation.neighbourhood)
    with transaction_join():
        current = consultation_share(consultation.pk)
        return cast_in_transaction(
            current, credential, choices, channel, origin, actor, rules=rules
        )


def cast_in_transaction(
    consultation: Consultation,
    credential: Credential,
    choices: object,
    channel: str,
    origin: BallotOrigin | None,
    actor: User | None,
    *,
    rules: BallotRules | None = None,
) -> str:
    """The body of ``ballot_cast``, inside its transaction (paper ballots join here
    from ``paper_entry_record``)."""
    now = timezone.now()
    refusal = accepting_refusal(consultation, now)
    if refusal is not None:
        raise refusal
    key = consultation.ballot_key
    if key is None:  # not made by consultation_create
        raise ValidationError(
            _("You cannot vote in this wijkraadpleging yet."), code="not_open"
        )
    locked = _lock_credential(consultation, credential)
    stored = choices_clean(choices, rules or ballot_rules(consultation))
    link = ballot_link(key, locked.pk)
    replaced = 0
    if locked.voted_on is not None:
        # A credential has a ballot only once it voted (both are written here).
        replaced = sql.execute(
            f"DELETE FROM {sql.table(Ballot)} "  # noqa: S608 - table name from the model
            "WHERE consultation_id = %s AND link = %s",
            [consultation.pk, link],
        )
    receipt = receipt_generate()
    today = timezone.localdate(now)
    sql.insert(
        [
            Ballot(
                consultation_id=consultation.pk,
                link=link,
                choices=stored,
                receipt=receipt,
                channel=channel,
                cast_on=today,
            )
        ]
    )
    if locked.voted_on != today:
        sql.execute(
            f"UPDATE {sql.table(Credential)} SET voted_on = %s WHERE id = %s",  # noqa: S608 - table name from the model
            [connection.ops.adapt_datefield_value(today), locked.pk],
        )
        locked.voted_on = today
    if origin is not None:
        _source_count(consultation.pk, origin, now)
    audit_record(
        actor=actor,
        action="consultations.ballot_cast",
        subject=locked,
        data={"channel": str(channel), "replaced": bool(replaced)},
    )
    return receipt
