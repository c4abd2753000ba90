"""The provider API (docs/api.md, docs/adr/0009): look up a voucher, spend it, give
money back, list what was spent. Views are thin: authenticate (token) → rate limit →
validate → service → JSON. The voucher code travels only in the JSON body."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped,unused-ignore]
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, pagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.providers.models import Provider, ProviderApiToken
from wijkvoucher.vouchers.api import serializers as s
from wijkvoucher.vouchers.api.authentication import ProviderTokenAuthentication
from wijkvoucher.vouchers.api.errors import PayloadTooLarge, json_response, refusal
from wijkvoucher.vouchers.constants import SPENDABLE, Channel, VoucherStatus
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.selectors.api import (
    provider_redemption,
    provider_redemptions_api,
)
from wijkvoucher.vouchers.selectors.resident import voucher_balance_cents
from wijkvoucher.vouchers.services.idempotency import (
    KEY_MISSING,
    IdempotentResult,
    error_payload,
    idempotency_key_valid,
    idempotent_call,
)
from wijkvoucher.vouchers.services.redemption import (
    redemption_create,
    refund_create,
    voucher_for_code,
)

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

# What a writing POST does once its key and body are checked: (HTTP status, body).
ApiWork = Callable[[Provider, "User", dict[str, Any]], tuple[int, dict[str, Any]]]

IDEMPOTENCY_HEADER = "HTTP_IDEMPOTENCY_KEY"
DEFAULT_RATE = "6000/m"


def api_language(request: HttpRequest) -> str:
    """Dutch unless the Accept-Language header prefers English."""
    available = {code for code, _name in settings.LANGUAGES}
    header = str(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    for language, _quality in parse_accept_lang_header(header):
        base = language.split("-")[0].lower()
        if base in available:
            return base
    return str(settings.LANGUAGE_CODE)


def api_rate() -> str:
    return str(getattr(settings, "WIJKVOUCHER_API_RATE", DEFAULT_RATE))


class ApiLanguageView(APIView):  # type: ignore[misc]
    """Answers in the request's language (``api_language``), saying which."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        language = api_language(request)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response


class ProviderApiView(ApiLanguageView):
    """Token authentication, the request's language and a rate limit per token."""

    authentication_classes = [ProviderTokenAuthentication]
    permission_classes = [IsAuthenticated]
    rate_group = "vouchers.api"

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        # Before the key is even looked at: a body no till sends is not read.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.API_MAX_BODY_BYTES:
            raise PayloadTooLarge
        super().initial(request, *args, **kwargs)
        token: ProviderApiToken = request.auth
        limited = is_ratelimited(
            request._request,
            group=self.rate_group,
            key=lambda _group, _request: f"token:{token.pk}",
            rate=api_rate(),
            increment=True,
        )
        if limited:
            raise exceptions.Throttled(wait=60)

    def provider(self, request: Any) -> Provider:
        token: ProviderApiToken = request.auth
        return token.provider

    @staticmethod
    def idempotency_key(request: Any) -> str | None:
        key = request.META.get(IDEMPOTENCY_HEADER)
        return key if idempotency_key_valid(key) else None

    @staticmethod
    def answer(result: IdempotentResult) -> HttpResponse:
        headers = {"Idempotent_Replayed": "true"} if result.replayed else {}
        return json_response(result.status, result.body, **headers)

    def idempotent_post(
        self,
        request: Any,
        request_serializer: type[Any],
        work: ApiWork,
        *,
        joined: bool = False,
    ) -> HttpResponse:
        """A writing POST: the Idempotency-Key first, then the body checked by
        ``request_serializer``; ``work(provider, user, data)`` runs once per key and
        body, a retry gets the first answer again (docs/api.md). ``joined``: see
        ``idempotent_call``."""
        key = self.idempotency_key(request)
        if key is None:
            return key_missing()
        serializer = request_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        provider = self.provider(request)
        user: User = request.user
        return self.answer(
            idempotent_call(
                provider=provider,
                key=key,
                method=request.method,
                path=request.path,
                body=_body(request),
                work=lambda: work(provider, user, data),
                on_refusal=refusal,
                joined=joined,
            )
        )


