"""Pages for providers (aanbieders): signing up, the coordinator's review of
providers, and the portal's API keys; in the ``providers`` namespace."""

from django.urls import path

from wijkvoucher.providers.views import portal, review, tokens

app_name = "providers"

urlpatterns = [
    path(
        "aanbieder/aanmelden/",
        portal.provider_register_view,
        name="provider_register",
    ),
    path(
        "aanbieder/aanmelding/<uuid:provider_uuid>/",
        portal.provider_application,
        name="provider_application",
    ),
    path("aanbieders/beoordelen/", review.providers_review, name="providers_review"),
    path(
        "aanbieders/beoordelen/<uuid:provider_uuid>/",
        review.provider_review,
        name="provider_review",
    ),
    path("aanbieder/api-sleutels/", tokens.provider_tokens, name="provider_tokens"),
    path(
        "aanbieder/api-sleutels/<int:token_id>/intrekken/",
        tokens.provider_token_revoke,
        name="provider_token_revoke",
    ),
]
