"""Residents' profile and addresses; officials' residency confirmation and assisted
intake. Thin views: parse → access → service/selector → render."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from wijkvoucher.core.forms import add_refusal, error_text
from wijkvoucher.neighbourhoods import permissions as access
from wijkvoucher.neighbourhoods.forms import (
    AddressForm,
    AddressSearchForm,
    AssistedIntakeForm,
    ProfileForm,
    ResidencyConfirmForm,
)
from wijkvoucher.neighbourhoods.panels import PROFILE
from wijkvoucher.neighbourhoods.roles import OFFICIAL_ROLES
from wijkvoucher.neighbourhoods.selectors.addresses import (
    addresses_awaiting_confirmation,
    addresses_current,
    addresses_search,
)
from wijkvoucher.neighbourhoods.selectors.documents import municipality_with_logo
from wijkvoucher.neighbourhoods.selectors.roles import role_assignments_active
from wijkvoucher.neighbourhoods.services.addresses import (
    address_add,
    address_confirm_residency,
    address_remove,
    resident_register_assisted,
)
from wijkvoucher.neighbourhoods.services.profiles import user_profile_update

# Refusals after which the confirm page has nothing left to do.
_CONFIRM_ENDED = frozenset({"already_confirmed", "address_not_current"})


@require_http_methods(["GET", "HEAD"])
def profile(request: HttpRequest) -> HttpResponse:
    user = access.signed_in_user(request)
    roles = list(
        role_assignments_active(user=user).order_by(
            "municipality__name", "neighbourhood__name", "role"
        )
    )
    return render(
        request,
        "neighbourhoods/profile.html",
        {
            "profile_user": user,
            "addresses": addresses_current(user=user),
            "roles": roles,
            "is_official": any(r.role in OFFICIAL_ROLES for r in roles),
            "panels": PROFILE.render(request, user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = access.signed_in_user(request)
    if request.method != "POST":
        form = ProfileForm(
            initial={
                "full_name": user.full_name,
                "phone": user.phone,
                "preferred_language": user.preferred_language,
                "consent_publish_name": user.consent_publish_name,
                "consent_research": user.consent_research,
            }
        )
        return render(request, "neighbourhoods/profile_edit.html", {"form": form})
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            updated = user_profile_update(actor=user, user=user, **form.cleaned_data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            return _profile_saved(request, language=updated.preferred_language)
    return render(request, "neighbourhoods/profile_edit.html", {"form": form})


def _profile_saved(request: HttpRequest, *, language: str) -> HttpResponse:
    # Show the site in the language the person just chose.
    with translation.override(language):
        messages.success(request, _("Your details have been saved."))
    response = redirect("neighbourhoods:profile")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def address_add_view(request: HttpRequest) -> HttpResponse:
    user = access.signed_in_user(request)
    form = AddressForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            address = address_add(actor=user, user=user, **form.address_data())
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            if address.neighbourhood is None:
                messages.warning(
                    request,
                    _(
                        "We have added your address. It is not in a wijk that takes "
                        "part, so you cannot apply for a voucher from this address."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("We have added your address. It is in %(neighbourhood)s.")
                    % {"neighbourhood": address.neighbourhood.name},
                )
            return redirect("neighbourhoods:profile")
    return render(request, "neighbourhoods/address_add.html", {"form": form})


@require_POST
def address_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = access.signed_in_user(request)
    address = access.access_own_address(request, pk)
    try:
        address_remove(actor=user, address=address)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("We have noted that you no longer live at %(address)s.")
            % {"address": str(address)},
        )
    return redirect("neighbourhoods:profile")


@require_http_methods(["GET", "HEAD"])
def residents_list(request: HttpRequest) -> HttpResponse:
    neighbourhoods = access.require_official(request)
    search = AddressSearchForm(request.GET if "postcode" in request.GET else None)
    results = None
    if search.is_valid():
        results = addresses_search(
            neighbourhoods=neighbourhoods,
            postcode=search.cleaned_data["postcode"],
            house_number=search.cleaned_data["house_number"],
        )
    return render(
        request,
        "neighbourhoods/residents_list.html",
        {
            "neighbourhoods": neighbourhoods,
            "awaiting": addresses_awaiting_confirmation(neighbourhoods=neighbourhoods),
            "search": search,
            "results": results,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def address_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm that the resident lives at the address, with the birth date from the
    BRP when the official records it."""
    address = access.access_address_for_official(request, pk)
    user = access.signed_in_user(request)
    form = ResidencyConfirmForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            address_confirm_residency(
                actor=user,
                address=address,
                birth_date=form.cleaned_data["birth_date"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) in _CONFIRM_ENDED:
                messages.error(request, error_text(exc))
                return redirect("neighbourhoods:residents_list")
            add_refusal(form, exc)
        else:
            messages.success(
                request,
                _("You have confirmed that %(name)s lives at %(address)s.")
                % {"name": address.user.display_name, "address": str(address)},
            )
            return redirect("neighbourhoods:residents_list")
    return render(
        request,
        "neighbourhoods/address_confirm.html",
        {"address": address, "form": form, "own": address.user_id == user.pk},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def assisted_intake(request: HttpRequest) -> HttpResponse:
    neighbourhoods = access.require_official(request)
    user = access.signed_in_user(request)
    form = AssistedIntakeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            resident = resident_register_assisted(
                actor=user,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"] or None,
                phone=form.cleaned_data["phone"],
                birth_date=form.cleaned_data["birth_date"],
                **form.address_data(),
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            return redirect(
                "neighbourhoods:assisted_intake_done", resident_uuid=resident.uuid
            )
    return render(
        request,
        "neighbourhoods/assisted_intake.html",
        {"form": form, "neighbourhoods": neighbourhoods},
    )


@require_http_methods(["GET", "HEAD"])
def assisted_intake_done(
    request: HttpRequest, resident_uuid: uuid.UUID
) -> HttpResponse:
    resident = access.access_resident_for_official(request, resident_uuid)
    return render(
        request,
        "neighbourhoods/assisted_intake_done.html",
        {"resident": resident, "addresses": addresses_current(user=resident)},
    )


@require_safe
def municipality_logo_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The logo of the letterhead, public like the letterhead itself."""
    found = municipality_with_logo(slug=slug)
    if found is None:
        raise Http404
    _municipality, logo = found
    content_type = "image/png" if logo.startswith(b"\x89PNG") else "image/jpeg"
    response = HttpResponse(logo, content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response
