"""The demo's refused requests (content.SECURITY_REFUSALS), counted as the middleware
would count them: the coordinator's security events page has something to show,
including one burst and its message."""

from __future__ import annotations

from django.core.cache import cache

from wijkvoucher.core.security_events import Refusal, security_event_record
from wijkvoucher.demo import content as c
from wijkvoucher.demo.loader.story import Step


def _forget_counts() -> None:
    """The counts live in the cache first (core.security_events): a cache that
    outlived an earlier demo (tests load it once per module) would start them high."""
    cache.clear()


def _security_steps() -> list[Step]:
    steps: list[Step] = [(c.SECURITY_REFUSALS[0].days_ago, 49, _forget_counts)]
    for order, spec in enumerate(c.SECURITY_REFUSALS):

        def refuse(spec: c.RefusalSpec = spec) -> None:
            refusal = Refusal(spec.reason, spec.client, 0, 0, spec.method, spec.path)
            for _ in range(spec.times):
                security_event_record(refusal)

        steps.append((spec.days_ago, 50 + order, refuse))
    return steps
