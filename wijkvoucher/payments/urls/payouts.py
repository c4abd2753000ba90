"""Pages of the cash manager for payout batches (docs/adr/0009)."""

from django.urls import path

from wijkvoucher.payments.views import payouts as views

urlpatterns = [
    path("kas/uitbetalingen/", views.cash_payouts, name="cash_payouts"),
    path(
        "kas/uitbetalingen/nieuw/",
        views.cash_payout_prepare,
        name="cash_payout_prepare",
    ),
    path(
        "kas/uitbetalingen/<uuid:batch_uuid>/",
        views.cash_payout,
        name="cash_payout",
    ),
    path(
        "kas/uitbetalingen/<uuid:batch_uuid>/goedkeuren/",
        views.cash_payout_approve,
        name="cash_payout_approve",
    ),
    path(
        "kas/uitbetalingen/<uuid:batch_uuid>/sepa.xml",
        views.cash_payout_sepa,
        name="cash_payout_sepa",
    ),
    path(
        "kas/uitbetalingen/<uuid:batch_uuid>/csv/",
        views.cash_payout_csv,
        name="cash_payout_csv",
    ),
    path(
        "kas/uitbetalingen/<uuid:batch_uuid>/betaald/",
        views.cash_payout_paid,
        name="cash_payout_paid",
    ),
    path(
        "kas/uitbetalingen/<uuid:batch_uuid>/niet-uitbetaald/",
        views.cash_payout_failed,
        name="cash_payout_failed",
    ),
    path(
        "kas/uitbetalingen/<uuid:batch_uuid>/annuleren/",
        views.cash_payout_cancel,
        name="cash_payout_cancel",
    ),
]
