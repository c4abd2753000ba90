"""The tally on the 47 real elections of the Pabulib folder: the official outcomes,
and pabutools where it is quick (docs/pabulib.md#what-the-real-elections-showed).

Each file has one row in ``EXPECTED``: the rule the test runs and either
``REPRODUCED`` or the reason why the official outcome is not reproduced; a row that
claims a reason is checked to really differ, so the table cannot go stale. The
official outcome is the projects with ``selected`` 1 (2 and 3 mark projects funded
outside the rule, such as Poznań's 80 % rule), or for five Amsterdam files
``amsterdam_official_outcomes.json``. The heavy pabutools comparisons are in
``bench/tally.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wijkvoucher.tally import Election, parse_pb, read_pb, run_rule
from wijkvoucher.tally.mes import equal_shares_add_one
from wijkvoucher.tally.pbformat import FileBallots

REPO = Path(__file__).resolve().parents[3]


def pabulib_dir() -> Path | None:
    """``WIJKVOUCHER_PABULIB_DIR``, else the folder ``shared/data/pabulib`` beside the
    repository, else ``/work/shared/data/pabulib``: the first that exists."""
    configured = os.environ.get("WIJKVOUCHER_PABULIB_DIR")
    candidates = [Path(configured)] if configured else []
    candidates += [
        REPO.parent / "shared/data/pabulib",
        Path("/work/shared/data/pabulib"),
    ]
    return next((path for path in candidates if path.is_dir()), None)


FOLDER = pabulib_dir()
needs_folder = pytest.mark.skipif(
    FOLDER is None,
    reason="no Pabulib folder: set WIJKVOUCHER_PABULIB_DIR, or put the files in "
    "shared/data/pabulib beside the repository",
)

REPRODUCED = "reproduced"
NO_OFFICIAL = "no official outcome recorded: the tally only has to count it"
UNKNOWN = "rule unknown (META says so); greedy, tried here, is not what the city did"
# file → (rule the test runs, REPRODUCED or why not)
EXPECTED: dict[str, tuple[str, str]] = {
    "France_Toulouse_2019.pb": ("greedy", NO_OFFICIAL),
    "Hungary_Budapest_2022_VIII_Jozsefvaros.pb": ("greedy", UNKNOWN),
    "Hungary_Budapest_2024.pb": ("greedy", UNKNOWN),
    "Hungary_Budapest_2024_VIII_Jozsefvaros.pb": ("greedy", UNKNOWN),
    # Amsterdam's files say greedy; the real rule was Amsterdam's own procedure.
    "Netherlands_Amsterdam_166.pb": ("amsterdam", REPRODUCED),
    "Netherlands_Amsterdam_179.pb": ("amsterdam", REPRODUCED),
    "Netherlands_Amsterdam_212.pb": ("amsterdam", NO_OFFICIAL),
    "Netherlands_Amsterdam_252.pb": ("amsterdam", REPRODUCED),
    "Netherlands_Amsterdam_285.pb": ("amsterdam", NO_OFFICIAL),
    "Netherlands_Amsterdam_287.pb": ("amsterdam", NO_OFFICIAL),
    "Netherlands_Amsterdam_304.pb": ("amsterdam", REPRODUCED),
    "Netherlands_Amsterdam_522.pb": ("amsterdam", REPRODUCED),
    "Netherlands_Assen_2024.pb": ("equalshares/add1", REPRODUCED),
    "Poland_Czestochowa_2024_Czestochowka_-_Parkitka.pb": ("greedy", REPRODUCED),
    "Poland_Czestochowa_2024_Tysiaclecie.pb": ("greedy", REPRODUCED),
    "Poland_Czestochowa_2024_Wyczerpy_-_Aniolow.pb": ("greedy", REPRODUCED),
    "Poland_Gdynia_2020_Chwarzno-Wiczlino__small.pb": ("greedy-no-skip", REPRODUCED),
    "Poland_Gdynia_2020_Chylonia__large.pb": ("greedy-no-skip", REPRODUCED),
    "Poland_Gdynia_2025_Obluze__large.pb": ("greedy-no-skip", REPRODUCED),
    "Poland_Katowice_2020_Zawodzie.pb": ("greedy-threshold", REPRODUCED),
    "Poland_Katowice_2022_Podlesie.pb": ("greedy-threshold", REPRODUCED),
    "Poland_Katowice_2023_Welnowiec_-_Jozefowiec.pb": ("greedy-threshold", REPRODUCED),
    "Poland_Krakow_2020_Nowa_Huta.pb": ("greedy", REPRODUCED),
    "Poland_Krakow_2020_Podgorze_Duchackie.pb": ("greedy", REPRODUCED),
    "Poland_Krakow_2023_Krowodrza.pb": ("greedy", REPRODUCED),
    "Poland_Lodz_2022.pb": ("greedy-threshold", REPRODUCED),
    "Poland_Lodz_2025_Baluty-Centrum.pb": ("greedy-threshold", REPRODUCED),
    # Poznań records greedy-custom: no skipping, and then a project that costs at
    # most 125 % of what is left is funded too (selected 2, outside the rule).
    "Poland_Poznan_2023_1_-_Nowe_Winogrady_Polnoc_Nowe_Winogrady_Poludnie_Nowe_Winogrady_Wschod_Stare_Winogrady.pb": (
        "greedy-no-skip",
        REPRODUCED,
    ),
    "Poland_Poznan_2023_2_-_Kiekrz_Krzyzowniki-Smochowice_Podolany_Strzeszyn.pb": (
        "greedy-no-skip",
        REPRODUCED,
    ),
    "Poland_Poznan_2023_8_-_Chartowo_Rataje_Zegrze.pb": ("greedy-no-skip", REPRODUCED),
    "Poland_Poznan_2024_2_-_Kiekrz_Krzyzowniki-Smochowice_Podolany_Strzeszyn__small.pb": (
        "greedy-no-skip",
        REPRODUCED,
    ),
    "Poland_Poznan_2025_5_-_Grunwald_Polnoc_Grunwald_Poludnie_Stary_Grunwald__small.pb": (
        "greedy-no-skip",
        REPRODUCED,
    ),
    "Poland_Poznan_2026_3_-_Piatkowo_Polnoc_Piatkowo__small.pb": (
        "greedy-no-skip",
        REPRODUCED,
    ),
    "Poland_Swiecie_2023.pb": ("equalshares/add1", REPRODUCED),
    "Poland_Warszawa_2017_Miedzeszyn.pb": ("greedy", REPRODUCED),
    "Poland_Warszawa_2017_Sadul.pb": ("greedy", REPRODUCED),
    "Poland_Warszawa_2018_Wilanow_Obszar_I.pb": ("greedy-threshold", REPRODUCED),
    "Poland_Warszawa_2019_Piaski.pb": ("greedy", REPRODUCED),
    # greedy-exclusive: greedy where some projects exclude each other. The files do
    # not say which; where the exclusion did not bite, greedy gives the outcome.
    "Poland_Warszawa_2022_Bielany.pb": (
        "greedy",
        "greedy-exclusive: projects 201 and 1932 exclude each other (META comment), "
        "which the tally does not model",
    ),
    "Poland_Warszawa_2024_Bielany.pb": ("greedy", REPRODUCED),
    "Poland_Warszawa_2024_Praga-Poludnie.pb": ("greedy", REPRODUCED),
    "Poland_Warszawa_2026_Olszynka_Grochowska_Goclawek.pb": (
        "greedy-threshold",
        REPRODUCED,
    ),
    "Poland_Wroclaw_2015_up_to_150.pb": ("greedy-no-skip", REPRODUCED),
    "Poland_Wroclaw_2016_Rejon_nr_11_250.pb": ("greedy-no-skip", REPRODUCED),
    "Poland_Wroclaw_2016_Rejon_nr_2_250.pb": ("greedy-no-skip", REPRODUCED),
    "Poland_Wroclaw_2018_Rejon_nr_5_750.pb": ("greedy-no-skip", REPRODUCED),
    "Switzerland_Zurich_D10.pb": ("greedy", NO_OFFICIAL),
}


def official(folder: Path, name: str, election: Election) -> set[str] | None:
    """The projects the city funded under its rule, or ``None`` if not recorded."""
    amsterdam = json.loads(
        (folder / "amsterdam_official_outcomes.json").read_text(encoding="utf-8")
    )
    if name in amsterdam:
        return set(amsterdam[name]["selected_1"])
    if not any("selected" in project.fields for project in election.projects):
        return None
    return {p.id for p in election.projects if p.fields.get("selected") == "1"}


@needs_folder
def test_the_table_has_a_row_for_every_file() -> None:
    # given
    assert FOLDER is not None

    # when
    files = {path.name for path in FOLDER.glob("*.pb")}

    # then
    assert files == set(EXPECTED)


@needs_folder
@pytest.mark.parametrize(("name", "row"), sorted(EXPECTED.items()))
def test_the_official_outcome_is_reproduced_or_the_table_says_why(
    name: str, row: tuple[str, str]
) -> None:
    # given
    assert FOLDER is not None
    rule, expected = row
    election = read_pb(FOLDER / name)
    funded = official(FOLDER, name, election)

    # when
    outcome = run_rule(election, rule)

    # then
    assert outcome.cost <= election.budget
    if expected == NO_OFFICIAL:
        assert funded is None
    elif expected == REPRODUCED:
        assert set(outcome.selected) == funded
    else:
        assert funded is not None
        assert set(outcome.selected) != funded, f"now reproduced: {expected}"


# Approval files on which pabutools answers within a second or two; the others are
# compared by bench/tally.py.
QUICK = [
    "Hungary_Budapest_2022_VIII_Jozsefvaros.pb",
    "Netherlands_Amsterdam_179.pb",
    "Netherlands_Amsterdam_522.pb",
    "Netherlands_Assen_2024.pb",
    "Poland_Gdynia_2025_Obluze__large.pb",
    "Poland_Warszawa_2017_Miedzeszyn.pb",
    "Poland_Warszawa_2017_Sadul.pb",
    "Poland_Warszawa_2026_Olszynka_Grochowska_Goclawek.pb",
]


@needs_folder
@pytest.mark.parametrize("name", QUICK)
def test_greedy_and_mes_agree_with_pabutools(name: str) -> None:
    # given
    from wijkvoucher.tally.tests import pabutools_reference as reference

    assert FOLDER is not None
    election = read_pb(FOLDER / name)
    instance, profile = reference.parse(FOLDER / name)
    rules = [reference.GREEDY, reference.MES]
    if "Hungary" not in name:  # forint steps: thousands of add-one runs
        rules.append(reference.MES_ADD1)

    for rule in rules:
        # when
        theirs = reference.count(rule, instance, profile, election.index)
        if rule == reference.GREEDY:
            ours = set(run_rule(election, "greedy", support_source="counted").selected)
        elif rule == reference.MES:
            ours = set(run_rule(election, "equalshares").selected)
        else:
            funded = equal_shares_add_one(
                election, exact_start=True, stop_when_exhaustive=True
            )
            ours = {election.projects[j].id for j in funded}

        # then
        assert ours == theirs, rule


@needs_folder
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_fast_reader_reads_every_real_file_as_the_csv_reader(name: str) -> None:
    # given
    assert FOLDER is not None
    data = (FOLDER / name).read_bytes()

    # when
    fast = parse_pb(data)
    slow = parse_pb(data, fast=False)

    # then
    assert isinstance(fast.ballots, FileBallots)  # no real file needs the csv reader
    assert fast == slow
    assert sorted(fast.groups) == sorted(slow.groups)
