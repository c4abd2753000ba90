from django.urls import path

from wijkvoucher.core import views

app_name = "core"

urlpatterns = [
    # Health check for the proxy and the monitoring (docs/deployment.md#monitoring).
    path("gezond/", views.health, name="health"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
]
