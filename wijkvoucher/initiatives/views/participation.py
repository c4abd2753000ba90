"""Participation in a plan (issue #3, point 1): co-initiators invited by e-mail,
neighbours signing support, and the plan's photos and files. Thin views: parse →
access → service/selector → render. Every page works without JavaScript."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wijkvoucher.accounts.forms import LoginForm
from wijkvoucher.core.forms import error_items, error_text, errors_to_forms
from wijkvoucher.core.uploads import download_name, stored_file_response
from wijkvoucher.initiatives.constants import (
    OPEN_FOR_SUPPORT,
    AttachmentKind,
    InitiativeStatus,
)
from wijkvoucher.initiatives.forms.participation import (
    AttachmentForm,
    CoInitiatorInviteForm,
    SupportForm,
)
from wijkvoucher.initiatives.forms.resident import StartAddressForm
from wijkvoucher.initiatives.models import Attachment, Initiative
from wijkvoucher.initiatives.permissions import (
    access_attachment,
    access_own_initiative,
    access_plan_part,
    access_support_page,
)
from wijkvoucher.initiatives.selectors.participation import (
    ACCEPTED,
    DECLINED,
    EXPIRED,
    INVITED,
    attachments_of,
    co_initiator_by_token,
    co_initiator_status,
    co_initiators_of,
    support_link,
    support_signature_of,
    support_summary,
)
from wijkvoucher.initiatives.services import (
    attachment_add,
    attachment_remove,
    co_initiator_accept,
    co_initiator_decline,
    support_sign,
    support_sign_with_address,
    support_withdraw,
)
from wijkvoucher.initiatives.services.attachments import MAX_FILES
from wijkvoucher.initiatives.services.participation import (
    OPEN_FOR_CO_INITIATORS,
)
from wijkvoucher.neighbourhoods.permissions import signed_in_user
from wijkvoucher.neighbourhoods.selectors.addresses import resident_neighbourhoods

S = InitiativeStatus
TEMPLATES = "initiatives/resident"

CO_INITIATOR_STATUS_LABELS = {
    INVITED: gettext_lazy("invited, no answer yet"),
    ACCEPTED: gettext_lazy("takes part"),
    DECLINED: gettext_lazy("said no"),
    EXPIRED: gettext_lazy("invitation expired"),
}


def _record_opponents(initiative: Initiative) -> bool:
    version = initiative.regulation_version
    return True if version is None else version.record_opponents


def participation_context(
    request: HttpRequest,
    initiative: Initiative,
    *,
    is_initiator: bool,
    invite_form: forms.Form | None = None,
) -> dict[str, Any]:
    """What the plan page shows about co-initiators, support and files."""
    rows = [
        {"row": row, "status": CO_INITIATOR_STATUS_LABELS[co_initiator_status(row)]}
        for row in co_initiators_of(initiative=initiative)
    ]
    can_invite = is_initiator and initiative.status in OPEN_FOR_CO_INITIATORS
    open_for_support = initiative.status in OPEN_FOR_SUPPORT
    return {
        "co_initiator_rows": rows,
        "can_invite": can_invite,
        "invite_form": (invite_form or CoInitiatorInviteForm()) if can_invite else None,
        "open_for_support": open_for_support,
        "support": support_summary(initiative=initiative),
        "record_opponents": _record_opponents(initiative),
        "support_url": support_link(initiative),
        "attachments": attachments_of(initiative=initiative),
        "can_manage_files": is_initiator
        and (initiative.status == S.DRAFT or open_for_support),
    }


# --- Invitation ---------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def co_initiator_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page the invitation e-mail links to: who invites you to which plan, and
    yes or no. Signing in comes first (the middleware sends you back here)."""
    user = signed_in_user(request)
    invitation = co_initiator_by_token(token)
    if invitation is None or invitation.revoked_at is not None:
        raise Http404
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        service = {"accept": co_initiator_accept, "decline": co_initiator_decline}.get(
            action or ""
        )
        if service is None:
            error = _("Choose yes or no.")
        else:
            try:
                service(actor=user, token=token)
            except ValidationError as exc:
                error = error_text(exc)
            else:
                if action == "accept":
                    messages.success(
                        request,
                        _("You now take part in %(title)s.")
                        % {"title": invitation.initiative.title},
                    )
                    return redirect(
                        "initiatives:plan_detail",
                        initiative_uuid=invitation.initiative.uuid,
                    )
                messages.info(request, _("You have said no to the invitation."))
                return redirect("initiatives:my_plans")
        invitation.refresh_from_db()
    status = co_initiator_status(invitation)
    wrong_email = (user.email or "").strip().lower() != invitation.email
    return render(
        request,
        f"{TEMPLATES}/invitation.html",
        {
            "invitation": invitation,
            "token": token,
            "error": error,
            "answerable": status == INVITED and not wrong_email,
            "status": status,
            "wrong_email": wrong_email,
        },
    )


# --- Support ------------------------------------------------------------------------


