from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "wijkvoucher.work"
    label = "work"
    verbose_name = _("My work")

    def ready(self) -> None:
        # Fill initiatives' plan pages with the decisions and vouchers panels: this
        # app sits above all three (docs/architecture.md, dependency direction).
        from wijkvoucher.work.plan_pages import compose

        compose()
