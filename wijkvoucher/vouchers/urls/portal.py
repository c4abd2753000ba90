"""The provider portal's voucher pages: spending a voucher, the
redemptions and their refunds."""

from django.urls import path

from wijkvoucher.vouchers.views import portal as views

urlpatterns = [
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
]
