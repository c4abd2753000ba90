"""The resident's own ladder page (their step, its movement, the self-report with
consent) and the officials' report. Thin views."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.neighbourhoods.selectors.addresses import addresses_current
from wijkvoucher.participation.constants import MIN_GROUP, EngagementStep
from wijkvoucher.participation.forms import SocialLadderForm
from wijkvoucher.participation.permissions import (
    access_own_ladder,
    require_report_reader,
)
from wijkvoucher.participation.selectors import (
    ladder_movement,
    ladder_step_of,
    social_ladder_distribution,
    social_reports_of,
)
from wijkvoucher.participation.services import (
    social_ladder_report,
    social_ladder_withdraw,
)


@require_http_methods(["GET", "HEAD", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    user = access_own_ladder(request)
    form = SocialLadderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            social_ladder_report(
                actor=user,
                step=form.cleaned_data["step"],
                consent=form.cleaned_data["consent"],
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("Thank you. Your answer is stored."))
            return redirect("participation:mine")
    return render(
        request,
        "participation/mine.html",
        {
            "form": form,
            "ladder": ladder_step_of(user=user),
            "steps": list(EngagementStep),
            "reports": list(social_reports_of(user=user)),
            "has_wijk": addresses_current(user=user)
            .filter(neighbourhood__isnull=False)
            .exists(),
        },
    )


@require_POST
def withdraw(request: HttpRequest) -> HttpResponse:
    user = access_own_ladder(request)
    social_ladder_withdraw(actor=user)
    messages.success(
        request,
        _("Your permission is withdrawn and your answers are deleted."),
    )
    return redirect("participation:mine")


# The report looks back this many months (the choice on the page); two by default.
MONTHS = (1, 2, 3, 6, 12)
DEFAULT_MONTHS = 2


def _months(request: HttpRequest) -> int:
    try:
        months = int(request.GET.get("maanden", DEFAULT_MONTHS))
    except ValueError:
        return DEFAULT_MONTHS
    return months if months in MONTHS else DEFAULT_MONTHS


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day.day, 28))


@require_http_methods(["GET", "HEAD"])
def report(request: HttpRequest) -> HttpResponse:
    _user, wijken = require_report_reader(request)
    end = timezone.localdate()
    months = _months(request)
    start = _months_before(end, months)
    wijk_list = list(wijken.select_related("municipality"))
    municipality = wijk_list[0].municipality
    rows = [
        {
            "wijk": wijk,
            "engagement": ladder_movement(
                municipality=municipality, start=start, end=end, wijk=wijk
            ),
            "social": social_ladder_distribution(
                municipality=municipality, start=start, end=end, wijk=wijk
            ),
        }
        for wijk in wijk_list
    ]
    return render(
        request,
        "participation/report.html",
        {
            "months": months,
            "choices": MONTHS,
            "start": start,
            "end": end,
            "rows": rows,
            "min_group": MIN_GROUP,
        },
    )
