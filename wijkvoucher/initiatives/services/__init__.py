"""All writes on initiatives (docs/architecture.md#inside-an-app). Every service runs in one transaction,
locks the initiative it decides on and writes one audit event.

Permissions, kept simple until the views bring the full matrix (docs/roles.md#the-roles):

- the initiator edits their own draft, submits it, answers an information request,
  withdraws before the decision and may cancel after the award;
- a "wijk official" takes every other step: the initiative's contact official, or whoever
  holds the contact-official or coordinator role for its wijk (or for the whole
  municipality). An official never takes the official steps on their own initiative.

E-mails to the initiator and followers come later (via ``transaction.on_commit``)."""

from wijkvoucher.initiatives.services.attachments import (
    attachment_add,
    attachment_remove,
)
from wijkvoucher.initiatives.services.contacts import initiative_contact_change
from wijkvoucher.initiatives.services.deadlines import initiative_extend_decision_term
from wijkvoucher.initiatives.services.drafts import (
    budget_line_add,
    budget_line_remove,
    initiative_create,
    initiative_money_save,
    initiative_update_draft,
    own_contribution_add,
    own_contribution_remove,
)
from wijkvoucher.initiatives.services.execution import initiative_plan_change_apply
from wijkvoucher.initiatives.services.guards import (
    DRAFT_FIELDS,
)
from wijkvoucher.initiatives.services.notices import (
    initiative_notice_of_default_send,
)
from wijkvoucher.initiatives.services.participation import (
    co_initiator_accept,
    co_initiator_decline,
    co_initiator_invite,
    co_initiator_revoke,
)
from wijkvoucher.initiatives.services.sending import initiative_send
from wijkvoucher.initiatives.services.start import (
    initiative_create_with_address,
    initiative_plan_save,
    initiative_point_set,
    initiative_start,
)
from wijkvoucher.initiatives.services.support import (
    support_sign,
    support_sign_with_address,
    support_withdraw,
)
from wijkvoucher.initiatives.services.transitions import (
    initiative_request_information,
    initiative_submit,
    initiative_transition,
    initiative_withdraw,
)

__all__ = [
    "DRAFT_FIELDS",
    "attachment_add",
    "attachment_remove",
    "budget_line_add",
    "budget_line_remove",
    "co_initiator_accept",
    "co_initiator_decline",
    "co_initiator_invite",
    "co_initiator_revoke",
    "initiative_contact_change",
    "initiative_create",
    "initiative_create_with_address",
    "initiative_extend_decision_term",
    "initiative_money_save",
    "initiative_notice_of_default_send",
    "initiative_plan_change_apply",
    "initiative_plan_save",
    "initiative_point_set",
    "initiative_request_information",
    "initiative_send",
    "initiative_start",
    "initiative_submit",
    "initiative_transition",
    "initiative_update_draft",
    "initiative_withdraw",
    "own_contribution_add",
    "own_contribution_remove",
    "support_sign",
    "support_sign_with_address",
    "support_withdraw",
]
