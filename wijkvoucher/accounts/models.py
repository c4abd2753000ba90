"""The custom user, from the first migration. People sign in with their e-mail
address; there are no passwords for residents (docs/adr/0004)."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Empty for residents registered at the counter who have no e-mail (assisted intake).
    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("nl", "Nederlands"), ("en", "English")],
        default="nl",
    )
    consent_publish_name = models.BooleanField(
        _("my name may be published with my plans"), default=False
    )
    consent_research = models.BooleanField(
        _("I may be asked to take part in research"), default=False
    )
    registered_by = models.ForeignKey(
        "self",
        verbose_name=_("registered by (assisted intake)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin"), default=False)
    date_joined = models.DateTimeField(_("registered on"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email or str(self.uuid)

    @property
    def display_name(self) -> str:
        if self.full_name:
            return self.full_name
        return self.email.split("@")[0] if self.email else str(self.uuid)[:8]
