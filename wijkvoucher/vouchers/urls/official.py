"""The official's pages of the vouchers app: issuing vouchers after the award."""

from django.urls import path

from wijkvoucher.vouchers.views import official as views

urlpatterns = [
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/vouchers-uitgeven/",
        views.voucher_issue,
        name="voucher_issue",
    ),
]
