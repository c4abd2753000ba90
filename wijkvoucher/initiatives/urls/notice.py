from django.urls import URLPattern, URLResolver, path

from wijkvoucher.initiatives.views import notice as views_notice

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "mijn-plannen/<uuid:initiative_uuid>/ingebrekestelling/",
        views_notice.plan_notice_of_default,
        name="plan_notice_of_default",
    ),
]
