from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "wijkvoucher.work"
    label = "work"
    verbose_name = _("My work")

    def ready(self) -> None:
        # Fill initiatives' plan pages with the decisions and vouchers panels: this
        # app sits above all three (docs/architecture.md, dependency direction).
        from wijkvoucher.core.security_events import on_burst
        from wijkvoucher.work.plan_pages import compose
        from wijkvoucher.work.security import security_burst_notify

        compose()
        # A burst of refused requests is told to the coordinators
        # (docs/adr/0014-security-events.md).
        on_burst(security_burst_notify)
