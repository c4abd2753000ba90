"""The provider API, mounted at ``/api/v1/`` (docs/api.md). No URL carries a voucher
code: codes travel only in JSON bodies."""

from django.urls import URLPattern, path

from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from wijkvoucher.vouchers.api import docs, views

app_name = "api"
urlpatterns: list[URLPattern] = [
    path("vouchers/lookup/", views.VoucherLookupView.as_view(), name="voucher_lookup"),
    path("redemptions/", views.RedemptionsView.as_view(), name="redemptions"),
    path(
        "redemptions/<str:redemption_id>/",
        views.RedemptionDetailView.as_view(),
        name="redemption_detail",
    ),
    path(
        "redemptions/<str:redemption_id>/refunds/",
        views.RefundsView.as_view(),
        name="refunds",
    ),
    path(
        "schema/",
        SpectacularAPIView.as_view(
            authentication_classes=[], permission_classes=[AllowAny]
        ),
        name="schema",
    ),
    path("docs/", docs.api_docs, name="docs"),
]