def _support_anonymous(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Someone who followed the shared link without being signed in reads the plan
    and signs in from here; the link in the e-mail brings them back to this page."""
    if request.method == "POST":
        signed_in_user(request)  # answers with the sign-in page
    return render(
        request,
        f"{TEMPLATES}/support.html",
        {
            "initiative": initiative,
            "login_form": LoginForm(),
            "next": request.path,
            "is_draft": initiative.status == S.DRAFT,
        },
    )


def _support_save(
    request: HttpRequest,
    initiative: Initiative,
    form: SupportForm,
    address_form: StartAddressForm | None,
) -> bool:
    """Sign with the stance (and, for someone we have no address of in the wijk,
    the address given on the same page); put every error on the forms."""
    user = signed_in_user(request)
    try:
        if address_form is not None:
            support_sign_with_address(
                actor=user,
                initiative=initiative,
                address={n: address_form.cleaned_data[n] for n in address_form.fields},
                stance=form.cleaned_data["stance"],
                comment=form.cleaned_data["comment"],
            )
        else:
            support_sign(
                actor=user,
                initiative=initiative,
                stance=form.cleaned_data["stance"],
                comment=form.cleaned_data["comment"],
            )
    except ValidationError as exc:
        errors_to_forms(exc, *([address_form] if address_form else []), form)
        return False
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def support_page(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    """A plan from its draft until its decision: residents of its wijk say for,
    against or neutral (issue #9, point 7: the link works before sending, someone
    who is not signed in signs in from here and comes back, someone we have no
    address of in the wijk gives it in the same form). The initiator sees the counts
    and the link to share."""
    initiative = access_support_page(request, initiative_uuid)
    if not request.user.is_authenticated:
        return _support_anonymous(request, initiative)
    user = signed_in_user(request)
    signature = support_signature_of(initiative=initiative, user=user)
    is_initiator = user.pk == initiative.initiator_id
    lives_here = any(
        n.pk == initiative.neighbourhood_id for n in resident_neighbourhoods(user=user)
    )
    data = request.POST if request.method == "POST" else None
    address_form = None if lives_here or is_initiator else StartAddressForm(data)
    initial = (
        {"stance": signature.stance, "comment": signature.comment}
        if signature is not None
        else {}
    )
    form = SupportForm(data, initial=initial)
    if data is not None:
        valid = form.is_valid()
        valid = (address_form is None or address_form.is_valid()) and valid
        if valid and _support_save(request, initiative, form, address_form):
            messages.success(request, _("Thank you. We have saved your answer."))
            return redirect("initiatives:support_page", initiative_uuid=initiative.uuid)
    errors = [
        *(error_items(address_form) if address_form is not None else []),
        *error_items(form),
    ]
    return render(
        request,
        f"{TEMPLATES}/support.html",
        {
            "initiative": initiative,
            "form": form,
            "address_form": address_form,
            "errors": errors,
            "signature": signature,
            "is_initiator": is_initiator,
            "is_draft": initiative.status == S.DRAFT,
            "support": support_summary(initiative=initiative) if is_initiator else None,
            "record_opponents": _record_opponents(initiative),
            "support_url": support_link(initiative),
        },
    )


@require_POST
def support_withdraw_view(
    request: HttpRequest, initiative_uuid: uuid.UUID
) -> HttpResponse:
    user = signed_in_user(request)
    initiative = access_support_page(request, initiative_uuid)
    try:
        support_withdraw(actor=user, initiative=initiative)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Your answer has been removed."))
    return redirect("initiatives:support_page", initiative_uuid=initiative.uuid)


# --- Files --------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def plan_files(request: HttpRequest, initiative_uuid: uuid.UUID) -> HttpResponse:
    """Photos, documents and signed support lists of the initiator's plan."""
    user = signed_in_user(request)
    initiative = access_own_initiative(request, initiative_uuid)
    again = redirect("initiatives:plan_files", initiative_uuid=initiative.uuid)
    form = AttachmentForm()
    if request.method == "POST" and "remove" in request.POST:
        try:
            pk = int(request.POST["remove"])
        except ValueError:
            raise Http404 from None
        attachment = access_plan_part(Attachment, initiative=initiative, pk=pk)
        try:
            attachment_remove(actor=user, attachment=attachment)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Removed."))
        return again
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                attachment_add(
                    actor=user,
                    initiative=initiative,
                    kind=form.cleaned_data["kind"],
                    file=upload,
                    name=upload.name or "",
                    declared_signatures=form.cleaned_data["declared_signatures"],
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(request, _("Your file has been added."))
                return again
    is_draft = initiative.status == S.DRAFT
    return render(
        request,
        f"{TEMPLATES}/plan_files.html",
        {
            "initiative": initiative,
            "form": form,
            "attachments": attachments_of(initiative=initiative),
            "max_files": MAX_FILES,
            "is_draft": is_draft,
            "can_add": is_draft or initiative.status in OPEN_FOR_SUPPORT,
        },
    )


@require_http_methods(["GET", "HEAD"])
def attachment_download(
    request: HttpRequest, initiative_uuid: uuid.UUID, attachment_id: int
) -> FileResponse:
    """One file, only for who may see it; never from a public media URL. Documents
    are downloaded; photos are shown inline. The browser may not guess the type."""
    attachment = access_attachment(request, initiative_uuid, attachment_id)
    return stored_file_response(
        attachment.file,
        content_type=attachment.content_type,
        as_attachment=attachment.kind != AttachmentKind.PHOTO,
        # Named after the detected type: an upload called "x.html" is never saved
        # by the browser as a web page.
        filename=download_name(attachment.original_name, attachment.content_type),
    )
