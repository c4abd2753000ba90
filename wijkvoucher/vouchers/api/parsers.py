"""The provider API reads JSON no deeper than ``API_MAX_JSON_DEPTH``: a body of a
thousand nested brackets is a 400 ``invalid_request``, not a recursion error
(docs/api.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class TooDeep(ParseError):  # type: ignore[misc]
    default_code = "too_deep"


def json_depth(value: Any, *, limit: int) -> int:
    """How deep the lists and objects in ``value`` nest (a scalar is 0), counted
    without recursion; stops once past ``limit``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):  # type: ignore[misc]
    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        limit = int(settings.API_MAX_JSON_DEPTH)
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise TooDeep from None
        if json_depth(data, limit=limit) > limit:
            raise TooDeep
        return data
