"""``manage.py consultation_import_pb``: a Pabulib file becomes a draft budget vote
with the file's projects as options; a file it cannot read changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.consultations.constants import (
    BallotType,
    ConsultationKind,
    ConsultationStatus,
)
from wijkvoucher.consultations.models import Consultation
from wijkvoucher.consultations.pbfile import PbBallot, PbOption, to_pb_text
from wijkvoucher.consultations.tests.helpers import PREPARED, at, wijk_with_organiser

pytestmark = pytest.mark.django_db

OPTIONS = [
    PbOption("1", "Bankjes langs de kade", 250_050),
    PbOption("2", "Buurtkast", 80_000),
    PbOption("3", "Zomerfilm", 150_000),
]


def _file(tmp_path: Path) -> Path:
    text = to_pb_text(
        options=OPTIONS,
        ballots=[
            PbBallot("AAAAAAAAAA", ["1", "2"]),
            PbBallot("BBBBBBBBBB", ["3"]),
        ],
        ballot_type=BallotType.APPROVAL,
        budget_cents=400_000,
        rule="equalshares/add1",
        title="Buurtbudget 2025",
        wijk="Havenkwartier",
        on=dt.date(2025, 6, 1),
        max_choices=2,
    )
    path = tmp_path / "buurtbudget.pb"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pabulib_file_becomes_a_draft_budget_vote(tmp_path: Path) -> None:
    wijk, organiser = wijk_with_organiser()
    out = StringIO()
    with at(PREPARED):
        call_command(
            "consultation_import_pb",
            str(_file(tmp_path)),
            wijk=wijk.slug,
            by=organiser.email,
            stdout=out,
        )
    vote = Consultation.objects.get()
    assert vote.kind == ConsultationKind.BUDGET_VOTE
    assert vote.status == ConsultationStatus.DRAFT
    assert vote.ballot_type == BallotType.APPROVAL
    assert (vote.budget_cents, vote.max_choices, vote.rule) == (
        400_000,
        2,
        "equalshares/add1",
    )
    assert vote.title == "Buurtbudget 2025"
    assert [(o.title, o.cost_cents) for o in vote.options.order_by("position")] == [
        (o.title, o.cost_cents) for o in OPTIONS
    ]
    assert vote.closes_at - vote.opens_at == dt.timedelta(days=14)
    assert "2 ballots were not imported" in out.getvalue()


def test_a_file_that_cannot_be_read_or_a_stranger_changes_nothing(
    tmp_path: Path,
) -> None:
    wijk, organiser = wijk_with_organiser()
    broken = tmp_path / "broken.pb"
    broken.write_text("META\nkey;value\nbudget;-\n", encoding="utf-8")
    with at(PREPARED), pytest.raises(CommandError, match="Pabulib"):
        call_command(
            "consultation_import_pb", str(broken), wijk=wijk.slug, by=organiser.email
        )
    stranger = UserFactory.create()  # no role in the wijk
    with at(PREPARED), pytest.raises(CommandError, match="may not organise"):
        call_command(
            "consultation_import_pb",
            str(_file(tmp_path)),
            wijk=wijk.slug,
            by=stranger.email,
        )
    with pytest.raises(CommandError, match="no such file"):
        call_command(
            "consultation_import_pb",
            str(tmp_path / "missing.pb"),
            wijk=wijk.slug,
            by=organiser.email,
        )
    assert not Consultation.objects.exists()
