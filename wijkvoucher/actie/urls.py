from django.urls import URLPattern, URLResolver, path

from wijkvoucher.actie import views

app_name = "actie"

PLAN = "ambtenaar/plannen/<uuid:initiative_uuid>/actie/"
WIJK = "ambtenaar/actie/wijk/<slug:slug>/"
ASSESSMENT = "ambtenaar/actie/<uuid:assessment_uuid>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("ambtenaar/actie/", views.report, name="report"),
    path(PLAN, views.initiative_actie, name="initiative"),
    path(f"{PLAN}invullen/", views.initiative_actie_new, name="initiative_new"),
    path(WIJK, views.wijk_actie, name="wijk"),
    path(f"{WIJK}invullen/", views.wijk_actie_new, name="wijk_new"),
    path(ASSESSMENT, views.assessment_view, name="assessment"),
    path(f"{ASSESSMENT}pdf/", views.assessment_pdf, name="assessment_pdf"),
]
