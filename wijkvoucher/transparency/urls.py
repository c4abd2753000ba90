from django.urls import URLPattern, URLResolver, path

from wijkvoucher.transparency import views, views_open_data

app_name = "transparency"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("wijken/<slug:slug>/", views.neighbourhood_detail, name="neighbourhood"),
    path("wijken/<slug:slug>/initiatieven/", views.plan_list_view, name="plans"),
    path(
        "wijken/<slug:slug>/initiatieven/<uuid:initiative_uuid>/",
        views.plan_detail_view,
        name="plan",
    ),
    path("wijken/<slug:slug>/vergaderingen/", views.meeting_list_view, name="meetings"),
    path(
        "wijken/<slug:slug>/vergaderingen/<uuid:meeting_uuid>/besluitenlijst/",
        views.decision_list_view,
        name="decision_list",
    ),
    path("wijken/<slug:slug>/overzicht/", views.quarter_list_view, name="quarters"),
    path(
        "wijken/<slug:slug>/overzicht/<int:year>/<int:quarter>/",
        views.quarter_view,
        name="quarter",
    ),
    path(
        "wijken/<slug:slug>/overzicht/<int:year>/<int:quarter>/csv/",
        views.quarter_csv_view,
        name="quarter_csv",
    ),
    path(
        "open-data/<slug:slug>/",
        views_open_data.open_data_page,
        name="open_data",
    ),
    path(
        "open-data/<slug:slug>/initiatieven.csv",
        views_open_data.open_plans_csv,
        name="open_plans_csv",
    ),
    path(
        "open-data/<slug:slug>/initiatieven.json",
        views_open_data.open_plans_json,
        name="open_plans_json",
    ),
]
