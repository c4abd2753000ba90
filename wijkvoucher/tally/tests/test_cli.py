"""``python -m wijkvoucher.tally``: JSON out, or one line on stderr and exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wijkvoucher.tally.__main__ import main
from wijkvoucher.tally.tests.test_pbformat import SMALL


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "election.pb"
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    return path


def test_the_command_prints_the_outcome_of_the_recorded_rule(tmp_path: Path) -> None:
    # given
    path = write(tmp_path, SMALL)

    # when
    done = subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "wijkvoucher.tally", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )

    # then
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "rule": "greedy",
        "selected": ["1"],
        "cost": 600,
        "budget": 1000,
    }
    assert done.stderr == ""


def test_the_rule_can_be_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    path = write(tmp_path, SMALL)

    # when
    status = main(["--rule", "equalshares/add1", str(path)])

    # then
    assert status == 0
    assert json.loads(capsys.readouterr().out) == {
        "rule": "equalshares/add1",
        "selected": ["2"],
        "cost": 500,
        "budget": 1000,
    }


def test_decimal_money_is_printed_as_a_decimal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    path = write(tmp_path, SMALL.replace("budget;1000", "budget;1000,5"))

    # when
    main([str(path)])

    # then
    assert json.loads(capsys.readouterr().out)["budget"] == 1000.5


CUMULATIVE = SMALL.replace("approval", "cumulative").replace(
    "voter_id;vote;age\nv1;1;34\nv2;1,2;\nv3;2;71\n", "voter_id;vote;points\nv1;1;3\n"
)


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["missing.pb"], None, "cannot read"),
        (["--rule", "borda"], SMALL, "unknown rule 'borda'"),
        ([], SMALL.replace("budget;1000\n", ""), "META has no budget"),
        ([], SMALL.replace("v3;2;71", "v3;9;71"), "unknown project 9"),
        ([], "", "the file is empty"),
        ([], bytes(range(256)), "binary data"),
        ([], b"\x89PNG\r\n\x1a\n\xff\xd8", "not UTF-8"),
        ([], SMALL.replace("rule;greedy", "rule;unknown"), "unknown rule 'unknown'"),
        ([], SMALL.replace("rule;greedy\n", ""), "records no rule"),
        (["--rule", "equalshares"], CUMULATIVE, "not cumulative"),
        (["--rule", "greedy-threshold"], SMALL, "min_project_score_threshold"),
    ],
)
def test_what_cannot_be_counted_gives_one_line_and_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    content: str | bytes | None,
    message: str,
) -> None:
    # given
    if content is not None:
        args = [*args, str(write(tmp_path, content))]

    # when
    status = main(args)

    # then
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("tally: ")
    assert message in err
    assert "Traceback" not in err


def test_a_bad_option_gives_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # when
    with pytest.raises(SystemExit) as exited:
        main(["--support", "guess", "x.pb"])

    # then
    assert exited.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
