"""Pages for providers (aanbieders): the portal, signing up, and the coordinator's
review of providers."""

from django.urls import path

from wijkvoucher.providers.views import portal as views

urlpatterns = [
    path("aanbieder/", views.provider_home, name="provider_home"),
    path(
        "aanbieder/aanmelden/",
        views.provider_register_view,
        name="provider_register",
    ),
    path(
        "aanbieder/aanmelding/<uuid:provider_uuid>/",
        views.provider_application,
        name="provider_application",
    ),
    path("aanbieders/beoordelen/", views.providers_review, name="providers_review"),
    path(
        "aanbieders/beoordelen/<uuid:provider_uuid>/",
        views.provider_review,
        name="provider_review",
    ),
    path("aanbieder/verzilveren/", views.provider_redeem, name="provider_redeem"),
    path(
        "aanbieder/verzilveringen/",
        views.provider_redemptions,
        name="provider_redemptions",
    ),
    path(
        "aanbieder/verzilveringen/<uuid:redemption_uuid>/",
        views.provider_redemption,
        name="provider_redemption",
    ),
    path(
        "aanbieder/verzilveringen/<uuid:redemption_uuid>/terugboeken/",
        views.provider_refund,
        name="provider_refund",
    ),
    path("aanbieder/api-sleutels/", views.provider_tokens, name="provider_tokens"),
    path(
        "aanbieder/api-sleutels/<int:token_id>/intrekken/",
        views.provider_token_revoke,
        name="provider_token_revoke",
    ),
]
