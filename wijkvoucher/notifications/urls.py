from django.urls import URLPattern, URLResolver, include, path

from wijkvoucher.notifications import views

app_name = "notifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("berichten/", views.inbox, name="inbox"),
    path("berichten/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("berichten/<int:pk>/", views.open_notification, name="open"),
    # The officials' deadline pages live in initiatives; they are wired in here so
    # that they need no change in files of other teams (see initiatives/urls/deadlines.py).
    path("", include("wijkvoucher.initiatives.urls.deadlines")),
]
