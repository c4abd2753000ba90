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
    CONSULTATION_COLUMNS,
    consultation_share,
    require_election_official,
)
from wijkvoucher.core import sql
from wijkvoucher.core.db import transaction_join
from wijkvoucher.core.services import audit_event_new, audit_seal_after_commit

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


def _source_count(
    consultation_id: int, origin: BallotOrigin, now: dt.datetime
) -> tuple[str, list[object]]:
    """The statement that adds one to the ballots of this network, hour and browser
    (insert or update)."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    table = sql.table(BallotSource)
    return (
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
_CREDENTIAL = sql.Loader(Credential, "r", only=("consultation", "revoked", "voted_on"))
# The ballot's columns a second ballot of the same credential overwrites: a new id and
# receipt, so that nothing of the old ballot is left (docs/voting.md rule 4).
_REPLACED = ("id", "choices", "receipt", "channel", "cast_on")


def _credential_invalid() -> ValidationError:
    return ValidationError(
        _("This code cannot be used to vote."), code="credential_invalid"
    )


def _credential_usable(locked: Credential | None) -> Credential:
    if locked is None or locked.revoked:
        raise _credential_invalid()
    return locked


def _lock_credential(consultation: Consultation, credential: Credential) -> Credential:
    """The credential row, locked: a second ballot of the same credential waits
    here. Plain SQL (docs/adr/0012-hot-path-sql.md): the ballot is a hot path."""
    row = sql.fetch_one(
        f"SELECT {_CREDENTIAL.columns} FROM {sql.table(Credential)} r "  # noqa: S608 - names from _meta; values are parameters
        f"WHERE r.id = %s AND r.consultation_id = %s{sql.for_update()}",
        [credential.pk, consultation.pk],
    )
    return _credential_usable(_CREDENTIAL.take(row, 0)[0] if row else None)


def _lock_both(
    consultation_id: int, credential_id: int
) -> tuple[Consultation, Credential]:
    """The consultation under a key-share lock and the credential under an update
    lock, read in one statement (``consultation_share`` and ``_lock_credential``
    in one round trip)."""
    locks = ""
    if sql.vendor() == "postgresql":
        locks = " FOR KEY SHARE OF c FOR UPDATE OF r"
    row = sql.fetch_one(
        f"SELECT {CONSULTATION_COLUMNS.columns}, {_CREDENTIAL.columns} "  # noqa: S608 - names from _meta; values are parameters
        f"FROM {sql.table(Consultation)} c JOIN {sql.table(Credential)} r "
        "ON r.consultation_id = c.id AND r.id = %s "
        f"WHERE c.id = %s{locks}",
        [credential_id, consultation_id],
    )
    if row is None:
        # No such credential in this consultation (or no such consultation): the
        # rare path, read apart to tell which.
        consultation_share(consultation_id)  # Consultation.DoesNotExist if none
        raise _credential_invalid()
    consultation, at = CONSULTATION_COLUMNS.take(row, 0)
    credential, _at = _CREDENTIAL.take(row, at)
    return consultation, _credential_usable(credential)


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
        current, locked = _lock_both(consultation.pk, credential.pk)
        return _cast_locked(current, locked, choices, channel, origin, actor, rules)


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
    """The body of ``ballot_cast``, inside its transaction, for a caller that holds
    the consultation's lock already (paper ballots join here from
    ``paper_entry_record``)."""
    refusal = accepting_refusal(consultation, timezone.now())
    if refusal is not None:
        raise refusal
    locked = _lock_credential(consultation, credential)
    return _cast_locked(consultation, locked, choices, channel, origin, actor, rules)


def _cast_locked(
    consultation: Consultation,
    locked: Credential,
    choices: object,
    channel: str,
    origin: BallotOrigin | None,
    actor: User | None,
    rules: BallotRules | None,
) -> str:
    """Check and write the ballot of the ``locked`` credential: the ballot (in the
    place of the credential's earlier one), the day of voting on the roll, the
    source's count and the audit event. One statement on PostgreSQL (the four
    joined as data-modifying WITH queries; they touch four different tables, so
    their order does not matter), four on SQLite, which has no such queries."""
    now = timezone.now()
    refusal = accepting_refusal(consultation, now)
    if refusal is not None:
        raise refusal
    key = consultation.ballot_key
    if key is None:  # not made by consultation_create
        raise ValidationError(
            _("You cannot vote in this wijkraadpleging yet."), code="not_open"
        )
    stored = choices_clean(choices, rules or ballot_rules(consultation))
    receipt = receipt_generate()
    today = timezone.localdate(now)
    # A credential has a ballot once it voted (both are written here): a ballot
    # with its link is replaced (an upsert on the one-per-credential constraint).
    replaced = locked.voted_on is not None
    ballot_sql, ballot_params = sql.insert_statement(
        [
            Ballot(
                consultation_id=consultation.pk,
                link=ballot_link(key, locked.pk),
                choices=stored,
                receipt=receipt,
                channel=channel,
                cast_on=today,
            )
        ],
        returning=False,
    )
    quote = connection.ops.quote_name
    statements: list[tuple[str, list[object]]] = [
        (
            f"{ballot_sql} ON CONFLICT (consultation_id, link) DO UPDATE SET "
            + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in _REPLACED),
            ballot_params,
        )
    ]
    if locked.voted_on != today:
        statements.append(
            (
                f"UPDATE {sql.table(Credential)} SET voted_on = %s WHERE id = %s",  # noqa: S608 - table name from the model
                [connection.ops.adapt_datefield_value(today), locked.pk],
            )
        )
        locked.voted_on = today
    if origin is not None:
        statements.append(_source_count(consultation.pk, origin, now))
    event = audit_event_new(
        actor=actor,
        action="consultations.ballot_cast",
        subject=locked,
        data={"channel": str(channel), "replaced": replaced},
    )
    statements.append(sql.insert_statement([event], returning=False))
    sql.execute_joined(statements)
    audit_seal_after_commit()
    return receipt
