"""Writes of the decisions app: the beschikking, the budget reservation, the start of
execution, cancellation and objections (issue #3 points 6-9; docs/workflow.md#steps,
docs/awb.md).

Every service runs in one transaction and locks what it decides on: first the
initiative, then (through the ledger) the budget accounts, last the decision counter.
That fixed order keeps concurrent decisions free of deadlocks. Money moves only through
``ledger_transaction_post``: an award moves its amount from the wijk's budget account
to a reservation account of the initiative (``reserved:<initiative uuid>``); the
budget account may not go below zero, so an award beyond the plafond is refused
(Awb 4:25) and, because the whole service is one transaction, nothing changes.

The package: ``beschikking`` (preview and issue) with its ``checks``, ``after_award``
(start of execution, cancellation), ``objections``, and ``guards`` that they share."""

from __future__ import annotations

from wijkvoucher.decisions.services.after_award import (
    execution_start,
    initiative_cancel,
    reservation_release,
)
from wijkvoucher.decisions.services.beschikking import decision_issue, decision_preview
from wijkvoucher.decisions.services.follow_up import decision_issue_follow_up
from wijkvoucher.decisions.services.guards import BINDING_MODES
from wijkvoucher.decisions.services.objections import (
    objection_decide,
    objection_extend,
    objection_register,
)

__all__ = [
    "BINDING_MODES",
    "decision_issue",
    "decision_issue_follow_up",
    "decision_preview",
    "execution_start",
    "initiative_cancel",
    "objection_decide",
    "objection_extend",
    "objection_register",
    "reservation_release",
]
