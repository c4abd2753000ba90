"""The demo's refused requests (content.SECURITY_REFUSALS), counted as the middleware
would count them: the coordinator's security events page has something to show,
including one burst and its message."""

from __future__ import annotations

from wijkvoucher.core.security_events import Refusal, security_event_record
from wijkvoucher.demo import content as c
from wijkvoucher.demo.loader.story import Step


def _security_steps() -> list[Step]:
    steps: list[Step] = []
    for order, spec in enumerate(c.SECURITY_REFUSALS):

        def refuse(spec: c.RefusalSpec = spec) -> None:
            refusal = Refusal(spec.reason, spec.client, 0, 0, spec.method, spec.path)
            for _ in range(spec.times):
                security_event_record(refusal)

        steps.append((spec.days_ago, 50 + order, refuse))
    return steps
