"""The report pages (docs/reports.md): the overview with a filter (GET), each
section's CSV, the XLSX of all sections and the annual report as PDF. Thin: parse →
access → sections → render."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.reports.chart import chart_html
from wijkvoucher.reports.document import annual_report_pdf, report_title
from wijkvoucher.reports.exports import report_xlsx, section_csv
from wijkvoucher.reports.forms import ReportFilterForm
from wijkvoucher.reports.permissions import require_report_reader
from wijkvoucher.reports.sections import report_section, report_sections
from wijkvoucher.reports.sections.base import ReportScope
from wijkvoucher.reports.selectors import report_scope, report_years

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Request:
    form: ReportFilterForm
    scope: ReportScope | None
    query: str


def _parse(request: HttpRequest, *, whole_year: bool = False) -> Request:
    readable: list[Neighbourhood] = require_report_reader(request)
    today = timezone.localdate()
    years = report_years(wijken=readable, on=today)
    data = request.GET.copy()
    data.setdefault("jaar", str(today.year))
    if whole_year:
        data["kwartaal"] = ""
    form = ReportFilterForm(data, wijken=readable, years=years)
    if not form.is_valid():
        return Request(form=form, scope=None, query="")
    starts_on, ends_on = form.period()
    scope = report_scope(
        readable=readable,
        chosen=form.chosen(),
        starts_on=starts_on,
        ends_on=ends_on,
        on=today,
    )
    query = urlencode(
        {
            "wijk": form.cleaned_data.get("wijk") or "",
            "jaar": form.cleaned_data["jaar"],
            "kwartaal": form.cleaned_data.get("kwartaal") or "",
        }
    )
    return Request(form=form, scope=scope, query=query)


def _file_name(scope: ReportScope, extension: str, part: str = "") -> str:
    where = scope.wijken[0].slug if len(scope.wijken) == 1 else scope.municipality.slug
    middle = f"-{part}" if part else ""
    return (
        f"wijkvoucher-rapportage-{where}-{scope.starts_on:%Y%m%d}-"
        f"{scope.ends_on:%Y%m%d}{middle}.{extension}"
    )


def _download(body: bytes | str, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    parsed = _parse(request)
    scope = parsed.scope
    sections = report_sections(scope) if scope is not None else []
    return render(
        request,
        "reports/overview.html",
        {
            "form": parsed.form,
            "scope": scope,
            "title": report_title(scope) if scope is not None else "",
            "query": parsed.query,
            "sections": [
                (section, chart_html(section.chart, chart_id=f"chart-{section.key}"))
                for section in sections
            ],
        },
        status=200 if scope is not None else 400,
    )


@require_safe
def section_csv_view(request: HttpRequest, key: str) -> HttpResponse:
    parsed = _parse(request)
    if parsed.scope is None:
        raise Http404
    section = report_section(parsed.scope, key)
    if section is None:
        raise Http404
    return _download(
        section_csv(section),
        _file_name(parsed.scope, "csv", section.key),
        "text/csv; charset=utf-8",
    )


@require_safe
def xlsx_view(request: HttpRequest) -> HttpResponse:
    parsed = _parse(request)
    if parsed.scope is None:
        raise Http404
    body = report_xlsx(
        title=report_title(parsed.scope), sections=report_sections(parsed.scope)
    )
    return _download(body, _file_name(parsed.scope, "xlsx"), XLSX)


@require_safe
def annual_pdf_view(request: HttpRequest) -> HttpResponse:
    parsed = _parse(request, whole_year=True)
    if parsed.scope is None:
        raise Http404
    body = annual_report_pdf(scope=parsed.scope, sections=report_sections(parsed.scope))
    return _download(body, _file_name(parsed.scope, "pdf"), "application/pdf")
