"""Every page of the payments app, in the ``payments`` namespace: the initiators'
claims and disputes, the provider portal's dashboard, the cash manager's pages and the payout batches."""

from django.urls import include, path

from wijkvoucher.payments.urls import cash, payouts, portal, resident

app_name = "payments"

urlpatterns = [
    path("", include(resident.urlpatterns)),
    path("", include(portal.urlpatterns)),
    path("", include(cash.urlpatterns)),
    path("", include(payouts.urlpatterns)),
]
