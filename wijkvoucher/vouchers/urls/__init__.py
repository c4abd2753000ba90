"""Every page of the vouchers app, in the ``vouchers`` namespace; one module per
audience."""

from django.urls import include, path

from wijkvoucher.payments.urls import cash as urls_cash
from wijkvoucher.payments.urls import payouts as urls_payouts
from wijkvoucher.providers import urls as urls_provider
from wijkvoucher.vouchers.urls import official as urls_official
from wijkvoucher.vouchers.urls import resident as urls_resident

app_name = "vouchers"

urlpatterns = [
    path("", include(urls_resident.urlpatterns)),
    path("", include(urls_official.urlpatterns)),
    path("", include(urls_provider.urlpatterns)),
    path("", include(urls_cash.urlpatterns)),
    path("", include(urls_payouts.urlpatterns)),
]
