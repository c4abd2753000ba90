"""Pages for initiators and co-initiators: their vouchers and the movements on
them."""

from django.urls import path

from wijkvoucher.vouchers.views import resident as views

urlpatterns = [
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
]
