"""Run the same call from many threads at the same moment (docs/quality.md#concurrency-and-model-based-tests): a
barrier releases them together, each thread uses its own database connection and
closes it at the end."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import connection

T = TypeVar("T")

BARRIER_TIMEOUT_SECONDS = 60
JOIN_TIMEOUT_SECONDS = 180


def run_together(work: Callable[[T], object], arguments: Sequence[T]) -> Counter[str]:
    """Call ``work(argument)`` in one thread per argument, all released at once.
    Returns how often each outcome happened: ``"ok"``, a ValidationError's code, or
    the repr of any other exception (which a test should never see)."""
    barrier = threading.Barrier(len(arguments), timeout=BARRIER_TIMEOUT_SECONDS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(argument: T) -> None:
        try:
            barrier.wait()
            work(argument)
            outcome = "ok"
        except ValidationError as exc:
            outcome = str(exc.code)
        except Exception as exc:  # reported as an outcome
            outcome = repr(exc)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT_SECONDS)
    assert not any(t.is_alive() for t in threads), "threads did not finish in time"
    return Counter(outcomes)
