from django.urls import path

from wijkvoucher.demo import views

app_name = "demo"

urlpatterns = [
    path("mailbox/", views.mailbox, name="mailbox"),
    path("mailbox/<int:pk>/", views.message, name="message"),
]
