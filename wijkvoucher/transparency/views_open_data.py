"""The open data of a municipality (docs/open-data.md): a page that links the list of
awarded plans as CSV and JSON and the read API, and those two downloads. Public, no
sign-in, no personal data."""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from wijkvoucher.consultations.published import csv_text
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.transparency.selectors.open_data import (
    OPEN_PLAN_COLUMNS,
    OpenPlan,
    open_plans,
    open_wijken,
)


def _plans(slug: str) -> tuple[Municipality, list[OpenPlan]]:
    municipality = get_object_or_404(Municipality, slug=slug)
    wijken = list(open_wijken(municipality=municipality))
    if not wijken:
        raise Http404
    return municipality, open_plans(wijken=wijken)


@require_safe
def open_data_page(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, plans = _plans(slug)
    return render(
        request,
        "transparency/open_data.html",
        {
            "municipality": municipality,
            "count": len(plans),
            "columns": OPEN_PLAN_COLUMNS,
        },
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


@require_safe
def open_plans_csv(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, plans = _plans(slug)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(OPEN_PLAN_COLUMNS)
    for plan in plans:
        row = plan.as_dict()
        writer.writerow([_cell(row[column]) for column in OPEN_PLAN_COLUMNS])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"wijkvoucher-{municipality.slug}-initiatieven.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def open_plans_json(request: HttpRequest, slug: str) -> HttpResponse:
    municipality, plans = _plans(slug)
    body = {
        "municipality": municipality.name,
        "columns": list(OPEN_PLAN_COLUMNS),
        "initiatives": [plan.as_dict() for plan in plans],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    name = f"wijkvoucher-{municipality.slug}-initiatieven.json"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
