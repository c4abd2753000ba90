from django.urls import URLPattern, URLResolver, path

from wijkvoucher.regiegroep.views import items
from wijkvoucher.regiegroep.views import meetings as views

app_name = "regiegroep"

MEETING = "regiegroep/vergaderingen/<uuid:meeting_uuid>/"
ITEM = "regiegroep/agendapunten/<uuid:item_uuid>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("regiegroep/", views.home, name="home"),
    path(
        "regiegroep/<slug:slug>/samenstelling/",
        views.composition_view,
        name="composition",
    ),
    path(
        "regiegroep/<slug:slug>/vergadering-plannen/",
        views.meeting_create,
        name="meeting_create",
    ),
    path(MEETING, views.meeting_view, name="meeting"),
    path(f"{MEETING}agenda/", views.agenda_add, name="agenda_add"),
    path(f"{MEETING}aanwezigheid/", views.attendance, name="attendance"),
    path(f"{MEETING}openen/", views.meeting_start, name="meeting_open"),
    path(f"{MEETING}sluiten/", views.meeting_end, name="meeting_close"),
    path(f"{MEETING}notulen/", views.minutes, name="minutes"),
    path(
        f"{MEETING}notulen/publiceren/",
        views.minutes_publish_view,
        name="minutes_publish",
    ),
    path(f"{ITEM}belang/", items.item_declare, name="item_declare"),
    path(f"{ITEM}oordeel/", items.item_assess, name="item_assess"),
    path(f"{ITEM}stemmen/", items.item_vote, name="item_vote"),
    path(f"{ITEM}bespreken/", items.item_open, name="item_open"),
    path(f"{ITEM}advies/", items.item_advice, name="item_advice"),
    path(f"{ITEM}aanhouden/", items.item_defer, name="item_defer"),
]
