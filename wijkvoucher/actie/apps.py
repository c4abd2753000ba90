from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActieConfig(AppConfig):
    name = "wijkvoucher.actie"
    label = "actie"
    verbose_name = _("ACTIE instrument")
