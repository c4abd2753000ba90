"""Run by test_floor.py in a fresh process, because the floor is installed when the
process starts or not at all. Prints what it found as JSON.

    python bench/tests/floor_probe.py absent    # without WIJKVOUCHER_BENCH_FLOOR
    python bench/tests/floor_probe.py present   # with it, on an empty SQLite file
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))


def absent() -> dict[str, Any]:
    from django.apps import apps
    from django.urls import Resolver404, resolve

    found: dict[str, Any] = {"installed": apps.is_installed("bench.floor")}
    for path in ("/bench/floor/move/", "/bench/floor/row/", "/bench/floor/read/"):
        try:
            resolve(path)
        except Resolver404:
            found[path] = None
        else:
            found[path] = "resolves"
    return found


def present() -> dict[str, Any]:
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.floor.models import Balance, Entry, balances_seed

    # Exits with status 1 when the models and the migration differ.
    call_command("makemigrations", "bench_floor", check=True, dry_run=True, verbosity=0)
    # The floor's migration depends on no other app: its tables are all it needs.
    call_command("migrate", "bench_floor", verbosity=0)
    setup_test_environment()
    balances_seed(pairs=2, cents=1)
    client = Client()
    read = client.get("/bench/floor/read/?id=1")
    statuses = {
        "move": client.post("/bench/floor/move/?pair=0").status_code,
        "move again, source empty": client.post(
            "/bench/floor/move/?pair=0"
        ).status_code,
        "move, no such pair": client.post("/bench/floor/move/?pair=7").status_code,
        "move, bad pair": client.post("/bench/floor/move/?pair=x").status_code,
        "move by GET": client.get("/bench/floor/move/?pair=1").status_code,
        "row": client.post("/bench/floor/row/?id=3").status_code,
        "row, bad id": client.post("/bench/floor/row/?id=x").status_code,
        "read": read.status_code,
        "read, no such row": client.get("/bench/floor/read/?id=99").status_code,
    }
    return {
        "statuses": statuses,
        "read": read.content.decode(),
        "balances": dict(Balance.objects.values_list("pk", "cents")),
        "entries": list(
            Entry.objects.order_by("pk").values_list("balance_id", "amount_cents")
        ),
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(absent() if sys.argv[1] == "absent" else present()))
