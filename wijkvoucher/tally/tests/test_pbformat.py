"""Reading and writing .pb text, the quirks of real files included (docs/pabulib.md#the-pb-format)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkvoucher.tally import (
    Ballot,
    Election,
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


def read_both(text: str) -> tuple[object, object]:
    """The fast reader's and the csv reader's election, or their error message."""
    results: list[object] = []
    for fast in (True, False):
        try:
            results.append(parse_pb(text, fast=fast))
        except PabulibError as exc:
            results.append(str(exc))
    return results[0], results[1]


def merged(election: Election) -> dict[tuple[object, object], int]:
    """The election's groups with equal ballots added up."""
    counts: dict[tuple[object, object], int] = {}
    for projects, points, weight in election.groups:
        counts[projects, points] = counts.get((projects, points), 0) + weight
    return counts


HEAD = SMALL.split("VOTES\n")[0] + "VOTES\n"


@pytest.mark.parametrize(
    "votes",
    [
        "voter_id;vote;age\nv1;1;34\nv2;1,2;\nv3;2;71\n",
        "voter_id;vote;age\r\nv1;1;34\r\nv2;1,2;\r\nv3;2;71\r\n",
        "voter_id; vote ; Age\nv1; 1 , 2; 34\nv2;  2;\n v3 ;2,1 ;x\n",
        "voter_id;vote\nv1;1\n\nv2;2\n",
        "voter_id;vote;age\nv1;1;3\n;;\n",
        "voter_id;vote;age\nv1;;34\nv2;1;\n",
        'voter_id;vote\n"v1";"1,2"\nv2;2\n',
        "voter_id;vote;age\nv1;1\n",
        "voter_id;vote\nv1;1;;\n",
        "voter_id;vote\nv1;1;x\n",
        "voter_id;vote\nv1;1,7\n",
        "voter_id;vote\nv1;2,1,2\n",
        "voter_id;vote\nv1;1,2,\nv2;1,,2\nv3;,2\n",
        "voter_id;vote\rv1;1\n",
        "voter_id;vote\nv1;1\r\nv2;2\rv3;1\n",
        "voter_id;vote\nv1;1\nMETA;\n",
        "voter_id;vote\nv1;\t1\nv2; \t2\n",
        "vote;voter_id\n1;v1\n2,1;v2\n",
        "voter_id;age\nv1;1\n",
        "voter_id;vote;vote\nv1;1;2\n",
        "voter_id;vote\n",
        "",
        "\n\nvoter_id;vote\nv1;1\n",
    ],
)
def test_the_fast_reader_reads_as_the_csv_reader(votes: str) -> None:
    # given
    text = HEAD + votes

    # when
    fast, slow = read_both(text)

    # then
    assert fast == slow
    if isinstance(fast, Election) and isinstance(slow, Election):
        assert merged(fast) == merged(slow)
        assert list(fast.ballots) == list(slow.ballots)


@pytest.mark.parametrize(
    ("vote_type", "votes"),
    [
        ("choose-1", "voter_id;vote\nv1;1\nv2;2\n"),
        ("choose-1", "voter_id;vote\nv1;1\nv2;1,2\n"),
        ("cumulative", "voter_id;vote;points\nv1;1,2;3,2\nv2;2;1.5\nv3;1,2;3,2\n"),
        ("cumulative", "voter_id;vote;points\nv1;1,2;3\n"),
        ("cumulative", "voter_id;vote;points\nv1;1,2;\n"),
        ("cumulative", "voter_id;vote;points\nv1;;\nv2;1;2\n"),
        ("cumulative", "voter_id;vote;points\nv1;1;x\n"),
        ("cumulative", "voter_id;vote\nv1;1\n"),
        ("ordinal", "voter_id;vote\nv1;2,1\nv2;1,2\nv3;2,1\n"),
        ("approval", "voter_id;vote;points\nv1;1,2;1,1\nv2;1;\n"),
    ],
)
def test_the_fast_reader_reads_points_and_limits_as_the_csv_reader(
    vote_type: str, votes: str
) -> None:
    # given
    text = HEAD.replace("vote_type;approval", f"vote_type;{vote_type}") + votes

    # when
    fast, slow = read_both(text)

    # then
    assert fast == slow
    if isinstance(fast, Election) and isinstance(slow, Election):
        assert merged(fast) == merged(slow)


CELLS = st.sampled_from(
    [
        *("v1", "v2", "1", "2", "7", "1,2", "2,1", " 1", "1 ", "1,", ",2", "1,,2"),
        *("", " ", "1,1", '"1"', '"1;2"', "\t1", "3", "1.5", "2,3"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["approval", "choose-1", "cumulative"]),
    st.sampled_from(["voter_id;vote", "voter_id;vote;age", "voter_id;vote;points"]),
    st.lists(st.lists(CELLS, min_size=0, max_size=4), max_size=6),
    st.sampled_from(["\n", "\r\n"]),
)
def test_the_fast_reader_agrees_with_the_csv_reader_on_any_rows(
    vote_type: str, header: str, rows: list[list[str]], newline: str
) -> None:
    # given
    text = (
        HEAD.replace("vote_type;approval", f"vote_type;{vote_type}")
        + newline.join([header, *(";".join(row) for row in rows)])
        + newline
    )

    # when
    fast, slow = read_both(text)

    # then
    assert fast == slow
    if isinstance(fast, Election) and isinstance(slow, Election):
        assert merged(fast) == merged(slow)
