from django.urls import URLPattern, URLResolver, include, path

from wijkvoucher.work import views_inbox as views

# The inbox keeps the URL names it had in notifications ("notifications:inbox").
app_name = "notifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("berichten/", views.inbox, name="inbox"),
    path("berichten/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("berichten/<int:pk>/", views.open_notification, name="open"),
    # The officials' deadline pages live in initiatives; they keep their URL names
    # ("notifications:deadlines:…") from when the inbox was wired in notifications.
    path("", include("wijkvoucher.initiatives.urls.deadlines")),
]
