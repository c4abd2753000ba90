from django.urls import URLPattern, URLResolver, path

from wijkvoucher.accounts import views

app_name = "accounts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("inloggen/", views.login, name="login"),
    path("inloggen/verstuurd/", views.login_sent, name="login_sent"),
    path("inloggen/link/", views.login_link, name="login_link"),
    path("inloggen/tweede-stap/", views.otp_verify, name="otp_verify"),
    path("inloggen/tweede-stap/instellen/", views.otp_setup, name="otp_setup"),
    path("uitloggen/", views.logout, name="logout"),
]
