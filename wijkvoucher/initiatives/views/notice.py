"""The initiator sends a notice of default (ingebrekestelling, Awb 4:17) from the plan
page. Thin: parse → access → service → render; POST then redirect."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.initiatives.forms.notice import NoticeOfDefaultForm
from wijkvoucher.initiatives.permissions import access_own_initiative
from wijkvoucher.initiatives.selectors.deadlines import initiative_decision_delay
from wijkvoucher.initiatives.services.notices import initiative_notice_of_default_send
from wijkvoucher.neighbourhoods.permissions import signed_in_user


@require_http_methods(["GET", "HEAD", "POST"])
def plan_notice_of_default(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    form = NoticeOfDefaultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notice = initiative_notice_of_default_send(
                actor=signed_in_user(request),
                initiative=initiative,
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(
                request,
                _(
                    "We have received your notice of default. If we have not decided "
                    "by then, the penalty payment starts on %(date)s."
                )
                % {"date": date_format(notice.penalty_starts_on, "DATE_FORMAT")},
            )
            return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
    return render(
        request,
        "initiatives/resident/notice_of_default.html",
        {
            "initiative": initiative,
            "delay": initiative_decision_delay(initiative=initiative),
            "form": form,
        },
    )
