"""Every page of the vouchers app, in the ``vouchers`` namespace; one module per
audience."""

from django.urls import include, path

from wijkvoucher.vouchers.urls import official, portal, resident

app_name = "vouchers"

urlpatterns = [
    path("", include(resident.urlpatterns)),
    path("", include(official.urlpatterns)),
    path("", include(portal.urlpatterns)),
]
