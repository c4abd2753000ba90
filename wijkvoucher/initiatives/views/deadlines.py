"""Extending the decision term from the officials' side (Awb 4:14). Thin views:
parse → access → service → render; POST then redirect."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.initiatives.deadlines import initiative_deadline_state
from wijkvoucher.initiatives.forms.deadlines import ExtendDecisionTermForm
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions_official import (
    access_initiative_for_official,
)
from wijkvoucher.initiatives.services import initiative_extend_decision_term
from wijkvoucher.neighbourhoods.permissions import signed_in_user


def _page(
    request: HttpRequest, initiative: Initiative, form: ExtendDecisionTermForm
) -> HttpResponse:
    return render(
        request,
        "initiatives/official/extend.html",
        {
            "initiative": initiative,
            "deadline": initiative_deadline_state(initiative=initiative),
            "form": form,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def extend_decision_term(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> HttpResponse:
    initiative = access_initiative_for_official(request, initiative_uuid)
    if request.method != "POST":
        return _page(request, initiative, ExtendDecisionTermForm())
    form = ExtendDecisionTermForm(request.POST)
    if form.is_valid():
        try:
            extended = initiative_extend_decision_term(
                actor=signed_in_user(request),
                initiative=initiative,
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as exc:
            form.add_error("motivation" if exc.code == "required" else None, exc)
        else:
            messages.success(
                request,
                _(
                    "The decision term is extended to %(date)s. The initiator has "
                    "been told, with your reason."
                )
                % {
                    "date": date_format(extended.decision_due_on)
                    if extended.decision_due_on
                    else "–"
                },
            )
            return redirect(
                "initiatives:official_plan", initiative_uuid=initiative.uuid
            )
    return _page(request, initiative, form)
