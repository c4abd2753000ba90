"""Uploaded pictures, checked by their content and saved again without metadata.

Used for the photos of a plan and for the municipality's logo: Pillow must recognise
the bytes as one of the allowed formats, the picture may not be a "decompression
bomb", it is turned upright and scaled down, and the saved copy carries no EXIF, GPS
or other metadata."""

from __future__ import annotations

import io
import warnings
from collections.abc import Collection

from django.core.exceptions import ValidationError

from PIL import Image, ImageOps, UnidentifiedImageError


def image_reencode(
    data: bytes,
    *,
    formats: Collection[str],
    max_side: int,
    max_pixels: int,
    refused: ValidationError,
) -> tuple[bytes, str]:
    """The picture in ``data`` saved again in its own format (one of ``formats``,
    Pillow's names such as ``"PNG"``), at most ``max_side`` pixels wide and high.
    Raises ``refused`` for anything else. Returns (bytes, format)."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns about a possible decompression bomb: refuse it.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format or ""
                width, height = probe.size
                probe.verify()
        if image_format not in formats or width * height > max_pixels:
            raise refused
        with Image.open(io.BytesIO(data)) as source:
            # Turn the picture upright before the orientation tag is dropped.
            image = ImageOps.exif_transpose(source)
            image.thumbnail((max_side, max_side))
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            # No exif= and no info: the saved file carries no metadata.
            image.save(out, format=image_format)
    except (
        Image.DecompressionBombWarning,
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    ):
        raise refused from None
    return out.getvalue(), image_format
