"""Pages for initiators and co-initiators: the plan's money (its vouchers and every
movement on them), disputing a payment, their reimbursements and advances."""

from django.urls import path

from wijkvoucher.payments.views import money
from wijkvoucher.payments.views import resident as views

urlpatterns = [
    path(
        "mijn-plannen/<uuid:initiative_uuid>/vouchers/",
        money.initiative_vouchers,
        name="initiative_vouchers",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/vouchers/<uuid:voucher_uuid>/",
        money.voucher_detail,
        name="voucher_detail",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/betalingen/<uuid:redemption_uuid>/betwisten/",
        views.redemption_dispute,
        name="redemption_dispute",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/declaraties/nieuw/",
        views.claim_create,
        name="claim_create",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/declaraties/<uuid:claim_uuid>/",
        views.claim_detail,
        name="claim_detail",
    ),
    path(
        "declaraties/<uuid:claim_uuid>/bonnen/<int:receipt_id>/",
        views.claim_receipt,
        name="claim_receipt",
    ),
]
