"""The regiegroep's steps on one agenda item: declaring an interest, assessing, voting, discussing, the advice and deferring."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkvoucher.core.forms import add_refusal
from wijkvoucher.regiegroep import forms as f
from wijkvoucher.regiegroep.models import (
    AgendaItem,
)
from wijkvoucher.regiegroep.permissions import (
    Workspace,
    access_agenda_item,
)
from wijkvoucher.regiegroep.services import (
    advice_record,
    agenda_item_defer,
    agenda_item_open,
    assessment_record,
    conflict_declare,
    vote_cast,
)
from wijkvoucher.regiegroep.views.meetings import _back, _key, _meeting_page

# Refusals of an agenda item's forms → the field they are about (the advice form's
# fields); the rest goes above the form.
ITEM_ERROR_FIELDS = {
    "amount_invalid": "amount_cents",
    "reason_required": "reason_code",
    "reason_not_applicable": "reason_code",
    "motivation_required": "motivation",
}


def _item_action(
    request: HttpRequest,
    item_uuid: uuid.UUID,
    *,
    action: str,
    form_class: type[forms.Form],
    perform: Callable[[Workspace, AgendaItem, dict[str, Any]], object],
    done: str,
    lead: bool = False,
) -> HttpResponse:
    workspace, item = access_agenda_item(request, item_uuid, lead=lead)
    key = _key(item, action)
    form = form_class(request.POST, prefix=key)
    if form.is_valid():
        try:
            perform(workspace, item, form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc, ITEM_ERROR_FIELDS)
        else:
            return _back(request, item.meeting, done)
    return _meeting_page(request, workspace, item.meeting, {key: form})


@require_POST
def item_declare(request: HttpRequest, item_uuid: uuid.UUID) -> HttpResponse:
    return _item_action(
        request,
        item_uuid,
        action="declare",
        form_class=f.DeclarationForm,
        perform=lambda ws, item, data: conflict_declare(
            actor=ws.user,
            agenda_item=item,
            member=ws.user,
            has_conflict=data["has_conflict"],
            kind=data["kind"],
            note=data["note"],
        ),
        done=_("Your declaration is saved."),
    )


@require_POST
def item_assess(request: HttpRequest, item_uuid: uuid.UUID) -> HttpResponse:
    return _item_action(
        request,
        item_uuid,
        action="assess",
        form_class=f.AssessmentForm,
        perform=lambda ws, item, data: assessment_record(
            actor=ws.user,
            agenda_item=item,
            opinion=data["opinion"],
            note=data["note"],
        ),
        done=_("Your opinion is saved."),
    )


@require_POST
def item_vote(request: HttpRequest, item_uuid: uuid.UUID) -> HttpResponse:
    return _item_action(
        request,
        item_uuid,
        action="vote",
        form_class=f.VoteForm,
        perform=lambda ws, item, data: vote_cast(
            actor=ws.user, agenda_item=item, choice=data["choice"]
        ),
        done=_("Your vote is counted."),
    )


@require_POST
def item_open(request: HttpRequest, item_uuid: uuid.UUID) -> HttpResponse:
    return _item_action(
        request,
        item_uuid,
        action="open",
        form_class=f.ActionForm,
        perform=lambda ws, item, data: agenda_item_open(
            actor=ws.user, agenda_item=item
        ),
        done=_("The discussion of this plan has started."),
        lead=True,
    )


@require_POST
def item_advice(request: HttpRequest, item_uuid: uuid.UUID) -> HttpResponse:
    return _item_action(
        request,
        item_uuid,
        action="advice",
        form_class=f.AdviceForm,
        perform=lambda ws, item, data: advice_record(
            actor=ws.user,
            agenda_item=item,
            outcome=data["outcome"],
            amount_cents=data["amount_cents"],
            reason_code=data["reason_code"],
            motivation=data["motivation"],
            conditions=data["conditions"],
            by_consensus=data["by_consensus"],
        ),
        done=_(
            "The advice is recorded. The initiator and the contact official are told."
        ),
        lead=True,
    )


@require_POST
def item_defer(request: HttpRequest, item_uuid: uuid.UUID) -> HttpResponse:
    return _item_action(
        request,
        item_uuid,
        action="defer",
        form_class=f.DeferForm,
        perform=lambda ws, item, data: agenda_item_defer(
            actor=ws.user,
            agenda_item=item,
            reason_code=data["reason_code"],
            motivation=data["motivation"],
        ),
        done=_("The plan is deferred. The initiator is told why."),
        lead=True,
    )
