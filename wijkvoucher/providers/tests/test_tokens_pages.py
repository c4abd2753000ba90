"""The provider portal's API keys: made and shown once, listed, revoked after a
confirmation."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from collections.abc import Iterator

from django.core.cache import cache
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.providers.models import Provider, ProviderApiToken
from wijkvoucher.providers.services.tokens import token_digest
from wijkvoucher.vouchers.tests.helpers import approved_provider, funded
from wijkvoucher.vouchers.tests.test_provider_portal import _client, _html

pytestmark = pytest.mark.django_db

TOKENS = reverse("providers:provider_tokens")


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    cache.clear()
    with on_day():
        yield
    cache.clear()


@pytest.fixture
def wijk() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


@pytest.fixture
def shop(wijk: Neighbourhood) -> tuple[Provider, User]:
    return approved_provider(wijk)


def test_api_tokens_create_show_once_and_revoke(
    shop: tuple[Provider, User], wijk: Neighbourhood
) -> None:
    _provider, user = shop
    client = _client(user)
    # when a key is made
    response = client.post(TOKENS, {"name": "Kassa 1"})
    # then it is shown once, only its digest is stored
    assert response.status_code == 200
    token = ProviderApiToken.objects.get()
    html = _html(response)
    start = html.index('id="new-key"')
    key = html[start:].split('value="', 1)[1].split('"', 1)[0]
    assert key.startswith(token.prefix)
    assert token.key_digest == token_digest(key)
    assert "no-store" in response["Cache-Control"]
    assert key not in _html(client.get(TOKENS))
    assert key not in str(dict(client.session))
    # and an empty name is refused
    refused = client.post(TOKENS, {"name": ""})
    assert refused.status_code == 200
    assert ProviderApiToken.objects.count() == 1
    # and another provider cannot revoke it
    _, stranger = approved_provider(wijk, name="Ander", kvk_number="11223344")
    revoke_url = reverse(
        "providers:provider_token_revoke", kwargs={"token_id": token.pk}
    )
    assert _client(stranger).post(revoke_url, {"confirm": "on"}).status_code == 404
    assert ProviderApiToken.objects.get(pk=token.pk).revoked_at is None
    # and its own user can, after confirming
    assert client.post(revoke_url, {"confirm": "on"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.revoked_by == user
    # a second revoke changes nothing
    revoked_at = token.revoked_at
    assert client.post(revoke_url, {"confirm": "on"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at == revoked_at


def test_revoking_a_key_asks_for_confirmation_first(
    shop: tuple[Provider, User],
) -> None:
    # given a key in use
    _provider, user = shop
    client = _client(user)
    client.post(TOKENS, {"name": "Kassa 1"})
    token = ProviderApiToken.objects.get()
    revoke_url = reverse(
        "providers:provider_token_revoke", kwargs={"token_id": token.pk}
    )
    # the keys page links to a page that asks first (no form that revokes at once)
    keys = _html(client.get(TOKENS))
    assert f'href="{revoke_url}"' in keys
    assert f'action="{revoke_url}"' not in keys
    page = client.get(revoke_url)
    assert page.status_code == 200
    assert 'name="confirm"' in _html(page)
    audit_before = AuditEvent.objects.count()
    # when sent without ticking the box
    refused = client.post(revoke_url, {})
    # then nothing is revoked and the page says why
    assert refused.status_code == 200
    assert "Tick the box to confirm" in _html(refused)
    token.refresh_from_db()
    assert token.revoked_at is None
    assert AuditEvent.objects.count() == audit_before
    # when confirmed, it is revoked
    assert client.post(revoke_url, {"confirm": "on"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
