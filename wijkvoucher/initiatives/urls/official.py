from django.urls import URLPattern, URLResolver, path

from wijkvoucher.initiatives.views import official as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("ambtenaar/plannen/", views.worklist, name="worklist"),
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/",
        views.plan,
        name="official_plan",
    ),
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/aanvulling-vragen/",
        views.request_information,
        name="official_request_information",
    ),
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/getoetst/",
        views.mark_checked,
        name="official_mark_checked",
    ),
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/overdragen/",
        views.hand_over,
        name="official_hand_over",
    ),
]
