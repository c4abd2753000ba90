from django.contrib import admin
from django.urls import include, path

from wijkvoucher.core import views as core_views

admin.site.site_header = "wijkvoucher – beheer"
admin.site.site_title = "wijkvoucher"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("", include("wijkvoucher.core.urls")),
    path("", include("wijkvoucher.accounts.urls")),
    path("", include("wijkvoucher.neighbourhoods.urls")),
    path("", include("wijkvoucher.work.urls_inbox")),
    path("", include("wijkvoucher.initiatives.urls")),
    path("", include("wijkvoucher.regiegroep.urls")),
    path("", include("wijkvoucher.decisions.urls")),
    path("", include("wijkvoucher.vouchers.urls")),
    path("api/v1/", include("wijkvoucher.vouchers.api.urls")),
    path("", include("wijkvoucher.work.urls")),
    path("", include("wijkvoucher.transparency.urls")),
    # The demo pages answer 404 unless WIJKVOUCHER_DEMO is set.
    path("demo/", include("wijkvoucher.demo.urls")),
]

handler404 = core_views.page_not_found
handler500 = core_views.server_error
