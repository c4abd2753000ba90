"""Every page of the vouchers app, in the ``vouchers`` namespace; one module per
audience."""

from django.urls import include, path

from wijkvoucher.vouchers import (
    urls_cash,
    urls_official,
    urls_payouts,
    urls_provider,
    urls_resident,
)

app_name = "vouchers"

urlpatterns = [
    path("", include(urls_resident.urlpatterns)),
    path("", include(urls_official.urlpatterns)),
    path("", include(urls_provider.urlpatterns)),
    path("", include(urls_cash.urlpatterns)),
    path("", include(urls_payouts.urlpatterns)),
]
