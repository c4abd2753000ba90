"""Benchmarks of wijkvoucher on PostgreSQL (bench/README.md): ``make bench``."""
