from django.urls import URLPattern, URLResolver, path

from wijkvoucher.transparency import views

app_name = "transparency"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("wijken/<slug:slug>/", views.neighbourhood_detail, name="neighbourhood"),
]
