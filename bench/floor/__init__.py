"""The floor: the least a Django view on this stack can do for a write and a read.

Installed only when ``WIJKVOUCHER_BENCH_FLOOR=1`` (config/settings.py, config/urls.py),
so that ``make bench`` measures it in the same settings, middleware and gunicorn as
the product, and production never has it. bench/README.md explains what it is for.
"""
