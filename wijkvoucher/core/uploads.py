"""Uploaded documents, checked by their content (issue #14 point 5).

A PDF counts as one only when a PDF parser (pypdf) opens it and finds at least one
page; its first five bytes alone prove nothing. Downloads are named after the type the
product detected, never after what the uploader called the file."""

from __future__ import annotations

import io
import re
import secrets

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

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


def random_upload_path(folder: str, filename: str) -> str:
    """Where an upload is stored: a random name under ``folder``, never the name the
    uploader gave; only a short alphanumeric suffix of it survives ("bin" else)."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if not suffix.isalnum() or len(suffix) > 5:
        suffix = "bin"
    return f"{folder}/{secrets.token_hex(16)}.{suffix}"


# No script, no frames, no plug-ins: a stored file is shown, never run.
SANDBOX_CSP = (
    "default-src 'none'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; sandbox"
)


def stored_file_response(
    file: FieldFile,
    *,
    content_type: str,
    cache_control: str = "private, no-store",
    filename: str | None = None,
    as_attachment: bool = False,
) -> FileResponse:
    """A stored upload as the answer (404 when the file is gone): the browser may not
    guess its type, may not run it, and caches it only as ``cache_control`` says."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kwargs = {"filename": filename} if filename is not None else {}
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        content_type=content_type or "application/octet-stream",
        **kwargs,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response
