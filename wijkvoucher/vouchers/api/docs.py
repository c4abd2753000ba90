"""The provider API's human-readable documentation page, built from the OpenAPI
schema (the endpoints with their fields), next to the machine-readable schema."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@lru_cache(maxsize=1)
def api_schema() -> dict[str, Any]:
    """The OpenAPI schema, generated once per process."""
    generator = SchemaGenerator()  # type: ignore[no-untyped-call]
    schema: dict[str, Any] = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    return schema


def _fields(schema: dict[str, Any], ref: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not ref or "$ref" not in ref:
        return []
    name = ref["$ref"].rsplit("/", 1)[-1]
    component = schema["components"]["schemas"].get(name, {})
    required = set(component.get("required", []))
    return [
        {
            "name": field,
            "type": spec.get("type", "object"),
            "required": field in required,
            "description": spec.get("description", ""),
        }
        for field, spec in component.get("properties", {}).items()
    ]


def endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for path, operations in schema.get("paths", {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            body = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            headers = [
                p["name"]
                for p in operation.get("parameters", [])
                if p["in"] == "header"
            ]
            rows.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "headers": headers,
                    "fields": _fields(schema, body),
                    "responses": [
                        {"status": status, "description": answer.get("description")}
                        for status, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    return rows


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    """A page of our own (no scripts, no CDN) listing the endpoints of the schema."""
    return render(
        request,
        "vouchers/api_docs.html",
        {"endpoints": endpoints(api_schema()), "schema_url": reverse("api:schema")},
    )
