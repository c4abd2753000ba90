"""The JSON API for providers' till systems (docs/api.md, docs/adr/0009)."""
