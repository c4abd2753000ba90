"""Small real files for upload tests."""

from __future__ import annotations

import io

from pypdf import PdfWriter


def minimal_pdf() -> bytes:
    """A one-page PDF that a PDF parser opens (core.uploads.pdf_opens)."""
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
