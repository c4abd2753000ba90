"""Pages of the cash manager for payout batches (docs/adr/0009): what is owed, preparing
a batch, approving it by a second person, the bank files, marking it paid (or not
paid out by the bank) and cancelling a prepared one. Thin views: parse → access → service/selector → render. A POST that
succeeds redirects with a message; a refused one shows the page again with the
error."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.accounts.models import User
from wijkvoucher.core.forms import add_refusal, error_text
from wijkvoucher.neighbourhoods.models import Municipality
from wijkvoucher.payments.constants import PayoutStatus
from wijkvoucher.payments.forms.payouts import (
    PREPARE_ERROR_FIELDS,
    PayoutFailedForm,
    PayoutPaidForm,
    PayoutPrepareForm,
)
from wijkvoucher.payments.models import PayoutBatch
from wijkvoucher.payments.permissions import (
    access_payout_batch,
    access_payout_municipality,
    may_prepare_payouts,
    require_payout_handler,
)
from wijkvoucher.payments.selectors.payouts import (
    OwedBack,
    next_working_day,
    payout_batch_open,
    payout_batches_closed,
    payout_lines_of,
    payouts_owed,
    providers_owing,
)
from wijkvoucher.payments.sepa import EXPORTABLE, payout_csv, sepa_pain001
from wijkvoucher.payments.services.payouts import (
    debtor_problem,
    payout_batch_approve,
    payout_batch_cancel,
    payout_batch_mark_failed,
    payout_batch_mark_paid,
    payout_batch_prepare,
)

HISTORY_LIMIT = 50

# --- Overview and preparing -----------------------------------------------------------


def _overview(
    request: HttpRequest,
    user: User,
    municipalities: QuerySet[Municipality],
    municipality: Municipality,
    form: PayoutPrepareForm | None = None,
) -> HttpResponse:
    open_batch = payout_batch_open(municipality=municipality)
    owed = None if open_batch else payouts_owed(municipality=municipality)
    owing = (
        owed.owed_back
        if owed is not None
        else [
            OwedBack(provider, cents)
            for provider, cents in providers_owing(municipality=municipality).values()
        ]
    )
    may_prepare = may_prepare_payouts(user=user, municipality=municipality)
    choices = list(municipalities)
    if form is None and open_batch is None and may_prepare:
        form = PayoutPrepareForm(initial={"execution_date": next_working_day()})
    return render(
        request,
        "payments/payouts/overview.html",
        {
            "municipality": municipality,
            "municipalities": choices if len(choices) > 1 else [],
            "open_batch": open_batch,
            "history": payout_batches_closed(municipality=municipality)[:HISTORY_LIMIT],
            "owed": owed,
            "owing": owing,
            "may_prepare": may_prepare,
            "debtor_problem": debtor_problem(municipality),
            "form": form if open_batch is None and may_prepare else None,
        },
    )


def _to_overview(municipality: Municipality) -> HttpResponse:
    return redirect(f"{reverse('payments:cash_payouts')}?gemeente={municipality.slug}")


@require_http_methods(["GET", "HEAD"])
def cash_payouts(request: HttpRequest) -> HttpResponse:
    user, municipalities = require_payout_handler(request)
    municipality = access_payout_municipality(request, municipalities)
    return _overview(request, user, municipalities, municipality)


@require_POST
def cash_payout_prepare(request: HttpRequest) -> HttpResponse:
    user, municipalities = require_payout_handler(request)
    municipality = access_payout_municipality(request, municipalities)
    form = PayoutPrepareForm(request.POST)
    if form.is_valid():
        owed = payouts_owed(municipality=municipality)
        try:
            batch = payout_batch_prepare(
                actor=user,
                municipality=municipality,
                execution_date=form.cleaned_data["execution_date"],
            )
        except ValidationError as exc:
            if exc.code not in PREPARE_ERROR_FIELDS:
                # Not about the date (nothing owed, an open batch, no paying
                # account): the overview shows why.
                messages.error(request, error_text(exc))
                return _to_overview(municipality)
            add_refusal(form, exc, PREPARE_ERROR_FIELDS)
        else:
            messages.success(
                request,
                _(
                    "Payout batch %(reference)s is prepared. A second person must "
                    "approve it."
                )
                % {"reference": batch.reference},
            )
            for left in owed.left_out:
                messages.warning(
                    request,
                    _("Not in the batch: %(name)s. %(reason)s")
                    % {"name": left.name, "reason": left.reason},
                )
            return redirect("payments:cash_payout", batch_uuid=batch.uuid)
    return _overview(request, user, municipalities, municipality, form)


# --- One batch -------------------------------------------------------------------------


def _detail(
    request: HttpRequest,
    user: User,
    batch: PayoutBatch,
    paid_form: PayoutPaidForm | None = None,
    failed_form: PayoutFailedForm | None = None,
) -> HttpResponse:
    status = batch.status
    approved = status == PayoutStatus.APPROVED
    lines = payout_lines_of(batch=batch)
    return render(
        request,
        "payments/payouts/detail.html",
        {
            "batch": batch,
            "lines": lines,
            "netted_cents": sum(int(line.netted_cents) for line in lines),
            "is_preparer": user.pk == batch.prepared_by_id,
            "can_approve": status == PayoutStatus.PREPARED
            and user.pk != batch.prepared_by_id,
            "can_export": status in EXPORTABLE,
            "can_cancel": status == PayoutStatus.PREPARED,
            "paid_form": (paid_form or PayoutPaidForm()) if approved else None,
            "failed_form": (failed_form or PayoutFailedForm(prefix="failed"))
            if approved
            else None,
            "prepared": status == PayoutStatus.PREPARED,
        },
    )


@require_http_methods(["GET", "HEAD"])
def cash_payout(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    user, batch = access_payout_batch(request, batch_uuid)
    return _detail(request, user, batch)


def _act(
    request: HttpRequest, batch_uuid: uuid.UUID, service: Any, done: str
) -> HttpResponse:
    user, batch = access_payout_batch(request, batch_uuid)
    try:
        batch = service(actor=user, batch=batch)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done % {"reference": batch.reference})
    return redirect("payments:cash_payout", batch_uuid=batch.uuid)


@require_POST
def cash_payout_approve(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        batch_uuid,
        payout_batch_approve,
        _("Payout batch %(reference)s is approved. You can download the bank file."),
    )


@require_POST
def cash_payout_cancel(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        batch_uuid,
        payout_batch_cancel,
        _("Payout batch %(reference)s is cancelled. Nothing has been paid."),
    )


@require_POST
def cash_payout_paid(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    user, batch = access_payout_batch(request, batch_uuid)
    form = PayoutPaidForm(request.POST)
    if form.is_valid():
        try:
            batch = payout_batch_mark_paid(actor=user, batch=batch)
        except ValidationError as exc:
            if exc.code == "invalid_status":
                messages.error(request, error_text(exc))
                return redirect("payments:cash_payout", batch_uuid=batch.uuid)
            add_refusal(form, exc)
        else:
            messages.success(
                request,
                _("Payout batch %(reference)s is booked as paid.")
                % {"reference": batch.reference},
            )
            return redirect("payments:cash_payout", batch_uuid=batch.uuid)
    return _detail(request, user, batch, form)


@require_POST
def cash_payout_failed(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    user, batch = access_payout_batch(request, batch_uuid)
    form = PayoutFailedForm(request.POST, prefix="failed")
    if form.is_valid():
        try:
            batch = payout_batch_mark_failed(
                actor=user, batch=batch, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            if exc.code == "invalid_status":
                messages.error(request, error_text(exc))
                return redirect("payments:cash_payout", batch_uuid=batch.uuid)
            add_refusal(form, exc, {"reason_required": "reason"})
        else:
            messages.success(
                request,
                _(
                    "Payout batch %(reference)s is booked as not paid out. The "
                    "amounts are owed again and can go into a new batch."
                )
                % {"reference": batch.reference},
            )
            return redirect("payments:cash_payout", batch_uuid=batch.uuid)
    return _detail(request, user, batch, failed_form=form)


def _download(
    request: HttpRequest, batch: PayoutBatch, content: bytes | str, kind: str
) -> HttpResponse:
    content_type = "application/xml" if kind == "xml" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{batch.reference}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def cash_payout_sepa(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    _user, batch = access_payout_batch(request, batch_uuid)
    try:
        content = sepa_pain001(batch)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("payments:cash_payout", batch_uuid=batch.uuid)
    return _download(request, batch, content, "xml")


@require_http_methods(["GET", "HEAD"])
def cash_payout_csv(request: HttpRequest, batch_uuid: uuid.UUID) -> HttpResponse:
    _user, batch = access_payout_batch(request, batch_uuid)
    try:
        content = payout_csv(batch)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("payments:cash_payout", batch_uuid=batch.uuid)
    return _download(request, batch, content, "csv")
