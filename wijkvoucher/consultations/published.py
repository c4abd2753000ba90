"""The published ballot list of a certified consultation, as a page, as CSV and as a
Pabulib ``.pb`` file that ``python -m wijkvoucher.tally`` recounts to the certified
result (docs/voting.md#the-result).

The certification leaves out the options nobody voted for (``result["unsupported"]``):
greedy rules would fund them if money were left. The ``.pb`` file therefore lists
only the options that got a vote in PROJECTS (in ballot order, the last tie-break),
with ``selected`` 1 for the funded ones, and the page lists the others apart. An
ordinal vote keeps ``max_length`` at the number of places of the whole ballot, as
the certification counted."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from wijkvoucher.consultations.codes import receipt_format
from wijkvoucher.consultations.constants import BallotType, Stance
from wijkvoucher.consultations.models import Consultation, ConsultationOption
from wijkvoucher.consultations.pbfile import PbBallot, PbOption, to_pb_text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _stance_label(stance: str) -> str:
    try:
        return str(Stance(stance).label)
    except ValueError:
        return stance


def choices_text(
    ballot_type: str, titles: Mapping[str, str], choices: Any
) -> list[str]:
    """A ballot's choices in words, one line per option chosen (empty: blank)."""
    if ballot_type in (BallotType.APPROVAL, BallotType.KNAPSACK):
        return [titles.get(str(i), str(i)) for i in choices]
    if ballot_type == BallotType.CUMULATIVE:
        return [
            _("%(plan)s: %(points)s points")
            % {"plan": titles.get(key, key), "points": points}
            for key, points in choices.items()
        ]
    if ballot_type == BallotType.ORDINAL:
        return [
            f"{place}. {titles.get(str(i), str(i))}"
            for place, i in enumerate(choices, start=1)
        ]
    lines = []
    for key, answer in choices.items():
        line = f"{titles.get(key, key)}: {_stance_label(answer.get('stance', ''))}"
        if answer.get("comment"):
            line += f" – “{answer['comment']}”"
        lines.append(line)
    return lines


@dataclass(frozen=True)
class PublishedBallot:
    receipt: str  # as shown: XXXXX-XXXXX
    raw: str
    lines: list[str]


def published_rows(
    consultation: Consultation,
    options: Sequence[ConsultationOption],
    ballots: Sequence[tuple[str, Any]],
) -> list[PublishedBallot]:
    titles = {str(o.pk): o.title for o in options}
    return [
        PublishedBallot(
            receipt_format(receipt),
            receipt,
            choices_text(consultation.ballot_type, titles, choices),
        )
        for receipt, choices in ballots
    ]


def _csv_cells(
    ballot_type: str, options: Sequence[ConsultationOption], choices: Any
) -> list[str]:
    if ballot_type in (BallotType.APPROVAL, BallotType.KNAPSACK):
        chosen = {int(i) for i in choices}
        return ["1" if o.pk in chosen else "0" for o in options]
    if ballot_type == BallotType.CUMULATIVE:
        return [str(choices.get(str(o.pk), 0)) for o in options]
    if ballot_type == BallotType.ORDINAL:
        places = {int(i): n for n, i in enumerate(choices, start=1)}
        return [str(places.get(o.pk, "")) for o in options]
    cells = []
    for o in options:
        answer = choices.get(str(o.pk)) or {}
        cells.append(answer.get("stance", ""))
        cells.append(csv_text(answer.get("comment", "")))
    return cells


def ballots_csv(
    consultation: Consultation,
    options: Sequence[ConsultationOption],
    ballots: Sequence[tuple[str, Any]],
) -> str:
    """One row per ballot: the receipt, then per option (``<title> [<id>]``) 1/0
    (chosen or not), the points, the place, or (a poll) the stance and the
    comment."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = [_("Receipt")]
    for o in options:
        name = csv_text(f"{o.title} [{o.pk}]")
        if consultation.ballot_type == BallotType.ADVISORY:
            header += [name, csv_text(_("%(plan)s: comment") % {"plan": name})]
        else:
            header.append(name)
    writer.writerow(header)
    for receipt, choices in ballots:
        writer.writerow(
            [receipt, *_csv_cells(consultation.ballot_type, options, choices)]
        )
    return out.getvalue()


def ballots_pb(
    consultation: Consultation,
    options: Sequence[ConsultationOption],
    ballots: Sequence[tuple[str, Any]],
    result: Mapping[str, Any],
) -> str:
    """The ``.pb`` file of a certified budget vote: the options that got a vote, the
    ballots by receipt, the funded options marked ``selected``."""
    unsupported = {int(i) for i in result.get("unsupported", [])}
    counted = [o for o in options if o.pk not in unsupported]
    max_choices = consultation.max_choices
    if consultation.ballot_type == BallotType.ORDINAL:
        max_choices = max_choices or len(options)
    return to_pb_text(
        options=[PbOption(str(o.pk), o.title, o.cost_cents or 0) for o in counted],
        ballots=[PbBallot(receipt, choices) for receipt, choices in ballots],
        ballot_type=consultation.ballot_type,
        budget_cents=consultation.budget_cents or 0,
        rule=consultation.rule,
        title=consultation.title,
        wijk=consultation.neighbourhood.name,
        on=timezone.localdate(consultation.closes_at),
        max_choices=max_choices,
        points=consultation.points,
        selected=[str(i) for i in result.get("selected", [])],
    )
