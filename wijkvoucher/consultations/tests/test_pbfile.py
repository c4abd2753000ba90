"""A consultation as a Pabulib file and back: the published ballot list, read back
equal, recounted by the command line to the same outcome as the election itself."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from wijkvoucher.consultations.pbfile import (
    KNAPSACK,
    PbBallot,
    PbOption,
    euros,
    from_pb_text,
    to_election,
    to_pb_text,
)
from wijkvoucher.tally import run_rule

ROOT = Path(__file__).resolve().parents[3]
ON = dt.date(2026, 10, 12)
OPTIONS = [
    PbOption("11", "Speeltuin; met glijbaan", 600_001),
    PbOption("12", "Bankjes", 399_999),
    PbOption("13", 'Moestuin "De Linde"', 400_000),
    PbOption("14", "Kunst", 150_000),
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _vote(ballots: Sequence[PbBallot], **extra: Any) -> Any:
    """The arguments of ``to_election`` for a budget vote of € 10.000 on OPTIONS."""
    values: dict[str, object] = {
        "options": OPTIONS,
        "ballots": ballots,
        "ballot_type": "approval",
        "budget_cents": 1_000_000,
        "rule": "greedy",
        "title": "Wijkbudget Oost 2026",
        "wijk": "Oost",
        "on": ON,
    }
    values.update(extra)
    return values


APPROVALS = [
    PbBallot("ZZ00000001", ["11", "12"]),
    PbBallot("AA00000002", [12, 11]),
    PbBallot("MM00000003", ["11"]),
    PbBallot("BB00000004", ["13", "14"]),
    PbBallot("CC00000005", []),
]


def test_euros_are_exact() -> None:
    assert str(euros(123_456)) == "30864/25"
    assert euros(5_000) == 50
    assert isinstance(euros(5_000), int)


def test_the_published_file() -> None:
    # when
    text = to_pb_text(**_vote(APPROVALS, max_choices=2, selected=["11", "12"]))

    # then: META, the options in their order with exact euros, ballots by receipt
    assert text == (
        "META\n"
        "key;value\n"
        "description;Wijkbudget Oost 2026\n"
        "country;Netherlands\n"
        "unit;Oost\n"
        "instance;2026-10-12\n"
        "num_projects;4\n"
        "num_votes;5\n"
        "budget;10000\n"
        "vote_type;approval\n"
        "rule;greedy\n"
        "currency;EUR\n"
        "max_length;2\n"
        "PROJECTS\n"
        "project_id;cost;name;selected\n"
        '11;6000.01;"Speeltuin; met glijbaan";1\n'
        "12;3999.99;Bankjes;1\n"
        '13;4000;"Moestuin ""De Linde""";0\n'
        "14;1500;Kunst;0\n"
        "VOTES\n"
        "voter_id;vote\n"
        "AA00000002;11,12\n"
        "BB00000004;13,14\n"
        "CC00000005;\n"
        "MM00000003;11\n"
        "ZZ00000001;11,12\n"
    )


@pytest.mark.parametrize(
    ("ballot_type", "ballots", "extra"),
    [
        ("approval", APPROVALS, {"max_choices": 2}),
        ("approval", APPROVALS, {}),
        (KNAPSACK, APPROVALS, {}),
        (
            "cumulative",
            [
                PbBallot("R1", {"11": 3, "12": 0, "13": 2}),
                PbBallot("R2", {"14": 5}),
                PbBallot("R3", {}),
            ],
            {"points": 5},
        ),
        (
            "ordinal",
            [PbBallot("R1", ["13", "11", "12"]), PbBallot("R2", ["14"])],
            {"max_choices": 3},
        ),
    ],
)
def test_reading_the_file_back_gives_the_same_vote(
    ballot_type: str, ballots: list[PbBallot], extra: dict[str, object]
) -> None:
    # given
    text = to_pb_text(
        **_vote(ballots, ballot_type=ballot_type, selected=["12"], **extra)
    )

    # when
    read = from_pb_text(text)

    # then
    assert read.ballot_type == ballot_type
    assert read.options == OPTIONS
    assert read.budget_cents == 1_000_000
    assert read.rule == "greedy"
    assert (read.title, read.wijk) == ("Wijkbudget Oost 2026", "Oost")
    assert read.max_choices == extra.get("max_choices")
    assert read.points == extra.get("points")
    assert read.selected == ["12"]
    expected: dict[str, object] = {}
    for ballot in ballots:
        if isinstance(ballot.choices, dict):
            expected[ballot.receipt] = {k: v for k, v in ballot.choices.items() if v}
        elif ballot_type == "ordinal":
            expected[ballot.receipt] = [str(c) for c in ballot.choices]
        else:
            expected[ballot.receipt] = sorted(str(c) for c in ballot.choices)
    assert {b.receipt: b.choices for b in read.ballots} == expected
    # and writing it again gives the same file
    again = to_pb_text(
        options=read.options,
        ballots=read.ballots,
        ballot_type=read.ballot_type,
        budget_cents=read.budget_cents,
        rule=read.rule,
        title=read.title,
        wijk=read.wijk,
        on=ON,
        max_choices=read.max_choices,
        points=read.points,
        selected=read.selected,
    )
    assert again == text


