"""The public pages: home, the page of each wijk, its plans, meetings and besluitenlijsten
and the quarterly overview. Thin: selectors do the reading."""

from __future__ import annotations

import csv
import datetime as dt
import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from wijkvoucher.accounts.forms import LoginForm
from wijkvoucher.core.pagecache import cache_public_page, wijk_scope
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.payments.chart import budget_period_chart
from wijkvoucher.payments.selectors.budget import budget_overview, budget_series
from wijkvoucher.transparency.forms import PlanFilterForm
from wijkvoucher.transparency.selectors.meetings import decision_list, meeting_schedule
from wijkvoucher.transparency.selectors.neighbourhoods import (
    neighbourhood_cards,
    neighbourhood_page,
    neighbourhood_public,
)
from wijkvoucher.transparency.selectors.plan_detail import (
    public_accountability,
    public_plan_detail,
)
from wijkvoucher.transparency.selectors.plans import plan_list, plan_years
from wijkvoucher.transparency.selectors.quarters import (
    QuarterReport,
    quarter_report,
    quarter_valid,
    quarters_available,
)


def _site_scopes(**_kwargs: object) -> list[str]:
    """The home page shows every wijk's card: only the site version."""
    return []


def _wijk_scopes(*, slug: str, **_kwargs: object) -> list[str]:
    """The pages under /wijken/<slug>/ show that wijk."""
    return [wijk_scope(slug)]


wijk_page_cache = cache_public_page(_wijk_scopes)


@require_safe
@cache_public_page(_site_scopes)
def home(request: HttpRequest) -> HttpResponse:
    cards = neighbourhood_cards(on=timezone.localdate())
    municipalities = {card.neighbourhood.municipality_id for card in cards}
    return render(
        request,
        "transparency/home.html",
        {
            "cards": cards,
            "multiple_municipalities": len(municipalities) > 1,
            # Signing in starts right here: one screen less to a first plan.
            "login_form": LoginForm(),
        },
    )


@require_safe
@wijk_page_cache
def neighbourhood_detail(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    neighbourhood = neighbourhood_public(slug=slug, on=timezone.localdate(now))
    if neighbourhood is None:
        raise Http404
    page = neighbourhood_page(neighbourhood=neighbourhood, at=now)
    context: dict[str, object] = {"page": page}
    if page.budget is not None and page.budget.summary.published:
        # The fuller breakdown of the money (issue #4): only sums, no personal data.
        period = page.budget.period
        series = budget_series(budget_period=period)
        context.update(
            overview=budget_overview(budget_period=period),
            series=series,
            chart=budget_period_chart(
                period_name=period.name, points=series, chart_id="public-budget-chart"
            ),
        )
    return render(request, "transparency/neighbourhood_detail.html", context)


def _neighbourhood(slug: str, on: dt.date) -> Neighbourhood:
    neighbourhood = neighbourhood_public(slug=slug, on=on)
    if neighbourhood is None:
        raise Http404
    return neighbourhood


@require_safe
@cache_public_page(_wijk_scopes, query=("status", "year"))
def plan_list_view(request: HttpRequest, slug: str) -> HttpResponse:
    neighbourhood = _neighbourhood(slug, timezone.localdate())
    years = plan_years(neighbourhood=neighbourhood)
    form = PlanFilterForm(request.GET or None, years=years)
    status, year = "", None
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"] or ""
        year = form.cleaned_data["year"]
    plans = plan_list(
        neighbourhood=neighbourhood, status=status, year=year, years=years
    )
    return render(
        request,
        "transparency/plan_list.html",
        {"wijk": neighbourhood, "plans": plans, "form": form},
    )


@require_safe
@wijk_page_cache
def plan_detail_view(
    request: HttpRequest, slug: str, initiative_uuid: uuid.UUID
) -> HttpResponse:
    neighbourhood = _neighbourhood(slug, timezone.localdate())
    detail = public_plan_detail(
        neighbourhood=neighbourhood, initiative_uuid=initiative_uuid
    )
    if detail is None:
        raise Http404
    return render(
        request,
        "transparency/plan_detail.html",
        {
            "wijk": neighbourhood,
            "detail": detail,
            "plan": detail.plan,
            **public_accountability(detail),
        },
    )


@require_safe
@wijk_page_cache
def meeting_list_view(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    neighbourhood = _neighbourhood(slug, timezone.localdate(now))
    schedule = meeting_schedule(neighbourhood=neighbourhood, at=now)
    return render(
        request,
        "transparency/meeting_list.html",
        {"wijk": neighbourhood, "schedule": schedule},
    )


@require_safe
@wijk_page_cache
def decision_list_view(
    request: HttpRequest, slug: str, meeting_uuid: uuid.UUID
) -> HttpResponse:
    now = timezone.now()
    neighbourhood = _neighbourhood(slug, timezone.localdate(now))
    decisions = decision_list(
        neighbourhood=neighbourhood, meeting_uuid=meeting_uuid, at=now
    )
    if decisions is None:
        raise Http404
    return render(
        request,
        "transparency/decision_list.html",
        {"wijk": neighbourhood, "decisions": decisions, "meeting": decisions.meeting},
    )


@require_safe
@wijk_page_cache
def quarter_list_view(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    neighbourhood = _neighbourhood(slug, today)
    quarters = quarters_available(neighbourhood=neighbourhood, on=today)
    return render(
        request,
        "transparency/quarter_list.html",
        {"wijk": neighbourhood, "quarters": quarters},
    )


def _quarter_report(slug: str, year: int, quarter: int) -> QuarterReport:
    today = timezone.localdate()
    neighbourhood = _neighbourhood(slug, today)
    valid = quarter_valid(year=year, number=quarter, on=today)
    if valid is None:
        raise Http404
    return quarter_report(neighbourhood=neighbourhood, quarter=valid, on=today)


@require_safe
@wijk_page_cache
def quarter_view(
    request: HttpRequest, slug: str, year: int, quarter: int
) -> HttpResponse:
    report = _quarter_report(slug, year, quarter)
    return render(
        request,
        "transparency/quarter_detail.html",
        {"wijk": report.neighbourhood, "report": report},
    )


@require_safe
@wijk_page_cache
def quarter_csv_view(
    request: HttpRequest, slug: str, year: int, quarter: int
) -> HttpResponse:
    """The same rows as the page, as CSV: the header and the labels in the page's
    language, a stable key, the number and the amount in euros (a dot before the
    cents)."""
    report = _quarter_report(slug, year, quarter)
    name = f"wijkvoucher-{report.neighbourhood.slug}-{year}-q{quarter}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            pgettext("CSV column: the row's stable code", "Key"),
            _("Subject"),
            _("Number"),
            _("Amount (euro)"),
        ]
    )
    for row in report.rows:
        amount = "" if row.amount_cents is None else _euro_text(row.amount_cents)
        number = "" if row.number is None else str(row.number)
        writer.writerow([row.key, _csv_text(row.label), number, amount])
    return response


def _euro_text(cents: int) -> str:
    """Cents as euros with a dot: 1234 -> "12.34", -5 -> "-0.05"."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def _csv_text(text: str) -> str:
    """A text cell that a spreadsheet will not run as a formula (a budget period's
    name is typed by a coordinator)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
