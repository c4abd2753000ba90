"""The link to a plan's voucher page that messages carry. Services put it in
notifications; it reads nothing but the row. (The page itself is served by the
payments app, which shows the vouchers with their movements and claims.)"""

from __future__ import annotations

from django.urls import reverse

from wijkvoucher.initiatives.models import Initiative


def vouchers_url(initiative: Initiative) -> str:
    return reverse(
        "payments:initiative_vouchers", kwargs={"initiative_uuid": initiative.uuid}
    )