def key_missing() -> HttpResponse:
    status, payload = error_payload(KEY_MISSING)
    return json_response(status, payload)


def _body(request: Any) -> dict[str, Any]:
    data = request.data
    return dict(data) if isinstance(data, dict) else {}


def voucher_status(voucher: Voucher) -> str:
    """The status a till should see: a spendable voucher past its end date is expired,
    one of a stopped plan is voided (the hourly vouchers_run catches up on the row)."""
    if voucher.status in SPENDABLE:
        if voucher.initiative.status == InitiativeStatus.CANCELLED:
            return str(VoucherStatus.VOIDED)
        if timezone.localdate() > voucher.valid_until:
            return str(VoucherStatus.EXPIRED)
    return str(voucher.status)


def _unknown_redemption() -> ValidationError:
    return ValidationError(
        _("No redemption of yours has this id."), code="unknown_redemption"
    )


def own_redemption(provider: Provider, redemption_id: str) -> Redemption:
    try:
        wanted = uuid.UUID(str(redemption_id))
    except ValueError:
        raise _unknown_redemption() from None
    redemption = provider_redemption(provider=provider, redemption_uuid=wanted)
    if redemption is None:
        raise _unknown_redemption()
    return redemption


ERRORS = OpenApiResponse(s.ErrorAnswer, description="Error: see the code table.")
AUTH_ERRORS: dict[int, OpenApiResponse] = {
    401: OpenApiResponse(s.ErrorAnswer, description="not_authenticated"),
    429: OpenApiResponse(s.ErrorAnswer, description="rate_limited"),
}
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    name="Idempotency-Key",
    type=str,
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "A unique key (1-255 characters, e.g. a UUID) per payment or refund. A retry "
        "with the same key and body gets the first answer again; nothing is done twice."
    ),
)


class VoucherLookupView(ProviderApiView):
    rate_group = "vouchers.api.read"

    @extend_schema(
        operation_id="voucher_lookup",
        summary="Look up a voucher by its code",
        description=(
            "Checks a voucher before spending: what is left and until when. The code "
            "goes in the body, never in the URL. Changes nothing."
        ),
        request=s.LookupRequest,
        responses={
            200: s.VoucherAnswer,
            400: OpenApiResponse(s.ErrorAnswer, description="invalid_request"),
            403: OpenApiResponse(s.ErrorAnswer, description="provider_not_allowed"),
            404: OpenApiResponse(s.ErrorAnswer, description="unknown_voucher"),
            **AUTH_ERRORS,
        },
        tags=["vouchers"],
    )
    def post(self, request: Any) -> HttpResponse:
        serializer = s.LookupRequest(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            voucher = voucher_for_code(
                provider=self.provider(request), code=serializer.validated_data["code"]
            )
        except ValidationError as refused:
            return json_response(*refusal(refused))
        return json_response(
            200,
            s.voucher_answer(
                voucher,
                balance=voucher_balance_cents(voucher),
                status=voucher_status(voucher),
            ),
        )


class RedemptionPagination(pagination.PageNumberPagination):  # type: ignore[misc]
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class RedemptionsView(ProviderApiView):
    @extend_schema(
        operation_id="redemptions_list",
        summary="Your redemptions, newest first",
        description="Pages of 50 (page_size up to 200), with their refunds.",
        parameters=[
            OpenApiParameter("page", int, OpenApiParameter.QUERY),
            OpenApiParameter("page_size", int, OpenApiParameter.QUERY),
        ],
        responses={200: s.RedemptionPage, 404: ERRORS, **AUTH_ERRORS},
        tags=["redemptions"],
    )
    def get(self, request: Any) -> HttpResponse:
        queryset = provider_redemptions_api(provider=self.provider(request))
        paginator = RedemptionPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return json_response(
            200,
            {
                "count": paginator.page.paginator.count,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "results": [s.redemption_answer(r) for r in page],
            },
        )

    @extend_schema(
        operation_id="redemption_create",
        summary="Spend (part of) a voucher",
        description=(
            "Takes `amount_cents` from the voucher and owes it to you. Needs an "
            "Idempotency-Key: a retry with the same key and body returns the first "
            "answer byte for byte (also a refusal) and never pays twice."
        ),
        request=s.RedemptionRequest,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: s.RedemptionCreated,
            400: OpenApiResponse(
                s.ErrorAnswer,
                description="invalid_request, idempotency_key_missing",
            ),
            403: OpenApiResponse(s.ErrorAnswer, description="provider_not_allowed"),
            404: OpenApiResponse(s.ErrorAnswer, description="unknown_voucher"),
            409: OpenApiResponse(
                s.ErrorAnswer,
                description="blocked, voided, expired, insufficient_balance",
            ),
            422: OpenApiResponse(s.ErrorAnswer, description="idempotency_key_reused"),
            **AUTH_ERRORS,
        },
        tags=["redemptions"],
    )
    def post(self, request: Any) -> HttpResponse:
        def work(
            provider: Provider, user: User, data: dict[str, Any]
        ) -> tuple[int, dict[str, Any]]:
            redemption = redemption_create(
                actor=user,
                provider=provider,
                code=data["voucher_code"],
                amount_cents=data["amount_cents"],
                description=data["description"],
                reference=data["reference"],
                channel=Channel.API,
            )
            balance = int(redemption.voucher.account.balance_cents)  # after the spend
            return 201, s.redemption_created(redemption, balance=balance)

        # A spend reads nothing back that it wrote: its writes go as one statement.
        return self.idempotent_post(request, s.RedemptionRequest, work, joined=True)


