"""A photo of a progress update or report: public with consent, otherwise for the
plan's people and officials only."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_http_methods

from wijkvoucher.accountability.permissions import access_photo, photo_is_public


@require_http_methods(["GET", "HEAD"])
def photo(request: HttpRequest, photo_id: int) -> FileResponse:
    row = access_photo(request, photo_id)
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=row.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        "public, max-age=3600" if photo_is_public(row) else "private, no-store"
    )
    return response
