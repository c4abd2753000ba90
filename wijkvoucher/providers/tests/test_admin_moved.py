"""The provider admin moved with its models from the vouchers app (issue #10): the
old addresses lead to the new ones, so coordinators' bookmarks keep working."""

from __future__ import annotations

from django.test import Client

import pytest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/beheer/vouchers/provider/", "/beheer/providers/provider/"),
        (
            "/beheer/vouchers/provider/12/change/?_changelist_filters=q%3Dx",
            "/beheer/providers/provider/12/change/?_changelist_filters=q%3Dx",
        ),
        (
            "/beheer/vouchers/providermembership/add/",
            "/beheer/providers/providermembership/add/",
        ),
    ],
)
def test_old_provider_admin_addresses_redirect_for_good(old: str, new: str) -> None:
    # when
    response = Client().get(old, secure=True)
    # then
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.django_db
def test_other_old_vouchers_admin_addresses_are_not_redirected() -> None:
    # when
    response = Client().get("/beheer/vouchers/voucher/", secure=True)
    # then: no admin of vouchers exists; the admin answers as for any unknown page
    assert response.status_code in (302, 404)
    assert "/beheer/providers/" not in response.get("Location", "")