def test_cumulative_ballots_list_most_points_first() -> None:
    # when
    election = to_election(
        **_vote(
            [PbBallot("R1", {"14": 1, "11": 2, "12": 2})],
            ballot_type="cumulative",
            points=5,
        )
    )

    # then: equal points in option order
    (ballot,) = election.ballots
    assert (ballot.projects, ballot.points) == (("11", "12", "14"), (2, 2, 1))
    assert election.meta["max_sum_points"] == "5"


def _cli(text: str, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "oost.pb"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "wijkvoucher.tally", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize(
    ("ballot_type", "rule", "ballots", "extra"),
    [
        ("approval", "greedy", APPROVALS, {}),
        ("approval", "equalshares/add1", APPROVALS, {}),
        (KNAPSACK, "equalshares", APPROVALS, {}),
        (KNAPSACK, "greedy-no-skip", APPROVALS, {}),
        (
            "cumulative",
            "greedy",
            [
                PbBallot("R1", {"11": 3, "13": 2}),
                PbBallot("R2", {"14": 5}),
                PbBallot("R3", {"12": 4, "11": 1}),
            ],
            {"points": 5},
        ),
        (
            "ordinal",
            "greedy",
            [
                PbBallot("R1", ["13", "11", "12"]),
                PbBallot("R2", ["14", "12"]),
                PbBallot("R3", ["12"]),
            ],
            {"max_choices": 3},
        ),
    ],
)
def test_the_command_line_recounts_the_file_to_the_same_outcome(
    ballot_type: str,
    rule: str,
    ballots: list[PbBallot],
    extra: dict[str, object],
    tmp_path: Path,
) -> None:
    # given
    vote = _vote(ballots, ballot_type=ballot_type, rule=rule, **extra)
    election = to_election(**vote)
    direct = run_rule(election)

    # when
    recount = _cli(to_pb_text(**vote), tmp_path)

    # then
    assert recount["rule"] == rule
    assert recount["selected"] == list(direct.selected)
    assert recount["budget"] == 10_000


def test_cents_are_not_rounded_away(tmp_path: Path) -> None:
    # given: € 6.000,01 and € 3.999,99 fill € 10.000 exactly; rounded up to whole
    # euros they would not fit together
    vote = _vote(APPROVALS)

    # when
    direct = run_rule(to_election(**vote))
    recount = _cli(to_pb_text(**vote), tmp_path)

    # then
    assert direct.selected == ("11", "12")
    assert direct.cost == 10_000
    assert recount == {
        "rule": "greedy",
        "selected": ["11", "12"],
        "cost": 10_000,
        "budget": 10_000,
    }


@pytest.mark.parametrize(
    ("ballots", "extra", "message"),
    [
        ([PbBallot("R1", ["99"])], {}, "unknown option 99"),
        ([PbBallot("R1", ["11", 11])], {}, "names an option twice"),
        ([PbBallot("R1", ["11"]), PbBallot("R1", ["12"])], {}, "same receipt"),
        ([], {"ballot_type": "advisory"}, "no Pabulib form"),
        ([], {"rule": "borda"}, "unknown rule"),
        ([], {"ballot_type": "cumulative"}, "needs its points"),
        (
            [PbBallot("R1", {"11": -1})],
            {"ballot_type": "cumulative", "points": 3},
            "not negative",
        ),
        ([PbBallot("R1", {"11": 1})], {}, "choices are a list"),
        ([], {"selected": ["11", "99"]}, "unknown options"),
    ],
)
def test_data_a_consultation_cannot_hold_is_refused(
    ballots: list[PbBallot], extra: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        to_election(**_vote(ballots, **extra))


def test_a_real_world_file_with_quirks_is_imported() -> None:
    # given: a byte-order mark, a decimal comma, choose-1 ballots, a rule the tally
    # does not know, spaces around cells
    data = (
        "\ufeffMETA\n"
        "key;value\n"
        "description;Budżet Obywatelski\n"
        "country;Poland\n"
        "unit;Wieliczka\n"
        "instance;2023\n"
        "num_projects;2\n"
        "num_votes;3\n"
        "budget;1000,50\n"
        "vote_type;choose-1\n"
        "rule;greedy-custom\n"
        "PROJECTS\n"
        "project_id;cost;name;selected\n"
        "1; 500,25 ;Park;1\n"
        "2;700;;0\n"
        "VOTES\n"
        "voter_id;vote;age\n"
        "v1;1;34\n"
        "v2;2;\n"
        "v3;1;70\n"
    ).encode()

    # when
    read = from_pb_text(data)

    # then
    assert read.ballot_type == "approval"
    assert read.max_choices == 1
    assert read.budget_cents == 100_050
    assert read.options == [PbOption("1", "Park", 50_025), PbOption("2", "2", 70_000)]
    assert read.rule == "greedy"
    assert read.meta["rule"] == "greedy-custom"
    assert [(b.receipt, b.choices) for b in read.ballots] == [
        ("v1", ["1"]),
        ("v2", ["2"]),
        ("v3", ["1"]),
    ]
    assert read.selected == ["1"]


def _pb(vote_type: str, cost: str, votes: str, meta: str = "") -> str:
    return (
        "META\nkey;value\n"
        f"budget;100\nvote_type;{vote_type}\n{meta}"
        f"PROJECTS\nproject_id;cost\np1;{cost}\np2;5\n"
        f"VOTES\n{votes}"
    )


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (
            b"\x89PNG\r\n",
            "pabulib_unreadable",
            "This is not a Pabulib file that can be read: not UTF-8 text (byte 0): not "
            "a .pb file.",
        ),
        (
            _pb("approval", "10", "voter_id;vote\nv1;p3\n"),
            "pabulib_unreadable",
            "This is not a Pabulib file that can be read: line 11: voter v1 votes for "
            "unknown project p3.",
        ),
        (
            _pb("scoring", "10", "voter_id;vote;points\nv1;p1;3\n"),
            "pabulib_vote_type",
            "Ballots of the type “scoring” cannot be held in a consultation.",
        ),
        (
            _pb("approval", "10.005", "voter_id;vote\nv1;p1\n"),
            "pabulib_cents",
            "The cost of p1 is not a whole number of cents: 10.005.",
        ),
        (
            _pb("cumulative", "10", "voter_id;vote;points\nv1;p1;1.5\n"),
            "pabulib_points",
            "Voter v1 gives 1.5 points: only whole points count.",
        ),
        (
            _pb("approval", "10", "voter_id;vote\nv1;p1\nv1;p2\n"),
            "pabulib_voter_twice",
            "The file names a voter twice.",
        ),
        (
            _pb("ordinal", "10", "voter_id;vote\nv1;p1\n", "max_length;three\n"),
            "pabulib_meta",
            "META max_length must be a whole number, not “three”.",
        ),
    ],
)
def test_files_a_consultation_cannot_hold_are_refused_with_a_reason(
    data: str | bytes, code: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        from_pb_text(data)
    assert caught.value.code == code
    assert caught.value.messages == [message]


def test_cumulative_without_max_sum_points_takes_the_largest_ballot() -> None:
    # given
    data = _pb("cumulative", "10", "voter_id;vote;points\nv1;p1,p2;3,4\nv2;p2;2\n")

    # when
    read = from_pb_text(data)

    # then
    assert read.points == 7
    assert [b.choices for b in read.ballots] == [{"p1": 3, "p2": 4}, {"p2": 2}]
