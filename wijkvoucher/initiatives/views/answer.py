"""The initiator answers an information request of their contact official."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.initiatives.forms.answer import AnswerForm
from wijkvoucher.initiatives.permissions import access_own_initiative
from wijkvoucher.initiatives.selectors.initiatives import information_question
from wijkvoucher.initiatives.services.answers import initiative_answer_information
from wijkvoucher.neighbourhoods.permissions import signed_in_user


@require_http_methods(["GET", "HEAD", "POST"])
def plan_answer(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    initiative = access_own_initiative(request, initiative_uuid)
    if initiative.status != InitiativeStatus.INFORMATION_REQUESTED:
        messages.info(
            request, _("No information is being asked for this plan at the moment.")
        )
        return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
    question = information_question(initiative=initiative)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative_answer_information(
                actor=signed_in_user(request),
                initiative=initiative,
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as exc:
            form.add_error("answer", exc)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your answer has been sent to your contact person "
                    "and the handling of your plan continues."
                ),
            )
            return redirect("initiatives:plan_detail", initiative_uuid=initiative.uuid)
    return render(
        request,
        "initiatives/resident/plan_answer.html",
        {"initiative": initiative, "question": question, "form": form},
    )
