"""The organisers' pages of a wijkraadpleging, under "Mijn werk"."""

from django.urls import URLPattern, URLResolver, path

from wijkvoucher.consultations.views import manage, photos, results, roll, voting

app_name = "consultations_manage"

ROOT = "mijn-werk/raadplegingen/"
ONE = f"{ROOT}<uuid:consultation_uuid>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(ROOT, manage.home, name="home"),
    path(f"{ROOT}wijk/<slug:slug>/nieuw/", manage.create, name="create"),
    path(ONE, manage.detail, name="detail"),
    path(f"{ONE}wijzigen/", manage.edit, name="edit"),
    path(
        f"{ONE}opties/plan-toevoegen/",
        manage.option_add,
        {"which": "plan"},
        name="option_add_plan",
    ),
    path(
        f"{ONE}opties/optie-toevoegen/",
        manage.option_add,
        {"which": "free"},
        name="option_add_free",
    ),
    path(
        f"{ONE}opties/<int:option_id>/foto/",
        photos.option_photo,
        name="option_photo",
    ),
    path(
        f"{ONE}opties/<int:option_id>/foto/bestand/",
        photos.option_photo_file,
        name="option_photo_file",
    ),
    path(
        f"{ONE}opties/<int:option_id>/verwijderen/",
        manage.option_remove,
        name="option_remove",
    ),
    path(f"{ONE}publiceren/", manage.publish, name="publish"),
    path(f"{ONE}annuleren/", manage.cancel, name="cancel"),
    path(f"{ONE}kiezerslijst/", roll.roll, name="roll"),
    path(f"{ONE}nieuwe-brief/", roll.replace_letter, name="replace_letter"),
    path(f"{ONE}stemhulp/", voting.assisted, name="assisted"),
    path(f"{ONE}papieren-stembiljetten/", voting.paper, name="paper"),
    path(f"{ONE}vaststellen/", results.certify, name="certify"),
    path(f"{ONE}verdachte-bronnen/", results.harvest, name="harvest"),
]
