from django.urls import URLPattern, URLResolver, path

from wijkvoucher.work import views

app_name = "work"

urlpatterns: list[URLPattern | URLResolver] = [
    path("mijn-werk/", views.home, name="home"),
    path("mijn-werk/beveiliging/", views.security_events, name="security_events"),
]
