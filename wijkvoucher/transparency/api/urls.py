"""The open data read API, mounted at ``/api/v1/`` next to the provider API (one
OpenAPI schema, ``api:schema``)."""

from django.urls import URLPattern, path

from wijkvoucher.transparency.api import views

app_name = "open_api"
urlpatterns: list[URLPattern] = [
    path("wijken/", views.WijkenView.as_view(), name="wijken"),
    path("wijken/<slug:slug>/", views.WijkView.as_view(), name="wijk"),
    path("budget-periods/", views.BudgetPeriodsView.as_view(), name="budget_periods"),
    path(
        "budget-periods/<uuid:period_uuid>/",
        views.BudgetPeriodView.as_view(),
        name="budget_period",
    ),
    path("initiatives/", views.InitiativesView.as_view(), name="initiatives"),
    path(
        "initiatives/<uuid:initiative_uuid>/",
        views.InitiativeView.as_view(),
        name="initiative",
    ),
    path("consultations/", views.ConsultationsView.as_view(), name="consultations"),
    path(
        "consultations/<uuid:consultation_uuid>/",
        views.ConsultationView.as_view(),
        name="consultation",
    ),
]
