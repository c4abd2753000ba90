"""The vote tally of the wijkraadpleging: pure Python, no Django (docs/pabulib.md#the-rules).

It reads and writes Pabulib ``.pb`` files and runs the rules that real participatory
budgets use: greedy and its no-skip and threshold variants, Amsterdam's
neighbourhood-budget procedure and the Method of Equal Shares with its add-one
completion. The consultation app builds an election with ``make_election``, runs
``run_rule`` and exports the anonymised ballots with ``format_pb``.

    election = make_election(
        [("p1", 600, "Speeltuin"), ("p2", 500, "Bankjes")],
        [["p1"], ["p1", "p2"], ["p2"]],
        budget=1000,
    )
    run_rule(election, "greedy").selected             # ("p1",): most votes, p1 first
    run_rule(election, "equalshares/add1").selected   # ("p2",): cheaper at equal shares
"""

from wijkvoucher.tally.model import (
    Ballot,
    Election,
    Number,
    Project,
    TallyError,
    make_election,
)
from wijkvoucher.tally.pbformat import (
    PabulibError,
    format_pb,
    parse_pb,
    read_pb,
    write_pb,
)
from wijkvoucher.tally.rules import RULES, Outcome, run_rule, tie_break_matters

__all__ = [
    "RULES",
    "Ballot",
    "Election",
    "Number",
    "Outcome",
    "PabulibError",
    "Project",
    "TallyError",
    "format_pb",
    "make_election",
    "parse_pb",
    "read_pb",
    "run_rule",
    "tie_break_matters",
    "write_pb",
]
