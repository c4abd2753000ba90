"""The open data read API (docs/open-data.md): wijken, budget periods, plans and
wijkraadplegingen with their certified results. GET only, no authentication, pages of
50 (``page_size`` up to 200), rate limited per client address. Errors as in the
provider API: JSON ``{code, detail}``."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped,unused-ignore]
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, pagination
from rest_framework.permissions import AllowAny

from wijkvoucher.consultations.models import Consultation
from wijkvoucher.core.addresses import client_ip
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.transparency.api import serializers as s
from wijkvoucher.transparency.selectors.open_data import (
    open_budget_periods,
    open_consultation_result,
    open_consultations,
    open_plan,
    open_plans,
    open_wijken,
)
from wijkvoucher.transparency.selectors.plans import PUBLIC_STATUSES
from wijkvoucher.vouchers.api.errors import error_response, json_response
from wijkvoucher.vouchers.api.views import ApiLanguageView

DEFAULT_RATE = "600/m"
RATE_LIMITED_DETAIL = _("Too many requests. Wait a minute and try again.")
ERRORS = {
    404: OpenApiResponse(s.Wijk, description="not_found"),
    429: OpenApiResponse(description="rate_limited"),
}
FILTERS = [
    OpenApiParameter("gemeente", str, OpenApiParameter.QUERY, description="slug"),
    OpenApiParameter("wijk", str, OpenApiParameter.QUERY, description="slug"),
    OpenApiParameter("page", int, OpenApiParameter.QUERY),
    OpenApiParameter("page_size", int, OpenApiParameter.QUERY),
]


def open_api_rate() -> str:
    return str(getattr(settings, "WIJKVOUCHER_OPEN_API_RATE", DEFAULT_RATE))


class OpenPagination(pagination.PageNumberPagination):  # type: ignore[misc]
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


_SLUG = re.compile(r"[-a-zA-Z0-9_]*")


class OpenApiView(ApiLanguageView):
    """Anyone may read; the answers are in Dutch unless Accept-Language prefers
    English; every client address has its own count per minute."""

    authentication_classes: list[type[Any]] = []
    permission_classes = [AllowAny]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if is_ratelimited(
            request._request,
            group="open_api",
            # The client's address, or one shared count when none is known (a
            # request without REMOTE_ADDR, as a test client may send).
            key=lambda _group, req: client_ip(req) or "unknown",
            rate=open_api_rate(),
            increment=True,
        ):
            raise exceptions.Throttled(wait=60)

    def handle_exception(self, exc: Exception) -> Any:
        if isinstance(exc, exceptions.Throttled):
            response = error_response(429, "rate_limited", RATE_LIMITED_DETAIL)
            response["Retry-After"] = "60"
            return response
        return super().handle_exception(exc)

    def wijken(self, request: Any) -> list[Neighbourhood]:
        """The designated wijken, narrowed by ``?gemeente=`` and ``?wijk=``."""
        wijken = open_wijken()
        municipality = request.query_params.get("gemeente")
        wijk = request.query_params.get("wijk")
        # A value that is no slug names no wijk (and a NUL byte would not even
        # reach PostgreSQL's text columns).
        if any(v is not None and not _SLUG.fullmatch(v) for v in (municipality, wijk)):
            return []
        if municipality:
            wijken = wijken.filter(municipality__slug=municipality)
        if wijk:
            wijken = wijken.filter(slug=wijk)
        return list(wijken)

    def page(self, request: Any, items: Sequence[Any] | QuerySet[Any]) -> HttpResponse:
        paginator = OpenPagination()
        rows = paginator.paginate_queryset(items, request, view=self)
        return json_response(
            200,
            {
                "count": paginator.page.paginator.count,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "results": [self.answer(row) for row in rows],
            },
        )

    def answer(self, item: Any) -> dict[str, Any]:
        raise NotImplementedError


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class WijkenView(OpenApiView):
    def answer(self, wijk: Neighbourhood) -> dict[str, Any]:
        return {
            "slug": wijk.slug,
            "name": wijk.name,
            "municipality": wijk.municipality.name,
            "municipality_slug": wijk.municipality.slug,
            "population": wijk.population,
            "designated_from": _iso(wijk.designated_from),
            "designated_until": _iso(wijk.designated_until),
            "url": reverse("transparency:neighbourhood", kwargs={"slug": wijk.slug}),
        }

    @extend_schema(
        operation_id="wijken_list",
        summary="The wijken",
        parameters=FILTERS,
        responses={200: s.page_of(s.Wijk), **ERRORS},
        tags=["open data"],
    )
    def get(self, request: Any) -> HttpResponse:
        return self.page(request, self.wijken(request))


class WijkView(WijkenView):
    @extend_schema(
        operation_id="wijken_detail",
        summary="One wijk",
        responses={200: s.Wijk, **ERRORS},
        tags=["open data"],
    )
    def get(self, request: Any, slug: str) -> HttpResponse:  # type: ignore[override]
        found = list(open_wijken().filter(slug=slug))
        if not found:
            raise Http404
        return json_response(200, self.answer(found[0]))


class BudgetPeriodsView(OpenApiView):
    def answer(self, budget: Any) -> dict[str, Any]:
        period = budget.period
        return {
            "uuid": str(period.uuid),
            "wijk": period.neighbourhood.slug,
            "name": period.name,
            "starts_on": _iso(period.starts_on),
            "ends_on": _iso(period.ends_on),
            "ceiling_cents": budget.ceiling_cents,
            "awarded_cents": budget.awarded_cents,
            "available_cents": budget.available_cents,
        }

    @extend_schema(
        operation_id="budget_periods_list",
        summary="The published budget periods",
        parameters=FILTERS,
        responses={200: s.page_of(s.BudgetPeriod), **ERRORS},
        tags=["open data"],
    )
    def get(self, request: Any) -> HttpResponse:
        return self.page(request, open_budget_periods(wijken=self.wijken(request)))


class BudgetPeriodView(BudgetPeriodsView):
    @extend_schema(
        operation_id="budget_periods_detail",
        summary="One published budget period",
        responses={200: s.BudgetPeriod, **ERRORS},
        tags=["open data"],
    )
    def get(self, request: Any, period_uuid: uuid.UUID) -> HttpResponse:  # type: ignore[override]
        wijken = list(open_wijken().filter(budget_periods__uuid=period_uuid))
        found = [
            b
            for b in open_budget_periods(wijken=wijken)
            if b.period.uuid == period_uuid
        ]
        if not found:
            raise Http404
        return json_response(200, self.answer(found[0]))


class InitiativesView(OpenApiView):
    def answer(self, plan: Any) -> dict[str, Any]:
        answer: dict[str, Any] = plan.as_dict()
        return answer

    @extend_schema(
        operation_id="initiatives_list",
        summary="The public plans (no personal data)",
        description=(
            "Plans that were received and are being assessed, decided, carried out "
            "or settled; never drafts or withdrawn plans. No names, no plan texts."
        ),
        parameters=FILTERS,
        responses={200: s.page_of(s.Initiative), **ERRORS},
        tags=["open data"],
    )
    def get(self, request: Any) -> HttpResponse:
        plans = open_plans(wijken=self.wijken(request), statuses=PUBLIC_STATUSES)
        return self.page(request, plans)


class InitiativeView(InitiativesView):
    @extend_schema(
        operation_id="initiatives_detail",
        summary="One public plan",
        responses={200: s.Initiative, **ERRORS},
        tags=["open data"],
    )
    def get(self, request: Any, initiative_uuid: uuid.UUID) -> HttpResponse:  # type: ignore[override]
        plan = open_plan(initiative_uuid=initiative_uuid)
        if plan is None:
            raise Http404
        return json_response(200, self.answer(plan))


class ConsultationsView(OpenApiView):
    def answer(self, consultation: Consultation) -> dict[str, Any]:
        return {
            "uuid": str(consultation.uuid),
            "wijk": consultation.neighbourhood.slug,
            "title": consultation.title,
            "question": consultation.question,
            "kind": consultation.kind,
            "ballot_type": consultation.ballot_type,
            "status": consultation.status,
            "opens_at": _iso(consultation.opens_at),
            "closes_at": _iso(consultation.closes_at),
            "budget_cents": consultation.budget_cents,
            "options": [
                {
                    "position": option.position,
                    "title": option.title,
                    "cost_cents": option.cost_cents,
                    "initiative": str(option.initiative.uuid)
                    if option.initiative
                    else None,
                }
                for option in consultation.options.all()
            ],
            "result": open_consultation_result(consultation),
        }

    @extend_schema(
        operation_id="consultations_list",
        summary="The wijkraadplegingen and their certified results",
        parameters=FILTERS,
        responses={200: s.page_of(s.Consultation), **ERRORS},
        tags=["open data"],
    )
    def get(self, request: Any) -> HttpResponse:
        return self.page(request, open_consultations(wijken=self.wijken(request)))


class ConsultationView(ConsultationsView):
    @extend_schema(
        operation_id="consultations_detail",
        summary="One wijkraadpleging and its certified result",
        responses={200: s.Consultation, **ERRORS},
        tags=["open data"],
    )
    def get(self, request: Any, consultation_uuid: uuid.UUID) -> HttpResponse:  # type: ignore[override]
        found = open_consultations(wijken=open_wijken()).filter(uuid=consultation_uuid)
        consultation = found.first()
        if consultation is None:
            raise Http404
        return json_response(200, self.answer(consultation))
