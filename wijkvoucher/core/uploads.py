"""Uploaded documents, checked by their content (issue #14 point 5).

A PDF counts as one only when a PDF parser (pypdf) opens it and finds at least one
page; its first five bytes alone prove nothing. Downloads are named after the type the
product detected, never after what the uploader called the file."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

PDF_MAGIC = b"%PDF-"
# Extensions by the content types the product stores (photos and PDFs).
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
}


def pdf_opens(data: bytes) -> bool:
    """True when ``data`` is a PDF that pypdf opens, unencrypted, with a page."""
    if not data.startswith(PDF_MAGIC):
        return False
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return False
        return len(reader.pages) > 0
    except Exception:
        return False


def download_name(
    original: str, content_type: str, *, fallback: str = "bestand"
) -> str:
    """``original`` without its own extension, plus the extension of ``content_type``:
    "plan.html" stored as a PDF downloads as "plan.pdf". Only letters, digits, spaces,
    dots, dashes and underscores survive."""
    stem = original.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = re.sub(r"[^\w .-]+", "", stem).strip(" .") or fallback
    return f"{stem[:100]}.{EXTENSIONS.get(content_type, 'bin')}"
