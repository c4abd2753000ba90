"""Every error of the provider API is JSON ``{"code": ..., "detail": ...}`` with a
stable code (docs/api.md has the table); ``detail`` is in the request's language."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _

from rest_framework import exceptions

from wijkvoucher.core.forms import error_text
from wijkvoucher.core.security_events import refusal_note
from wijkvoucher.vouchers.api.parsers import TooDeep
from wijkvoucher.vouchers.services.idempotency import render_json
from wijkvoucher.vouchers.services.redemption import REFUSALS

logger = logging.getLogger(__name__)

# The codes this module adds to REFUSALS and the idempotency codes (docs/api.md).
NOT_AUTHENTICATED = "not_authenticated"
RATE_LIMITED = "rate_limited"
INVALID_REQUEST = "invalid_request"
TOO_LARGE = "too_large"


class PayloadTooLarge(exceptions.APIException):  # type: ignore[misc]
    status_code = 413
    default_code = TOO_LARGE


MESSAGES: dict[str, Any] = {
    NOT_AUTHENTICATED: _(
        "Send a valid API key in the header 'Authorization: Token <key>'."
    ),
    RATE_LIMITED: _("Too many requests with this API key. Wait a moment and retry."),
    INVALID_REQUEST: _("The request is not valid. The fields say what to change."),
    TOO_LARGE: _("The request body is too large."),
    "too_deep": _("The JSON nests too deeply. Send a flat object, as in docs/api.md."),
    "not_json": _("Send the body as JSON with 'Content-Type: application/json'."),
    "method_not_allowed": _("This method is not allowed here."),
    "not_found": _("There is nothing at this address."),
    "permission_denied": _("You may not do this."),
    "server_error": _(
        "Something went wrong on our side. Nothing was changed; try again later "
        "with the same Idempotency-Key."
    ),
}


def json_response(
    status: int, payload: dict[str, Any] | str, **headers: str
) -> HttpResponse:
    body = payload if isinstance(payload, str) else render_json(payload)
    if status >= 400:
        refusal_note(f"api.{_code_of(payload)}")
    response = HttpResponse(body, status=status, content_type="application/json")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _code_of(payload: dict[str, Any] | str) -> str:
    """The error code of an answer (a stored idempotent answer is already text)."""
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except ValueError:
            return "error"
    code = payload.get("code") if isinstance(payload, dict) else None
    return str(code or "error")[:50]


def error_payload(
    code: str, detail: object = None, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "code": code,
        "detail": str(detail if detail is not None else MESSAGES[code]),
    }
    if fields is not None:
        payload["fields"] = fields
    return payload


def error_response(
    status: int,
    code: str,
    detail: object = None,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    return json_response(status, error_payload(code, detail, fields))


def refusal(exc: ValidationError) -> tuple[int, dict[str, Any]]:
    """A service's refusal (a ``ValidationError`` with a code from ``REFUSALS``)."""
    code = str(getattr(exc, "code", None) or INVALID_REQUEST)
    if code not in REFUSALS:
        code = INVALID_REQUEST
    refusal_note(f"api.{code}")  # before error_text's own, more general note
    payload = error_payload(code, error_text(exc))
    if code == INVALID_REQUEST:
        payload["fields"] = {}
    return REFUSALS[code], payload


def _field_messages(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(name): [str(message) for message in _flatten(value)]
            for name, value in detail.items()
        }
    return {"non_field_errors": [str(message) for message in _flatten(detail)]}


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [item for element in value for item in _flatten(element)]
    if isinstance(value, dict):
        return [
            f"{name}: {item}"
            for name, element in value.items()
            for item in _flatten(element)
        ]
    return [value]


def invalid_request(detail: Any) -> HttpResponse:
    return error_response(
        400, INVALID_REQUEST, MESSAGES[INVALID_REQUEST], _field_messages(detail)
    )


def _not_authenticated(exc: Exception) -> HttpResponse:
    detail = (
        MESSAGES[NOT_AUTHENTICATED]
        if isinstance(exc, exceptions.NotAuthenticated)
        else getattr(exc, "detail", None)
    )
    response = error_response(401, NOT_AUTHENTICATED, detail)
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        response["WWW-Authenticate"] = auth_header
    return response


def _rate_limited(exc: Exception) -> HttpResponse:
    response = error_response(429, RATE_LIMITED)
    wait = getattr(exc, "wait", None)
    if wait:
        response["Retry-After"] = str(int(wait))
    return response


def _bad_body(status: int, code: str, message: object) -> Any:
    """A body the API will not read: one WARNING line (no traceback, no body), and
    the answer in the API's error format."""

    def answer(exc: Exception) -> HttpResponse:
        logger.warning(
            "provider API: refused a request body (%s, %s)", code, type(exc).__name__
        )
        if status == 400:
            response = error_response(status, INVALID_REQUEST, message, {})
        else:
            response = error_response(status, code, message)
        # This line is the one: Django's request logger need not add its own.
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response

    return answer


# (exception classes, how to answer), first match wins.
_ANSWERS: list[tuple[tuple[type[Exception], ...], Any]] = [
    (
        (exceptions.NotAuthenticated, exceptions.AuthenticationFailed),
        _not_authenticated,
    ),
    ((exceptions.ValidationError,), lambda exc: invalid_request(exc.detail)),
    (
        (PayloadTooLarge, RequestDataTooBig),
        _bad_body(413, TOO_LARGE, MESSAGES[TOO_LARGE]),
    ),
    ((TooDeep, RecursionError), _bad_body(400, "too_deep", MESSAGES["too_deep"])),
    (
        (exceptions.ParseError, exceptions.UnsupportedMediaType),
        lambda exc: error_response(400, INVALID_REQUEST, MESSAGES["not_json"], {}),
    ),
    (
        (exceptions.MethodNotAllowed,),
        lambda exc: error_response(405, "method_not_allowed"),
    ),
    ((Http404, exceptions.NotFound), lambda exc: error_response(404, "not_found")),
    (
        (PermissionDenied, exceptions.PermissionDenied),
        lambda exc: error_response(403, "permission_denied"),
    ),
    ((exceptions.Throttled,), _rate_limited),
    (
        (exceptions.APIException,),
        lambda exc: error_response(
            int(exc.status_code), str(exc.default_code), str(exc.detail)
        ),
    ),
]


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse:
    """REST framework's exception handler (settings.REST_FRAMEWORK): every error
    becomes JSON; an unexpected one is logged and answered 500 ``server_error``."""
    for classes, answer in _ANSWERS:
        if isinstance(exc, classes):
            response: HttpResponse = answer(exc)
            return response
    logger.exception("Unexpected error in the provider API.", exc_info=exc)
    return error_response(500, "server_error")
