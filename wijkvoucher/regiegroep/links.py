"""The link to a meeting that messages carry."""

from __future__ import annotations

from django.urls import reverse

from wijkvoucher.regiegroep.models import Meeting


def meeting_url(meeting: Meeting) -> str:
    return reverse("regiegroep:meeting", kwargs={"meeting_uuid": meeting.uuid})
