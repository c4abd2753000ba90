"""All writes of the wijkraadpleging (docs/voting.md). Every service runs in one
transaction, checks who may act, refuses with a ``ValidationError`` before its first
write (nothing changed) and records one audit event."""

from wijkvoucher.consultations.services.ballots import BallotOrigin, ballot_cast
from wijkvoucher.consultations.services.certify import consultation_certify
from wijkvoucher.consultations.services.consultations import (
    consultation_cancel,
    consultation_create,
    consultation_option_add,
    consultation_option_remove,
    consultation_publish,
)
from wijkvoucher.consultations.services.credentials import (
    account_ballot_cast,
    account_credential_for,
    credential_replace_letter,
    credentials_import,
)
from wijkvoucher.consultations.services.drafts import consultation_update
from wijkvoucher.consultations.services.locations import voting_location_save
from wijkvoucher.consultations.services.paper import PaperOutcome, paper_entry_record
from wijkvoucher.consultations.services.photos import (
    option_photo_remove,
    option_photo_set,
)

__all__ = [
    "BallotOrigin",
    "PaperOutcome",
    "account_ballot_cast",
    "account_credential_for",
    "ballot_cast",
    "consultation_cancel",
    "consultation_certify",
    "consultation_create",
    "consultation_option_add",
    "consultation_option_remove",
    "consultation_publish",
    "consultation_update",
    "credential_replace_letter",
    "credentials_import",
    "option_photo_remove",
    "option_photo_set",
    "paper_entry_record",
    "voting_location_save",
]
