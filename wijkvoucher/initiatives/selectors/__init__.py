"""Read selectors of initiatives, one module per subject (see services)."""
