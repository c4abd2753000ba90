"""Every write of the regiegroep workspace (docs/architecture.md#inside-an-app)."""

from wijkvoucher.regiegroep.services.advice import advice_record, agenda_item_defer
from wijkvoucher.regiegroep.services.items import (
    agenda_item_open,
    assessment_record,
    conflict_declare,
    vote_cast,
)
from wijkvoucher.regiegroep.services.meetings import (
    agenda_item_add,
    attendance_record,
    meeting_close,
    meeting_open,
    meeting_plan,
    minutes_publish,
    minutes_save,
)

__all__ = [
    "advice_record",
    "agenda_item_add",
    "agenda_item_defer",
    "agenda_item_open",
    "assessment_record",
    "attendance_record",
    "conflict_declare",
    "meeting_close",
    "meeting_open",
    "meeting_plan",
    "minutes_publish",
    "minutes_save",
    "vote_cast",
]
