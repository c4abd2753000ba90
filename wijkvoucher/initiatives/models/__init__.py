"""An initiative (aanvraag) with its budget, its own contribution, its status history
and the hand-overs between contact officials (CONTEXT.md).

One module per subject: ``initiative`` (the plan, its budget lines and own
contribution), ``history`` (status changes, hand-overs), ``participation``
(co-initiators, signatures, attachments) and ``deadlines`` (Awb terms)."""

from __future__ import annotations

from wijkvoucher.initiatives.models.deadlines import (
    DecisionTermExtension,
    NoticeOfDefault,
)
from wijkvoucher.initiatives.models.history import ContactHandover, StatusChange
from wijkvoucher.initiatives.models.initiative import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    BudgetLine,
    Initiative,
    OwnContribution,
)
from wijkvoucher.initiatives.models.participation import (
    Attachment,
    CoInitiator,
    SupportSignature,
    attachment_upload_to,
)

__all__ = [
    "LATITUDE_RANGE",
    "LONGITUDE_RANGE",
    "Attachment",
    "BudgetLine",
    "CoInitiator",
    "ContactHandover",
    "DecisionTermExtension",
    "Initiative",
    "NoticeOfDefault",
    "OwnContribution",
    "StatusChange",
    "SupportSignature",
    "attachment_upload_to",
]
