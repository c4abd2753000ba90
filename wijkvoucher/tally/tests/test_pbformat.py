"""Reading and writing .pb text, the quirks of real files included (docs/pabulib.md#the-pb-format)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from wijkvoucher.tally import (
    Ballot,
    PabulibError,
    format_pb,
    make_election,
    parse_pb,
)

SMALL = """META
key;value
description;Test
budget;1000
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;votes;name;selected
1;600;2;Speeltuin;1
2;500;2;"Bankjes; nieuw ""en"" mooi";0
VOTES
voter_id;vote;age
v1;1;34
v2;1,2;
v3;2;71
"""


def test_a_small_file_is_read_as_written() -> None:
    # given / when
    election = parse_pb(SMALL)

    # then
    assert election.budget == 1000
    assert election.vote_type == "approval"
    assert election.rule == "greedy"
    assert [p.id for p in election.projects] == ["1", "2"]
    assert election.projects[1].name == 'Bankjes; nieuw "en" mooi'
    assert election.projects[0].fields == {"votes": "2", "selected": "1"}
    assert election.ballots == (
        Ballot("v1", ("1",), None, {"age": "34"}),
        Ballot("v2", ("1", "2"), None, {}),
        Ballot("v3", ("2",), None, {"age": "71"}),
    )


def test_the_quirks_of_real_files_are_read() -> None:
    # given: a byte-order mark, spaces around cells, a decimal comma, an empty line,
    # lower-case section titles and a row without its empty last cell
    quirky = (
        "\ufeffmeta\r\nkey; value\r\nbudget; 1000,50\r\nvote_type ;approval\r\n\r\n"
        "projects\r\nproject_id; cost; name; category\r\n1; 600,25 ; Speeltuin\r\n"
        '2;500; "Bankjes";groen\r\nvotes\r\nvoter_id; vote\r\nv1; 1, 2\r\n'
    ).encode()

    # when
    election = parse_pb(quirky)

    # then
    assert election.budget == Fraction("1000.50")
    assert election.projects[0].cost == Fraction("600.25")
    assert election.projects[0].fields == {}
    assert election.projects[1].fields == {"category": "groen"}
    assert election.ballots[0].projects == ("1", "2")


def test_cumulative_points_are_read_exactly() -> None:
    # given
    text = SMALL.replace("approval", "cumulative").replace(
        "voter_id;vote;age\nv1;1;34\nv2;1,2;\nv3;2;71\n",
        "voter_id;vote;points\nv1;1,2;3,2\nv2;2;1.5\n",
    )

    # when
    election = parse_pb(text)

    # then
    assert election.ballots[0].points == (3, 2)
    assert election.ballots[1].points == (Fraction(3, 2),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        (" \n\n", "the file is empty"),
        (SMALL.replace("budget;1000\n", ""), "META has no budget"),
        (SMALL.replace("budget;1000", "budget;veel"), "META budget is not a number"),
        (SMALL.replace("v3;2;71", "v3;7;71"), "voter v3 votes for unknown project 7"),
        (SMALL.replace("v3;2;71", "v3;2,2;71"), "voter v3 names a project twice"),
        (SMALL.replace("approval", "plurality"), "unknown vote_type 'plurality'"),
        (SMALL.split("VOTES")[0], "no VOTES section"),
        (SMALL.replace("1;600;2", "1;-600;2"), "project 1 has a negative cost"),
        (SMALL.replace("2;500;2", "1;500;2"), "names a project_id twice"),
        ("hello;world\n", "text before META"),
        (
            SMALL.replace("v2;1,2;", "v2;1,2;;extra"),
            "VOTES row has 4 cells, the header 3",
        ),
    ],
)
def test_an_unreadable_file_says_what_is_wrong(text: str, message: str) -> None:
    # when
    with pytest.raises(PabulibError) as raised:
        parse_pb(text)

    # then
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_binary_junk_is_refused() -> None:
    # when / then
    with pytest.raises(PabulibError, match="binary data"):
        parse_pb(bytes(range(256)))
    with pytest.raises(PabulibError, match="not UTF-8"):
        parse_pb(b"META\n\xff\xfe")


def test_writing_and_reading_back_gives_the_same_election() -> None:
    # given
    election = parse_pb(SMALL)

    # when
    again = parse_pb(format_pb(election))

    # then
    assert again == election


def test_an_election_from_memory_is_written_as_pabulib() -> None:
    # given
    election = make_election(
        [("p1", 600, "Speeltuin"), ("p2", Fraction("499.95"), "Bankjes")],
        [["p1"], ["p1", "p2"]],
        budget=1000,
        rule="equalshares/add1",
        meta={"unit": "Wijk Noord"},
    )

    # when
    text = format_pb(election)

    # then
    assert text == (
        "META\nkey;value\ndescription;\ncountry;\nunit;Wijk Noord\ninstance;\n"
        "num_projects;2\nnum_votes;2\nbudget;1000\nvote_type;approval\n"
        "rule;equalshares/add1\nPROJECTS\nproject_id;cost;name\n1;600;Speeltuin\n"
        "p2;499.95;Bankjes\nVOTES\nvoter_id;vote\n1;p1\n2;p1,p2\n"
    ).replace("\n1;600;", "\np1;600;")
    assert parse_pb(text) == election
