from django.urls import path

from wijkvoucher.core import views

app_name = "core"

urlpatterns = [
    # Health check for the proxy and the monitoring (docs/deployment.md#monitoring).
    path("gezond/", views.health, name="health"),
    # Where to report a vulnerability (RFC 9116).
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
]
