from django.urls import URLPattern, URLResolver, path

from wijkvoucher.participation import views

app_name = "participation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("mijn-profiel/meedoen/", views.mine, name="mine"),
    path("mijn-profiel/meedoen/intrekken/", views.withdraw, name="withdraw"),
    path("ambtenaar/meedoen/", views.report, name="report"),
]
