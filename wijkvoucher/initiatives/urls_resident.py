from django.urls import URLPattern, URLResolver, path

from wijkvoucher.initiatives import views_resident as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("mijn-plannen/", views.my_plans, name="my_plans"),
    path("mijn-plannen/nieuw/", views.plan_start, name="plan_start"),
    path("mijn-plannen/<uuid:initiative_uuid>/", views.plan_detail, name="plan_detail"),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/stap/<int:step>/",
        views.plan_step,
        name="plan_step",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/indienen/",
        views.plan_submit,
        name="plan_submit",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/intrekken/",
        views.plan_withdraw,
        name="plan_withdraw",
    ),
]
