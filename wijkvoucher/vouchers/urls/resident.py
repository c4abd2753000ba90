"""Pages for initiators and co-initiators: their vouchers, movements, disputes,
reimbursements and advances."""

from django.urls import path

from wijkvoucher.vouchers.views import resident as views

urlpatterns = [
    path(
        "mijn-plannen/<uuid:initiative_uuid>/vouchers/",
        views.initiative_vouchers,
        name="initiative_vouchers",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/vouchers/<uuid:voucher_uuid>/",
        views.voucher_detail,
        name="voucher_detail",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/vouchers/<uuid:voucher_uuid>/pdf/",
        views.voucher_pdf,
        name="voucher_pdf",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/vouchers/<uuid:voucher_uuid>/blokkeren/",
        views.voucher_block,
        name="voucher_block",
    ),
    path(
        "mijn-plannen/<uuid:initiative_uuid>/vouchers/<uuid:voucher_uuid>/delen/",
        views.voucher_share,
        name="voucher_share",
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