class RedemptionDetailView(ProviderApiView):
    @extend_schema(
        operation_id="redemption_detail",
        summary="One of your redemptions, with its refunds",
        description="Only redemptions made at your own provider.",
        responses={
            200: s.RedemptionAnswer,
            404: OpenApiResponse(s.ErrorAnswer, description="unknown_redemption"),
            **AUTH_ERRORS,
        },
        tags=["redemptions"],
    )
    def get(self, request: Any, redemption_id: str) -> HttpResponse:
        try:
            redemption = own_redemption(self.provider(request), redemption_id)
        except ValidationError as refused:
            return json_response(*refusal(refused))
        return json_response(200, s.redemption_answer(redemption))


class RefundsView(ProviderApiView):
    @extend_schema(
        operation_id="refund_create",
        summary="Give (part of) a redemption back to the voucher",
        description=(
            "Only your own redemptions, at most what is left of it, while the "
            "voucher can still be spent and before you were paid. Needs an "
            "Idempotency-Key, like spending."
        ),
        request=s.RefundRequest,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: s.RefundCreated,
            400: OpenApiResponse(
                s.ErrorAnswer,
                description="invalid_request, idempotency_key_missing",
            ),
            404: OpenApiResponse(s.ErrorAnswer, description="unknown_redemption"),
            409: OpenApiResponse(
                s.ErrorAnswer,
                description=(
                    "refund_exceeds_redemption, already_paid_out, expired, blocked, "
                    "voided"
                ),
            ),
            422: OpenApiResponse(s.ErrorAnswer, description="idempotency_key_reused"),
            **AUTH_ERRORS,
        },
        tags=["redemptions"],
    )
    def post(self, request: Any, redemption_id: str) -> HttpResponse:
        def work(
            provider: Provider, user: User, data: dict[str, Any]
        ) -> tuple[int, dict[str, Any]]:
            redemption = own_redemption(provider, redemption_id)
            refund = refund_create(
                actor=user,
                redemption=redemption,
                amount_cents=data["amount_cents"],
                reason=data["reason"],
                channel=Channel.API,
                provider=provider,
            )
            redemption.refresh_from_db()
            balance = voucher_balance_cents(redemption.voucher)
            return 201, s.refund_created(refund, redemption, balance=balance)

        return self.idempotent_post(request, s.RefundRequest, work)


# --- Documentation --------------------------------------------------------------------
