"""The provider portal's dashboard."""

from django.urls import path

from wijkvoucher.payments.views import portal as views

urlpatterns = [
    path("aanbieder/", views.provider_home, name="provider_home"),
]
