"""Read selectors of the public pages, one module per subject."""
