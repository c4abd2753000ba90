"""Access-matrix rows for the provider portal and the coordinator's provider review
(merged into tests/test_access_matrix.py).

The world's provider is approved here (the world makes it unapproved), so the
provider_user persona is an active member. "own": an object of the world's provider
(or municipality); "other": one of another provider (or municipality). Redemptions
need a whole awarded plan; their own-provider case is tested in
test_provider_portal.py, here an unknown one stands in (the provider user gets 404,
the same answer as for another provider's redemption)."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import uuid
from typing import Any

from django.utils import timezone

from tests.access_world import World
from tests.test_access_matrix import Route, everyone
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.neighbourhoods.tests.factories import MunicipalityFactory
from wijkvoucher.providers.models import Provider, ProviderApiToken


def _world_provider(w: World) -> Provider:
    provider = Provider.objects.get(municipality=w.wijk.municipality, name="Bouwmarkt")
    if provider.approved_at is None:
        provider.approved_at = timezone.now()
        provider.save(update_fields=["approved_at"])
    return provider


def _approved(w: World) -> dict[str, Any]:
    _world_provider(w)
    return {}


def _review_own(w: World) -> dict[str, Any]:
    _world_provider(w)
    waiting = Provider.objects.create(municipality=w.wijk.municipality, name="Nieuw")
    return {"provider_uuid": waiting.uuid}


def _review_other(w: World) -> dict[str, Any]:
    _world_provider(w)
    elsewhere = Provider.objects.create(
        municipality=MunicipalityFactory(slug="elders"), name="Elders"
    )
    return {"provider_uuid": elsewhere.uuid}


def _application_own(w: World) -> dict[str, Any]:
    """An application the world's resident sent."""
    _world_provider(w)
    sent = Provider.objects.create(
        municipality=w.wijk.municipality,
        name="Aanvraag",
        registered_by=w.users["resident"],
    )
    return {"provider_uuid": sent.uuid}


def _application_other(w: World) -> dict[str, Any]:
    """An application someone else sent."""
    _world_provider(w)
    sent = Provider.objects.create(
        municipality=w.wijk.municipality, name="Andermans", registered_by=UserFactory()
    )
    return {"provider_uuid": sent.uuid}


def _redemption_unknown(w: World) -> dict[str, Any]:
    _world_provider(w)
    return {"redemption_uuid": uuid.uuid4()}


def _token(provider: Provider) -> ProviderApiToken:
    return ProviderApiToken.objects.create(
        provider=provider,
        name="Kassa",
        prefix="wv_abcdefg",
        key_digest=uuid.uuid4().hex,
        created_by=UserFactory(),
    )


def _token_own(w: World) -> dict[str, Any]:
    return {"token_id": _token(_world_provider(w)).pk}


def _token_other(w: World) -> dict[str, Any]:
    _world_provider(w)
    other = Provider.objects.create(
        municipality=w.wijk.municipality,
        name="Ander",
        approved_at=timezone.now(),
    )
    return {"token_id": _token(other).pk}


# Portal pages: only an active member of an approved provider (after the second
# factor); a person without a membership is refused before the second-factor step.
MEMBERS_ONLY = everyone("forbidden", anonymous="login", provider_user="ok")
# The coordinator's review: coordinators of the municipality.
COORDINATORS_ONLY = everyone("forbidden", anonymous="login", coordinator="ok")

ROUTES: dict[str, Route] = {
    # Everyone signed in: members see their dashboard, others how to sign up.
    "payments:provider_home": Route(
        expect={"-": everyone("ok", anonymous="login")}, kwargs={"-": _approved}
    ),
    # Any signed-in person may sign up a business (no second factor needed).
    "providers:provider_register": Route(
        expect={"-": everyone("ok", anonymous="login")}, kwargs={"-": _approved}
    ),
    # The applicant's own application: only they see it (no second factor yet).
    "providers:provider_application": Route(
        expect={
            "own": everyone("missing", anonymous="login", resident="ok"),
            "other": everyone("missing", anonymous="login"),
        },
        kwargs={"own": _application_own, "other": _application_other},
    ),
    "providers:providers_review": Route(
        expect={"-": COORDINATORS_ONLY}, kwargs={"-": _approved}
    ),
    "providers:provider_review": Route(
        expect={
            "own": COORDINATORS_ONLY,
            "other": {**COORDINATORS_ONLY, "coordinator": "missing"},
        },
        kwargs={"own": _review_own, "other": _review_other},
    ),
    "vouchers:provider_redeem": Route(
        expect={"-": MEMBERS_ONLY}, kwargs={"-": _approved}
    ),
    "vouchers:provider_redemptions": Route(
        expect={"-": MEMBERS_ONLY}, kwargs={"-": _approved}
    ),
    "vouchers:provider_redemption": Route(
        expect={"other": {**MEMBERS_ONLY, "provider_user": "missing"}},
        kwargs={"other": _redemption_unknown},
    ),
    "vouchers:provider_refund": Route(
        method="post",
        expect={"other": {**MEMBERS_ONLY, "provider_user": "missing"}},
        kwargs={"other": _redemption_unknown},
    ),
    "providers:provider_tokens": Route(
        expect={"-": MEMBERS_ONLY}, kwargs={"-": _approved}
    ),
    # The confirmation page; revoking itself is a POST with the box ticked.
    "providers:provider_token_revoke": Route(
        expect={
            "own": MEMBERS_ONLY,
            "other": {**MEMBERS_ONLY, "provider_user": "missing"},
        },
        kwargs={"own": _token_own, "other": _token_other},
    ),
}
