"""Every page of the accountability app, in the ``accountability`` namespace."""

from django.urls import path

from wijkvoucher.accountability.views import official, photos, resident

app_name = "accountability"

urlpatterns = [
    path(
        "mijn-plannen/<uuid:initiative_uuid>/uitvoering/",
        resident.execution,
        name="execution",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/uitvoering/bericht/",
        resident.update_post,
        name="update_post",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/uitvoering/wijziging/",
        resident.change_request,
        name="change_request",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/verantwoording/",
        resident.report,
        name="report",
    ),
    path("uitvoering/", official.overview, name="overview"),
    path(
        "uitvoering/plannen/<uuid:initiative_uuid>/",
        official.official_execution,
        name="official_execution",
    ),
    path(
        "uitvoering/plannen/<uuid:initiative_uuid>/vaststellen/",
        official.settle,
        name="settle",
    ),
    path(
        "uitvoering/plannen/<uuid:initiative_uuid>/terugvorderen/",
        official.recover,
        name="recover",
    ),
    path(
        "uitvoering/wijzigingen/<uuid:change_uuid>/",
        official.change_decide,
        name="change_decide",
    ),
    path(
        "uitvoering/terugvorderingen/<uuid:recovery_uuid>/betaling/",
        official.recovery_payment,
        name="recovery_payment",
    ),
    path(
        "uitvoering/terugvorderingen/<uuid:recovery_uuid>/kwijtschelden/",
        official.waive,
        name="recovery_waive",
    ),
    path("uitvoering/fotos/<int:photo_id>/", photos.photo, name="photo"),
]
