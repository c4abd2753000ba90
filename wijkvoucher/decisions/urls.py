from django.urls import URLPattern, URLResolver, path

from wijkvoucher.decisions.views import decisions as views
from wijkvoucher.decisions.views import objections

app_name = "decisions"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "beschikkingen/<uuid:decision_uuid>/",
        views.decision_detail,
        name="decision_detail",
    ),
    path(
        "beschikkingen/<uuid:decision_uuid>/pdf/",
        views.decision_pdf_download,
        name="decision_pdf",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/annuleren/",
        views.cancel_own,
        name="cancel_own",
    ),
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/besluit/",
        views.decision_new,
        name="decision_new",
    ),
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/uitvoering/",
        views.start,
        name="execution_start",
    ),
    path(
        "ambtenaar/plannen/<uuid:initiative_uuid>/annuleren/",
        views.cancel_official,
        name="cancel_official",
    ),
    path(
        "ambtenaar/beschikkingen/<uuid:decision_uuid>/bezwaar/",
        objections.objection_new,
        name="objection_new",
    ),
    path("ambtenaar/bezwaren/", objections.objections_list, name="objections"),
    path(
        "ambtenaar/bezwaren/<uuid:objection_uuid>/",
        objections.objection_detail,
        name="objection_detail",
    ),
    path(
        "ambtenaar/bezwaren/<uuid:objection_uuid>/beslissen/",
        objections.objection_decide_view,
        name="objection_decide",
    ),
    path(
        "ambtenaar/bezwaren/<uuid:objection_uuid>/verlengen/",
        objections.objection_extend_view,
        name="objection_extend",
    ),
]
