from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkvoucher.accounts.models import User
from wijkvoucher.core.services import audit_seal
from wijkvoucher.decisions.models import Decision
from wijkvoucher.demo.loader import demo_load
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.providers.models import Provider
from wijkvoucher.regiegroep.models import Meeting


class Command(BaseCommand):
    help = (
        "Load the demo data (the fictional gemeente Dijkstad) through the services. "
        "Runs only with WIJKVOUCHER_DEMO=1; a second run changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "demo_load only runs in demo mode (WIJKVOUCHER_DEMO=1): it creates "
                "people whose second-factor secrets are public."
            )
        loaded = demo_load()
        audit_seal()  # the story's audit events, chained now rather than in a minute
        if not loaded:
            self.stdout.write(
                "demo_load: the demo data already exists; nothing changed."
            )
            return
        self.stdout.write(
            "demo_load: created gemeente Dijkstad with "
            f"{Neighbourhood.objects.count()} wijken, "
            f"{User.objects.count()} people, "
            f"{Provider.objects.count()} providers, "
            f"{Initiative.objects.count()} plans, "
            f"{Meeting.objects.count()} regiegroep meetings and "
            f"{Decision.objects.count()} beschikkingen. "
            "`manage.py demo_credentials --text` says which login shows what."
        )
