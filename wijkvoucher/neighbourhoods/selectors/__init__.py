"""Read selectors of neighbourhoods, one module per subject (see services)."""
