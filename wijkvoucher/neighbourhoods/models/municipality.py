"""The municipality: its letterhead, logo and the people who sign its decisions."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.models import BaseModel
from wijkvoucher.neighbourhoods import constants as c


def logo_upload_to(instance: Municipality, filename: str) -> str:
    """A random name: the logo is served by the municipality's short name, never by
    its file name."""
    suffix = filename.rsplit(".", 1)[-1].lower()
    return f"logos/{uuid.uuid4().hex}.{suffix}"


class Municipality(BaseModel):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    postal_address = models.CharField(
        _("postal address for objections"), max_length=300, blank=True
    )
    # The account payouts to providers and initiators are paid from (SEPA debtor).
    payout_account_name = models.CharField(
        _("paying account holder"), max_length=70, blank=True
    )
    payout_iban = models.CharField(_("paying IBAN"), max_length=34, blank=True)
    payout_bic = models.CharField(_("paying BIC"), max_length=11, blank=True)
    # The letterhead and signature of the beschikking and the voucher
    # (docs/documents.md). The logo is checked and saved again by
    # ``municipality_logo_set``.
    logo = models.FileField(
        _("logo"), upload_to=logo_upload_to, max_length=200, blank=True
    )
    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=100,
        blank=True,
        help_text=_(
            "Who signs the decisions, e.g. J. de Vries. Empty: the decisions are "
            "signed by the college van burgemeester en wethouders."
        ),
    )
    signatory_function = models.CharField(
        _("signatory's function"),
        max_length=100,
        blank=True,
        help_text=_("E.g. Teamleider Wijken."),
    )
    signatory_mandate = models.CharField(
        _("on whose behalf"),
        max_length=200,
        blank=True,
        help_text=_(
            "The line above the name. Empty: on behalf of the college van "
            "burgemeester en wethouders."
        ),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Signatory(BaseModel):
    """Another signatory for the decisions taken in one authority mode, e.g. the
    regiegroep's chair under mandate. Without one, the municipality's signatory
    signs."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="signatories",
    )
    authority_mode = models.CharField(
        _("who decides"), max_length=20, choices=c.AuthorityMode.choices
    )
    name = models.CharField(_("signatory's name"), max_length=100)
    function = models.CharField(_("signatory's function"), max_length=100)
    mandate = models.CharField(_("on whose behalf"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("signatory per way of deciding")
        verbose_name_plural = _("signatories per way of deciding")
        ordering = ["municipality", "authority_mode"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "authority_mode"],
                name="signatory_one_per_mode",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_authority_mode_display()})"
