from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.generic import RedirectView

from wijkvoucher.core import views as core_views

admin.site.site_header = "wijkvoucher – beheer"
admin.site.site_title = "wijkvoucher"

urlpatterns: list[URLPattern | URLResolver] = [
    # The provider API first: a till's request is the busiest write path, and its
    # prefix is nobody else's (docs/adr/0012-hot-path-sql.md).
    path("api/v1/", include("wijkvoucher.vouchers.api.urls")),
    # The open data read API (docs/open-data.md), in the same schema.
    path("api/v1/", include("wijkvoucher.transparency.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The provider admin moved with its models from the vouchers app to providers
    # (issue #10); old bookmarks still arrive.
    re_path(
        r"^beheer/vouchers/(?P<rest>provider(?:membership)?/.*)$",
        RedirectView.as_view(
            url="/beheer/providers/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path("beheer/", admin.site.urls),
    path("", include("wijkvoucher.core.urls")),
    # The public pages early: the most visited, and their paths (the home page and
    # wijken/...) are nobody else's (docs/caching.md).
    path("", include("wijkvoucher.transparency.urls")),
    path("", include("wijkvoucher.accounts.urls")),
    path("", include("wijkvoucher.neighbourhoods.urls")),
    path("", include("wijkvoucher.work.urls_inbox")),
    path("", include("wijkvoucher.initiatives.urls")),
    path("", include("wijkvoucher.regiegroep.urls")),
    path("", include("wijkvoucher.decisions.urls")),
    path("", include("wijkvoucher.participation.urls")),
    path("", include("wijkvoucher.actie.urls")),
    path("", include("wijkvoucher.providers.urls")),
    path("", include("wijkvoucher.vouchers.urls")),
    path("", include("wijkvoucher.payments.urls")),
    path("", include("wijkvoucher.reports.urls")),
    path("", include("wijkvoucher.accountability.urls")),
    path("", include("wijkvoucher.consultations.urls")),
    path("", include("wijkvoucher.consultations.urls_manage")),
    path("", include("wijkvoucher.work.urls")),
    # The demo pages answer 404 unless WIJKVOUCHER_DEMO is set.
    path("demo/", include("wijkvoucher.demo.urls")),
]

# The floor of `make bench` (bench/README.md), only with WIJKVOUCHER_BENCH_FLOOR=1.
if settings.BENCH_FLOOR:
    urlpatterns.append(path("bench/floor/", include("bench.floor.urls")))

handler404 = core_views.page_not_found
handler500 = core_views.server_error
