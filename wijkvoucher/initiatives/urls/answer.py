from django.urls import path

from wijkvoucher.initiatives.views import answer as views_answer

urlpatterns = [
    path(
        "mijn-plannen/<uuid:initiative_uuid>/aanvullen/",
        views_answer.plan_answer,
        name="plan_answer",
    ),
]
