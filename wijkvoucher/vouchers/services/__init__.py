"""Writes of the vouchers app, one module per area; import from the module itself
(``wijkvoucher.vouchers.services.redemption``)."""
