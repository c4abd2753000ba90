"""The voter's pages and the public pages of the wijkraadpleging (issue #12)."""

from django.urls import URLPattern, URLResolver, path

from wijkvoucher.consultations.views import ballot, photos, public

app_name = "consultations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("stemmen/", ballot.code_entry, name="vote"),
    path(
        "stemmen/<uuid:consultation_uuid>/stembiljet/",
        ballot.ballot,
        name="ballot",
    ),
    path(
        "stemmen/<uuid:consultation_uuid>/ontvangen/",
        ballot.receipt,
        name="receipt",
    ),
    path(
        "stemmen/<uuid:consultation_uuid>/foto/<int:option_id>/",
        photos.option_photo_public,
        name="option_photo",
    ),
    path(
        "stemmen/<uuid:consultation_uuid>/met-account/",
        ballot.account_start,
        name="account_start",
    ),
    # The QR link of a letter: the code itself (docs/voting.md#codes).
    path("stemmen/<str:code>/", ballot.code_link, name="vote_link"),
    path(
        "wijken/<slug:slug>/raadplegingen/",
        public.consultation_list,
        name="list",
    ),
    path(
        "wijken/<slug:slug>/raadplegingen/<uuid:consultation_uuid>/",
        public.consultation_detail,
        name="detail",
    ),
    path(
        "wijken/<slug:slug>/raadplegingen/<uuid:consultation_uuid>/stembiljetten/",
        public.ballot_list,
        name="ballots",
    ),
    path(
        "wijken/<slug:slug>/raadplegingen/<uuid:consultation_uuid>/stembiljetten/csv/",
        public.ballot_csv,
        name="ballots_csv",
    ),
    path(
        "wijken/<slug:slug>/raadplegingen/<uuid:consultation_uuid>/stembiljetten/pb/",
        public.ballot_pb,
        name="ballots_pb",
    ),
]
