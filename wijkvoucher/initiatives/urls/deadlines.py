"""The deadline pages of the officials. Included from work/urls_inbox.py under the
namespace ``notifications:deadlines``."""

from django.urls import URLPattern, URLResolver, path

from wijkvoucher.initiatives.views import deadlines as views

app_name = "deadlines"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/beslistermijn-verlengen/",
        views.extend_decision_term,
        name="extend_decision_term",
    ),
]
