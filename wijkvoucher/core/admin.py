"""Admin building blocks shared by the apps, and the read-only audit trail.

Rules for every admin in this project (docs/conventions.md#the-back-office-django-admin):
- who may use the admin at all is decided by the admin site (config/admin.py); a model
  admin asks the site, not Django's per-model permissions (roles are data);
- a write goes through a service: ``save_model``/``save_formset``/actions call one, and
  nothing is ever deleted from the admin;
- when a service refuses (ValidationError), everything of that request is rolled back
  and the form is shown again with the service's message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.apps import AppConfig
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import AuditEvent

if TYPE_CHECKING:
    from django.forms.models import BaseInlineFormSet

    from wijkvoucher.accounts.models import User

_M = TypeVar("_M", bound=models.Model)
_REFUSAL = "_wijkvoucher_admin_refusal"


def admin_actor(request: HttpRequest) -> User:
    """The signed-in user who acts in the admin."""
    user = request.user
    if not isinstance(user, get_user_model()):
        raise PermissionDenied
    return user


def adopt(target: models.Model, source: models.Model) -> None:
    """Copy every column of ``source`` (made by a service) onto ``target`` (the admin's
    unsaved form instance), so the admin's redirect and log point at the new row."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False


def formset_save_through(
    formset: Any,
    *,
    remove: Callable[[Any], None],
    save: Callable[[dict[str, Any]], models.Model],
    replaces: Callable[[Any], bool] = lambda item: True,
) -> None:
    """Save an inline formset row by row through services instead of ``save()``:
    ``remove(instance)`` for a deleted row, ``save(cleaned_data)`` for a new or changed
    one (after ``remove`` when ``replaces(form)`` says the change replaces the row).
    Fills the formset's new/changed/deleted lists, as the admin's change message expects."""
    new, changed, deleted = [], [], []
    for item in formset.forms:
        existing = item.instance.pk is not None
        if item in formset.deleted_forms:
            if existing:
                remove(item.instance)
                deleted.append(item.instance)
            continue
        if not item.has_changed():
            continue
        if existing and replaces(item):
            remove(item.instance)
        saved = save(item.cleaned_data)
        if existing:
            changed.append((saved, item.changed_data))
        else:
            new.append(saved)
    formset.new_objects, formset.changed_objects = new, changed
    formset.deleted_objects = deleted


def _with_refusal(
    form_class: type[forms.ModelForm[Any]], refusal: ValidationError
) -> type[forms.ModelForm[Any]]:
    def clean(self: forms.ModelForm[Any]) -> dict[str, Any] | None:
        cleaned: dict[str, Any] | None = form_class.clean(self)
        self.add_error(None, ValidationError(refusal.messages))
        return cleaned

    refused: type[forms.ModelForm[Any]] = type(
        form_class.__name__, (form_class,), {"clean": clean}
    )
    return refused


class SiteInlinePermissions:
    """Mix into an inline: whoever may use the admin site may view, add, change and
    delete its rows (the parent's admin and its services decide what is saved)."""

    admin_site: admin.AdminSite

    def _allowed(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class ServiceModelAdmin(admin.ModelAdmin[_M]):
    """A model admin whose writes go through services (see the module docstring)."""

    def _allowed(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Django runs the form view in one transaction; a refusal raised by a service
        # rolls all of it back. Then show the same form again, with the refusal.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            if request.method != "POST" or hasattr(request, _REFUSAL):
                raise
            setattr(request, _REFUSAL, refusal)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(
        self,
        request: HttpRequest,
        obj: _M | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> type[forms.ModelForm[_M]]:
        form_class = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, _REFUSAL, None)
        if refusal is None:
            return form_class
        return _with_refusal(form_class, refusal)

    def save_model(
        self, request: HttpRequest, obj: _M, form: forms.ModelForm[_M], change: bool
    ) -> None:
        raise PermissionDenied  # every admin that can save says which service to call

    def delete_model(self, request: HttpRequest, obj: _M) -> None:
        raise PermissionDenied

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[_M]) -> None:
        raise PermissionDenied

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm[_M],
        formsets: Iterable[BaseInlineFormSet[Any, Any, Any]],
        change: bool,
    ) -> None:
        # Not form.save_m2m(): many-to-many values are set by the services.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(
        self,
        request: HttpRequest,
        form: forms.ModelForm[_M],
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        # Read-only inlines: nothing to save, but the change message needs these.
        formset.new_objects = []
        formset.changed_objects = []
        formset.deleted_objects = []

    def run_service(
        self,
        request: HttpRequest,
        queryset: QuerySet[_M],
        service: Callable[[User, _M], object],
        done: str,
    ) -> None:
        """Run ``service`` for every selected row: each in its own transaction, each
        refusal reported by name, the successes counted."""
        actor = admin_actor(request)
        succeeded = 0
        for obj in queryset.order_by("pk"):
            try:
                service(actor, obj)
            except ValidationError as refusal:
                self.message_user(
                    request,
                    _("%(object)s: %(message)s")
                    % {"object": obj, "message": " ".join(refusal.messages)},
                    messages.ERROR,
                )
            else:
                succeeded += 1
        if succeeded:
            self.message_user(request, done % {"count": succeeded}, messages.SUCCESS)


class ReadOnlyModelAdmin(ServiceModelAdmin[_M]):
    """View and search only: no add, change or delete, not even for superusers."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.admin_site.has_permission(request)


@checks.register(checks.Tags.security, deploy=True)
def check_admin_site(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Django's own admin site lets any active staff user in, without a second factor
    or a coordinator role."""
    implementation = getattr(admin.site.has_permission, "__func__", None)
    if implementation is not admin.AdminSite.has_permission:
        return []
    return [
        checks.Error(
            "The admin lets staff in without a second factor or coordinator role.",
            hint='Use "config.admin.WijkvoucherAdminConfig" instead of '
            '"django.contrib.admin" in INSTALLED_APPS.',
            id="core.E001",
        )
    ]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin[AuditEvent]):
    list_display = [
        "sequence",
        "created_at",
        "actor_label",
        "action",
        "subject_label",
        "result",
        "origin",
    ]
    list_filter = ["result", "action"]
    search_fields = [
        "action",
        "actor__email",
        "actor_label",
        "subject_label",
        "subject_id",
        "origin",
    ]
    date_hierarchy = "created_at"
    ordering = ["-id"]  # newest first, sealed or not (docs/adr/0010)
    list_select_related = ["actor"]
