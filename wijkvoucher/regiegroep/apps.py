from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegiegroepConfig(AppConfig):
    name = "wijkvoucher.regiegroep"
    label = "regiegroep"
    verbose_name = _("Regiegroep")
