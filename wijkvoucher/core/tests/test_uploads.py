"""A PDF is what a PDF parser opens; downloads are named after the detected type."""

from __future__ import annotations

import pytest

from wijkvoucher.core.tests.files import minimal_pdf
from wijkvoucher.core.uploads import download_name, pdf_opens


def test_a_real_pdf_opens() -> None:
    # given a one-page PDF
    data = minimal_pdf()
    # when / then
    assert pdf_opens(data) is True


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%%EOF\n",
        b"%PDF-1.4\n<html><script>alert(1)</script></html>",
        b"<html>%PDF-1.4</html>",
        b"",
    ],
)
def test_magic_bytes_alone_are_no_pdf(data: bytes) -> None:
    # given bytes that only look like a PDF at the start (or not even that)
    # when / then
    assert pdf_opens(data) is False


def test_a_truncated_pdf_is_refused() -> None:
    # given a real PDF cut in half
    data = minimal_pdf()
    # when / then
    assert pdf_opens(data[: len(data) // 2]) is False


@pytest.mark.parametrize(
    ("original", "content_type", "expected"),
    [
        ("offerte.html", "application/pdf", "offerte.pdf"),
        ("foto.svg", "image/png", "foto.png"),
        ("plan.pdf.html", "application/pdf", "plan.pdf.pdf"),
        ("<script>.htm", "image/jpeg", "script.jpg"),
        ("", "image/webp", "bestand.webp"),
        ("lijst", "application/x-unknown", "lijst.bin"),
    ],
)
def test_download_name_takes_the_detected_extension(
    original: str, content_type: str, expected: str
) -> None:
    # given a stored file's original name and detected type
    # when
    name = download_name(original, content_type)
    # then the name ends in the detected type's extension, never .html
    assert name == expected
