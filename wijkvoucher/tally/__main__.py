"""``python -m wijkvoucher.tally [--rule RULE] FILE.pb``: the outcome as JSON.

Without ``--rule`` the rule the file's META records is used. A file or a rule the
tally cannot count gives one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from wijkvoucher.tally.model import Number, TallyError
from wijkvoucher.tally.pbformat import read_pb
from wijkvoucher.tally.rules import RULES, run_rule
from wijkvoucher.tally.support import SUPPORT_AUTO, SUPPORT_SOURCES

UNREADABLE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(UNREADABLE, f"tally: {message}\n")


def _json_number(value: Number) -> int | float:
    return value if isinstance(value, int) else float(value)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="python -m wijkvoucher.tally",
        description="Count a Pabulib .pb election and print the outcome as JSON.",
    )
    parser.add_argument("file", help="the .pb file")
    parser.add_argument(
        "--rule", help=f"the rule (default: the file's META rule): {', '.join(RULES)}"
    )
    parser.add_argument(
        "--support",
        default=SUPPORT_AUTO,
        choices=SUPPORT_SOURCES,
        help="what greedy rules rank by: the file's votes/score column where every "
        "project has one (auto, the default), or the count of the ballots",
    )
    args = parser.parse_args(argv)
    try:
        election = read_pb(args.file)
        outcome = run_rule(election, args.rule, support_source=args.support)
    except TallyError as exc:
        sys.stderr.write(f"tally: {args.file}: {exc}\n")
        return UNREADABLE
    result = {
        "rule": outcome.rule,
        "selected": list(outcome.selected),
        "cost": _json_number(outcome.cost),
        "budget": _json_number(outcome.budget),
    }
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
