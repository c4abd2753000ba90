"""The floor is in the product only with WIJKVOUCHER_BENCH_FLOOR=1, and then its
move and read do what bench/README.md says. Each case runs bench/tests/floor_probe.py
in a fresh process: the settings read the variable once, at start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = Path(__file__).resolve().parent / "floor_probe.py"


def probe(mode: str, tmp_path: Path, **env: str) -> dict[str, Any]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WIJKVOUCHER_BENCH_FLOOR", "DATABASE_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings_test",
        WIJKVOUCHER_SQLITE_PATH=str(tmp_path / "floor.sqlite3"),
        WIJKVOUCHER_HTTPS="0",
        **env,
    )
    done = subprocess.run(
        [sys.executable, str(PROBE), mode],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_without_the_variable_the_floor_is_neither_installed_nor_routed(
    tmp_path: Path,
) -> None:
    # given / when
    found = probe("absent", tmp_path)
    # then
    assert found == {
        "installed": False,
        "/bench/floor/move/": None,
        "/bench/floor/row/": None,
        "/bench/floor/read/": None,
    }


def test_with_the_variable_the_floor_moves_one_cent_once_and_reads_a_row(
    tmp_path: Path,
) -> None:
    # given: two pairs, each paying balance holding one cent
    # when
    found = probe("present", tmp_path, WIJKVOUCHER_BENCH_FLOOR="1")
    # then: the first move takes the only cent of balance 1 to balance 2; every
    # refused move changed nothing
    assert found["statuses"] == {
        "move": 201,
        "move again, source empty": 409,
        "move, no such pair": 409,
        "move, bad pair": 400,
        "move by GET": 405,
        "row": 201,
        "row, bad id": 400,
        "read": 200,
        "read, no such row": 404,
    }
    assert "Balance 1: 1 cents" in found["read"]
    assert found["balances"] == {"1": 0, "2": 1, "3": 1, "4": 0}
    assert found["entries"] == [[1, -1], [2, 1], [3, 0]]
