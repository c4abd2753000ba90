from django.urls import path

from wijkvoucher.neighbourhoods import views

app_name = "neighbourhoods"

urlpatterns = [
    path(
        "gemeente/<slug:slug>/logo/",
        views.municipality_logo_view,
        name="municipality_logo",
    ),
    path("mijn-profiel/", views.profile, name="profile"),
    path("mijn-profiel/gegevens/", views.profile_edit, name="profile_edit"),
    path("mijn-profiel/adres-toevoegen/", views.address_add_view, name="address_add"),
    path(
        "mijn-profiel/adres/<int:pk>/verwijderen/",
        views.address_remove_view,
        name="address_remove",
    ),
    path("ambtenaar/bewoners/", views.residents_list, name="residents_list"),
    path(
        "ambtenaar/adressen/<int:pk>/bevestigen/",
        views.address_confirm_view,
        name="address_confirm",
    ),
    path(
        "ambtenaar/bewoners/aanmelden/",
        views.assisted_intake,
        name="assisted_intake",
    ),
    path(
        "ambtenaar/bewoners/aanmelden/<uuid:resident_uuid>/klaar/",
        views.assisted_intake_done,
        name="assisted_intake_done",
    ),
]
