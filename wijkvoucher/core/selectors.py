"""Read helpers of core: verifying the audit chain."""

from __future__ import annotations

from dataclasses import dataclass

from wijkvoucher.core.models import AuditChainHead, AuditEvent
from wijkvoucher.core.services import audit_hash


@dataclass(frozen=True)
class AuditProblem:
    sequence: int | None
    message: str


def audit_chain_problems(*, batch_size: int = 2000) -> list[AuditProblem]:
    """Walk the chain from the start. Every row must follow its predecessor without
    gaps, and its stored hash must match sha256(previous hash || canonical row)."""
    problems: list[AuditProblem] = []
    previous_hash = "0" * 64
    expected_sequence = 1
    for event in AuditEvent.objects.order_by("sequence").iterator(
        chunk_size=batch_size
    ):
        if event.sequence != expected_sequence:
            problems.append(
                AuditProblem(
                    event.sequence,
                    f"row {event.sequence} follows {expected_sequence - 1}: "
                    "rows are missing",
                )
            )
        if event.previous_hash != previous_hash:
            problems.append(
                AuditProblem(
                    event.sequence,
                    f"row {event.sequence} (id {event.pk}) does not link to the row before it",
                )
            )
        if audit_hash(event.previous_hash, event.canonical()) != event.hash:
            problems.append(
                AuditProblem(
                    event.sequence,
                    f"row {event.sequence} (id {event.pk}, action {event.action}) was "
                    "changed after it was written",
                )
            )
        previous_hash = event.hash
        expected_sequence = event.sequence + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.sequence, head.hash) != (
        expected_sequence - 1,
        previous_hash,
    ):
        problems.append(
            AuditProblem(
                None,
                f"the chain head says row {head.sequence} is the last, "
                f"but the table ends at row {expected_sequence - 1}",
            )
        )
    return problems
