"""The status machines of the regiegroep's meetings and agenda items, one table each
(``core.workflow``). ``regiegroep.services.transitions`` is the only code that takes
these steps. Review changes to these tables as product decisions."""

from __future__ import annotations

from wijkvoucher.core.workflow import Machine, Step, steps
from wijkvoucher.regiegroep.constants import AgendaItemStatus as I
from wijkvoucher.regiegroep.constants import MeetingStatus as M

MEETING = Machine(
    name="regiegroep.meeting",
    steps=(
        # The chair or secretary opens the meeting on or after its date ...
        Step(M.PLANNED, M.OPEN, "regiegroep.meeting_open"),
        # ... and closes it once every plan on the agenda has an advice or is
        # deferred.
        Step(M.OPEN, M.CLOSED, "regiegroep.meeting_close"),
    ),
)

AGENDA_ITEM = Machine(
    name="regiegroep.agenda_item",
    steps=(
        Step(I.WAITING, I.OPEN, "regiegroep.agenda_item_open"),
        Step(I.OPEN, I.ADVISED, "regiegroep.advice_record"),
        # A plan can be deferred before or during its discussion.
        *steps("regiegroep.agenda_item_defer", (I.WAITING, I.OPEN), I.DEFERRED),
    ),
)
