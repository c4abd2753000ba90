from django.urls import URLPattern, URLResolver, path

from wijkvoucher.initiatives.views import participation, wizard
from wijkvoucher.initiatives.views import resident as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("mijn-plannen/", views.my_plans, name="my_plans"),
    path("mijn-plannen/nieuw/", wizard.plan_start, name="plan_start"),
    path("mijn-plannen/<uuid:initiative_uuid>/", views.plan_detail, name="plan_detail"),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/stap/<int:step>/",
        wizard.plan_step,
        name="plan_step",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/indienen/",
        wizard.plan_submit,
        name="plan_submit",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/intrekken/",
        views.plan_withdraw,
        name="plan_withdraw",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/mede-initiatiefnemers/",
        views.co_initiator_invite_view,
        name="co_initiator_invite",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/mede-initiatiefnemers/<int:co_initiator_id>/intrekken/",
        views.co_initiator_revoke_view,
        name="co_initiator_revoke",
    ),
    path(
        "uitnodiging/<str:token>/",
        participation.co_initiator_invitation,
        name="co_initiator_invitation",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/bestanden/",
        participation.plan_files,
        name="plan_files",
    ),
    path(
        "plannen/<uuid:initiative_uuid>/bestanden/<int:attachment_id>/",
        participation.attachment_download,
        name="attachment_download",
    ),
    path(
        "plannen/<uuid:initiative_uuid>/steunen/",
        participation.support_page,
        name="support_page",
    ),
    path(
        "plannen/<uuid:initiative_uuid>/steunen/intrekken/",
        participation.support_withdraw_view,
        name="support_withdraw",
    ),
]
