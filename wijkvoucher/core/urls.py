from django.urls import path

from wijkvoucher.core import views

app_name = "core"

urlpatterns = [
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
]
