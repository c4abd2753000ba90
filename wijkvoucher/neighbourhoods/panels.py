"""A place on the resident's profile page that an app above neighbourhoods fills:
the participation ladder's own step (``participation.panels``), put in by
``wijkvoucher.work.plan_pages`` (the slot pattern of ``core.slots``)."""

from __future__ import annotations

from wijkvoucher.accounts.models import User
from wijkvoucher.core.slots import Slot

# The profile page, after the addresses.
PROFILE: Slot[User] = Slot("neighbourhoods/profile.html: after the addresses")
