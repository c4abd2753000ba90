"""A photo of a progress update or report: public with consent, otherwise for the
plan's people and officials only."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_http_methods

from wijkvoucher.accountability.permissions import access_photo, photo_is_public
from wijkvoucher.core.uploads import stored_file_response


@require_http_methods(["GET", "HEAD"])
def photo(request: HttpRequest, photo_id: int) -> FileResponse:
    row = access_photo(request, photo_id)
    return stored_file_response(
        row.file,
        content_type=row.content_type,
        cache_control=(
            "public, max-age=3600" if photo_is_public(row) else "private, no-store"
        ),
    )
