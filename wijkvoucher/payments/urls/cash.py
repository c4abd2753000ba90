"""The cash manager's pages (kasbeheerder): overview, budget per wijk, claims and
disputes."""

from django.urls import URLPattern, path

from wijkvoucher.payments.views import cash as views

urlpatterns: list[URLPattern] = [
    path("kas/", views.cash_home, name="cash_home"),
    path(
        "kas/begroting/<slug:neighbourhood_slug>/",
        views.cash_budget,
        name="cash_budget",
    ),
    path("kas/declaraties/", views.cash_claims, name="cash_claims"),
    path("kas/declaraties/<uuid:claim_uuid>/", views.cash_claim, name="cash_claim"),
    path("kas/geschillen/", views.cash_disputes, name="cash_disputes"),
    path(
        "kas/geschillen/<uuid:dispute_uuid>/",
        views.cash_dispute,
        name="cash_dispute",
    ),
]
