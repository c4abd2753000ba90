"""The open data read API (docs/open-data.md), in the same /api/v1/ schema."""
