"""The admin site for coordinators (``/beheer/``).

Only an active staff user with a verified second factor who is a coordinator (or a
superuser) gets in. There is no password form: the admin's login page sends people to
our own sign-in, or to the second step when that is what is missing.

Enable it in INSTALLED_APPS instead of ``"django.contrib.admin"``::

    "config.admin.WijkvoucherAdminConfig",

This module is imported while the app registry is still loading, so it imports models
only inside functions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

_ACCESS_CACHE = "_wijkvoucher_admin_access"


def admin_eligible(request: HttpRequest) -> bool:
    """Active staff who are a coordinator today, or a superuser (second factor aside)."""
    from wijkvoucher.neighbourhoods.constants import Role
    from wijkvoucher.neighbourhoods.selectors.roles import user_has_role

    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return bool(user.is_superuser) or user_has_role(user=user, roles=[Role.COORDINATOR])


def _is_verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


class WijkvoucherAdminSite(AdminSite):
    site_header = _("wijkvoucher – management")
    site_title = "wijkvoucher"
    index_title = _("Management")

    def has_permission(self, request: HttpRequest) -> bool:
        cached = getattr(request, _ACCESS_CACHE, None)
        if cached is None:
            cached = _is_verified(request) and admin_eligible(request)
            setattr(request, _ACCESS_CACHE, cached)
        return bool(cached)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """No password form here. Signed out: to our sign-in. Allowed but without the
        second step: to the second step. Anyone else: refused (no redirect loop)."""
        from wijkvoucher.accounts.navigation import safe_next, url_with_next
        from wijkvoucher.accounts.permissions import SecondFactorRequired

        index = reverse("admin:index", current_app=self.name)
        next_url = safe_next(request.GET.get(REDIRECT_FIELD_NAME)) or index
        if self.has_permission(request):
            return HttpResponseRedirect(next_url)
        if not request.user.is_authenticated:
            return HttpResponseRedirect(url_with_next("accounts:login", next_url))
        if not admin_eligible(request):
            raise PermissionDenied
        # The accounts middleware sends the user to enter (or set up) the code.
        raise SecondFactorRequired

    def logout(  # type: ignore[override]  # our sign-out view, not a template
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Sign out the way the rest of the site does (audit, session removal)."""
        from wijkvoucher.accounts.views import logout

        return logout(request)

    def password_change(  # type: ignore[override]  # refuses, renders nothing
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Nobody has a password here (docs/adr/0003): there is nothing to change."""
        raise Http404

    def password_change_done(  # type: ignore[override]  # refuses, renders nothing
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        raise Http404


class WijkvoucherAdminConfig(AdminConfig):
    default_site = "config.admin.WijkvoucherAdminSite"
